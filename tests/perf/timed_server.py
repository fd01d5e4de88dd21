"""The real democratiescan server (same app, middleware and lifespan as server.py), with the duration
of each script run logged for tests/perf/interaction.py. Run from the project root."""

from pathlib import Path

from _timing import record_script_runs

record_script_runs()

import streamlit as st  # noqa: E402

import server  # noqa: E402

app = st.App(
    str(Path(server.__file__).with_name("app.py")), middleware=server.MIDDLEWARE, lifespan=server.warm_up
)
