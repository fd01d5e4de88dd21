"""Warm the process at server start, in the background, so the first visitor does not wait.

Runs from the ``st.App`` lifespan in server.py: the imports, the question bank, the reference
data and the database connection are ready before (or while) the first browser loads the page.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator

from scan.ui.tcp_nodelay import enable_nodelay_on_listeners


def _warm() -> None:
    # First what the start page needs, then what later pages need (charts, reports, workshops).
    import datetime

    from scan.base.formatting import nl_date, nl_number
    from scan.base.settings import database_path
    from scan.content.questionbank import question_bank
    from scan.content.reference import reference
    from scan.storage.core import Store

    question_bank()
    reference()
    Store(database_path())  # runs pending migrations once, off the request path
    nl_number(1234.5, 1)
    nl_date(datetime.date.today())  # babel loads its Dutch locale data

    import plotly.graph_objects  # noqa: F401 - loading the module is the point

    from scan.rules import (
        charts,  # noqa: F401
    )


@contextlib.asynccontextmanager
async def warm_up(_app) -> AsyncIterator[None]:
    enable_nodelay_on_listeners()  # before the first browser connects; see tcp_nodelay.py
    threading.Thread(target=_warm, name="democratiescan-warmup", daemon=True).start()
    yield
