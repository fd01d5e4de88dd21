"""A minimal Streamlit browser stand-in: one session over ``/_stcore/stream``, speaking the
same protobuf messages (BackMsg/ForwardMsg) as the real frontend. Used by the benchmarks that
must measure the real server rather than an in-process test harness."""

from __future__ import annotations

import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

SUCCESS = (0, 3)  # FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY
COMPILE_ERROR = 1  # 2 = stopped early for a rerun (st.rerun): the next run follows


class StreamSession:
    """One browser tab: reruns the script with a query string, page and widget states."""

    def __init__(self, http_url: str, query: str = "", page: str = "") -> None:
        self.url = http_url.replace("http://", "ws://") + "/_stcore/stream"
        self.query = query
        self.page_name = page
        self.page_hash = ""
        self.ws = None
        self.elements: dict[str, list] = {}  # element kind -> protos seen in the last run
        self.fragments: dict[str, str] = {}  # widget id -> the fragment that drew it ("" = none)
        self.exceptions: list[str] = []

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=60
        )

    async def close(self) -> None:
        await self.ws.close()

    def widget(self, kind: str):
        """The first widget of this kind drawn by the last run, or None."""
        found = self.elements.get(kind)
        return found[0] if found else None

    async def rerun(self, widget_state: WidgetState | None = None) -> float:
        """Send one rerun and read until the script has finished; returns the seconds it took.
        A widget drawn inside an ``st.fragment`` reruns only that fragment, as in the browser."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.page_name = self.page_name
        if widget_state is not None:
            state.widget_states.widgets.append(widget_state)
            state.fragment_id = self.fragments.get(widget_state.id, "")
        t0 = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        self.elements, self.exceptions = {}, []
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "navigation":  # with st.navigation: the page that actually ran
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "script_finished":
                if msg.script_finished in SUCCESS:
                    return time.perf_counter() - t0
                if msg.script_finished == COMPILE_ERROR:
                    raise RuntimeError("the script did not compile")
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                etype = element.WhichOneof("type")
                self.elements.setdefault(etype, []).append(getattr(element, etype))
                if hasattr(getattr(element, etype), "id"):
                    self.fragments[getattr(element, etype).id] = msg.delta.fragment_id
                if etype == "exception":
                    self.exceptions.append(element.exception.message)
