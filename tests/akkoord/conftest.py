from __future__ import annotations

import pytest

from .fixtures import labelled_passages


@pytest.fixture(scope="session")
def passages():
    return {p.id: p for p in labelled_passages()}
