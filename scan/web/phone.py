"""The participant's phone page of a live workshop, served by the same server as the app.

Routes (Starlette, added to Streamlit's server by server.py through ``st.App(routes=...)``):

- ``GET  /doe``                  type the room's code (a wrong code keeps the field, with the reason)
- ``GET  /doe/{code}``           the phone page: the current question straight away (the QR code's link)
- ``POST /doe/{code}/meedoen``   join: sets the participant's cookie (a random token; only its hash is kept);
                                 refused once the facilitator closed the room to new joins (the phone
                                 page then says so), counted per address for the facilitator (joins.py)
- ``POST /doe/{code}/antwoord``  ``{"vraag": "6.1", "waarde": 3 | "weet_niet"}``
- ``POST /doe/{code}/stem``      ``{"keuze": ["6a", "8a"]}``
- ``POST /doe/{code}/open``      ``{"vraag": "o1", "tekst": "..."}``
- ``POST /doe/{code}/zaalvraag`` ``{"tekst": "..."}``: a question from the room (Q&A)
- ``POST /doe/{code}/steun``     ``{"vraag": 12, "aan": true | false}``: upvote a question, or undo it
- ``GET  /doe/{code}/stroom``    server-sent events: ``mijn`` (this phone's answers) and ``stand``
                                 (the room's state) at once, then ``stand`` after every change

Answers are acknowledged only after they are committed (``{"ok": true}``); a refusal is
``{"ok": false, "fout": "<Dutch sentence>"}`` with status 409 (401: not joined, 429: too many
wrong codes). POSTs must be JSON (a cross-site form cannot send it) and the cookie is SameSite.
A Streamlit session per phone would cost ~10 ms of a core per tap; this costs well under one.
"""

from __future__ import annotations

import functools
import json
import secrets

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from scan.base.errors import InvalidAnswer, ScanError
from scan.base.settings import database_path
from scan.records import workshop
from scan.rules.throttle import THROTTLE, TooManyAttempts
from scan.storage.core import Store
from scan.web.hub import Hub, Writer, sse
from scan.web.joins import JOINS
from scan.web.page import closed_page, code_page, phone_page

PREFIX = "/doe"
TOKEN_COOKIE = "dm_t"
SESSION_COOKIE = "dm_sessie"
MAX_BODY = 4096  # bytes; server.py's BodyLimit refuses a longer body before it is read
TOO_LONG = "Dit antwoord is te lang."
NOT_JOINED = "U bent nog niet aangemeld bij deze workshop."


@functools.lru_cache(maxsize=4)
def _services(path: str) -> tuple[Store, Hub, Writer]:
    store = Store(path)
    return store, Hub(store), Writer(store)


def services() -> tuple[Store, Hub, Writer]:
    return _services(str(database_path()))


def _csp(nonce: str) -> str:
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; img-src 'none'"
    )


def _html(text: str, nonce: str, status: int = 200, session: str | None = None) -> HTMLResponse:
    response = HTMLResponse(
        text,
        status_code=status,
        headers={
            "Content-Security-Policy": _csp(nonce),
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
        },
    )
    if session:
        response.set_cookie(
            SESSION_COOKIE, session, max_age=86400, httponly=True, samesite="lax", path=PREFIX
        )
    return response


def _session(request: Request) -> tuple[str, str | None]:
    """This browser's throttle session (a cookie), and a new one to set if it had none."""
    found = request.cookies.get(SESSION_COOKIE, "")
    if 16 <= len(found) <= 40:
        return found, None
    made = secrets.token_urlsafe(16)
    return made, made


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


def _lookup(request: Request, code: str, session: str) -> workshop.Workshop:
    """The room this request is for. A phone that joined it shows its participant token (a random
    secret, not a code anyone can guess) and gets it straight away: wrong codes that other clients
    behind the same address send never slow it down. Anyone else looks the code up, throttled per
    session and address (scan/rules/throttle.py)."""
    store, _, _ = services()
    token = request.cookies.get(TOKEN_COOKIE)
    if token:
        joined = workshop.joined_room(store, token)
        if joined is not None and joined.join_code == workshop.clean_code(code):
            return joined
    return THROTTLE.guard(
        "workshopcode", session, _address(request), lambda: workshop.by_join_code(store, code)
    )


async def code_form(request: Request) -> Response:
    nonce = secrets.token_urlsafe(12)
    session, new = _session(request)
    typed = request.query_params.get("code")
    if typed is None:
        return _html(code_page("", None, nonce), nonce, session=new)
    typed = typed[:40]
    try:
        ws = _lookup(request, typed, session)
    except ScanError as exc:
        return _html(code_page(typed, str(exc), nonce), nonce, status=200, session=new)
    return RedirectResponse(f"{PREFIX}/{ws.join_code}", status_code=303)


async def phone(request: Request) -> Response:
    nonce = secrets.token_urlsafe(12)
    session, new = _session(request)
    typed = request.path_params["code"][:40]
    try:
        ws = _lookup(request, typed, session)
    except ScanError as exc:
        return _html(code_page(typed, str(exc), nonce), nonce, status=404, session=new)
    if typed != ws.join_code:  # "abcde-fghjk" typed in the address bar: one address per room
        return RedirectResponse(f"{PREFIX}/{ws.join_code}", status_code=303)
    store, hub, _ = services()
    mine = _mine(store, ws.id, request)
    if mine is None and ws.phase == "ended":  # a newcomer took no part: no thanks, say what happened
        return _html(
            closed_page(ws.title, workshop.ENDED_FOR_NEWCOMERS, nonce, "De workshop is afgelopen"),
            nonce,
            status=410,
            session=new,
        )
    if mine is None and not workshop.joining_open(store, ws.id):
        return _html(
            closed_page(ws.title, workshop.JOINING_CLOSED_WHY, nonce), nonce, status=403, session=new
        )
    room = hub.room(ws.id)
    state = json.loads(room.frame.split(b"data: ", 1)[1])
    return _html(phone_page(ws.join_code, state, mine, nonce), nonce, session=new)


