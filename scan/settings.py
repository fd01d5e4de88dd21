"""Where the database lives: ``DEMOCRATIESCAN_DB`` or the project's data folder."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_DIR / "data" / "democratiescan.sqlite"
DB_ENV = "DEMOCRATIESCAN_DB"


def database_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)