def _mine(store: Store, workshop_id: int, request: Request) -> dict | None:
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        return None
    try:
        return workshop.mine(store, workshop_id, token)
    except ScanError:
        return None


def _refusal(exc: Exception) -> JSONResponse:
    if isinstance(exc, TooManyAttempts):
        status = 429
    elif isinstance(exc, ScanError) and str(exc).startswith(NOT_JOINED):
        status = 401
    elif isinstance(exc, ScanError):
        status = 409
    else:
        return JSONResponse({"ok": False, "fout": "Opslaan lukte even niet. We proberen het opnieuw."}, 503)
    return JSONResponse({"ok": False, "fout": str(exc)}, status)


async def _body(request: Request) -> dict:
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise InvalidAnswer("Stuur het antwoord vanaf de pagina van de workshop.")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise InvalidAnswer(TOO_LONG)
    try:
        data = json.loads(raw or b"{}")
    except ValueError as exc:
        raise InvalidAnswer("Dit antwoord kunnen we niet lezen.") from exc
    if not isinstance(data, dict):
        raise InvalidAnswer("Dit antwoord kunnen we niet lezen.")
    return data


async def _act(request: Request, make_operation) -> Response:
    """Parse, look up the room (throttled), and write through the shared writer."""
    session, _ = _session(request)
    try:
        data = await _body(request)
        ws = _lookup(request, request.path_params["code"][:40], session)
        token = request.cookies.get(TOKEN_COOKIE, "")
        _, _, writer = services()
        result = await writer.submit(make_operation(ws, token, data))
    except Exception as exc:
        return _refusal(exc)
    return JSONResponse({"ok": True} if result is None else result)


async def join(request: Request) -> Response:
    session, _ = _session(request)
    try:
        await _body(request)
        ws = _lookup(request, request.path_params["code"][:40], session)
        _, _, writer = services()
        token = await writer.submit(workshop.join_op(ws.id))
    except Exception as exc:
        return _refusal(exc)
    JOINS.joined(ws.id, _address(request))
    response = JSONResponse(
        {"ok": True, "mijn": {"antwoorden": {}, "stemmen": [], "open": {}, "vragen": [], "steun": []}}
    )
    response.set_cookie(
        TOKEN_COOKIE,
        token,
        max_age=86400,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path=f"{PREFIX}/{ws.join_code}",
    )
    return response


def _answer(ws, token, data):
    value = data.get("waarde")
    dont_know = value == workshop.DONT_KNOW
    return workshop.answer_op(
        ws.id, token, str(data.get("vraag", ""))[:10], None if dont_know else value, dont_know
    )


def _vote(ws, token, data):
    return workshop.vote_op(ws.id, token, data.get("keuze"))


def _open(ws, token, data):
    return workshop.open_answer_op(ws.id, token, str(data.get("vraag", ""))[:10], data.get("tekst"))


def _ask(ws, token, data):
    return workshop.ask_op(ws.id, token, data.get("tekst"))


def _upvote(ws, token, data):
    return workshop.upvote_op(ws.id, token, data.get("vraag"), data.get("aan"))


async def answer(request: Request) -> Response:
    return await _act(request, _answer)


async def vote(request: Request) -> Response:
    return await _act(request, _vote)


async def open_answer(request: Request) -> Response:
    return await _act(request, _open)


async def ask(request: Request) -> Response:
    return await _act(request, _ask)


async def upvote(request: Request) -> Response:
    return await _act(request, _upvote)


async def stream(request: Request) -> Response:
    session, _ = _session(request)
    try:
        ws = _lookup(request, request.path_params["code"][:40], session)
    except ScanError as exc:
        return _refusal(exc)
    store, hub, _ = services()
    mine = _mine(store, ws.id, request)
    first = sse("mijn", mine) if mine is not None else b""
    return StreamingResponse(
        hub.stream(ws.id, first),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


ROUTES = [
    Route(PREFIX, code_form, methods=["GET"]),
    Route(f"{PREFIX}/{{code}}", phone, methods=["GET"]),
    Route(f"{PREFIX}/{{code}}/meedoen", join, methods=["POST"]),
    Route(f"{PREFIX}/{{code}}/antwoord", answer, methods=["POST"]),
    Route(f"{PREFIX}/{{code}}/stem", vote, methods=["POST"]),
    Route(f"{PREFIX}/{{code}}/open", open_answer, methods=["POST"]),
    Route(f"{PREFIX}/{{code}}/zaalvraag", ask, methods=["POST"]),
    Route(f"{PREFIX}/{{code}}/steun", upvote, methods=["POST"]),
    Route(f"{PREFIX}/{{code}}/stroom", stream, methods=["GET"]),
]


def join_path(code: str) -> str:
    """The path of a room's phone page (the QR code's link, after the app's address)."""
    return f"{PREFIX}/{code}"


class LegacyJoinRedirect:
    """``/?ws=CODE`` (QR codes printed before the phone page) leads to ``/doe/CODE``."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope.get("path") == "/" and b"ws=" in scope.get("query_string", b""):
            from urllib.parse import parse_qs, quote

            code = parse_qs(scope["query_string"].decode("latin-1")).get("ws", [""])[0]
            target = f"{PREFIX}/{quote(workshop.clean_code(code))}" if code else PREFIX
            await RedirectResponse(target, status_code=303)(scope, receive, send)
            return
        await self.app(scope, receive, send)
