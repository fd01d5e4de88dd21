"""Two app processes on one database behind Debian's nginx, as ``python -m scan serve`` starts them:
a griffier's session (log in, answer, results, a PDF download) stays on its process, and a workshop
whose facilitator works on one process reaches phones on both.

nginx logs which process served each request, with the browser's affinity cookie
(``Deployment(access_log=True)``): the assertions read that log.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from scan.content.questionbank import question_bank
from scan.records import access, workshop
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.storage.core import Store
from scan.web.serve import Deployment

from .conftest import _free_port

pytestmark = pytest.mark.e2e
PASSWORD = "wachtwoord-zeist"


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[Deployment]:
    running = Deployment(
        tmp_path / "twee.sqlite",
        workers=2,
        port=_free_port(),
        worker_ports=[_free_port(), _free_port()],
        run_dir=tmp_path / "run",
        access_log=True,
        quiet=True,
    )
    running.start()
    try:
        yield running
    finally:
        running.stop()


def _log(deployment: Deployment) -> list[tuple[str, str, str, str, str]]:
    """(process, affinity cookie, status, method, path) of every request nginx has finished."""
    assert deployment.run_dir is not None
    lines = (deployment.run_dir / "access.log").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split(" ", 4)) for line in lines]  # type: ignore[misc]


def _process_of_last(deployment: Deployment, path: str) -> str:
    return [row[0] for row in _log(deployment) if row[4] == path][-1]


def _log_in(page) -> None:
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def test_sessions_stay_on_their_process_and_a_workshop_spans_both(deployment: Deployment, browser) -> None:
    store = Store(deployment.db)
    rnd = rounds.start(store, "GM0355", 2026)
    access.set_password(store, "GM0355", PASSWORD)
    questions = question_bank().questions_for_role("griffie")
    for q in questions[1:]:  # the griffier answers the first one in the browser
        answer_store.save(store, rnd.id, q.id, 2)
    ws, _ = workshop.create(store, rnd.id, ["6.1"], "Raadsavond Zeist")
    url = deployment.url

    # a griffier: log in, answer, see the results and download the report
    griffier = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 1000}, accept_downloads=True
    )
    page = griffier.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/vragenlijst?gemeente=GM0355&jaar=2026&onderdeel=1")
    _log_in(page)
    group = page.get_by_role("radiogroup", name=f"Antwoord op vraag {questions[0].id}")
    group.get_by_text(re.compile(r"^3")).first.click()
    expect(group.get_by_role("radio", checked=True)).to_have_count(1)
    expect(page.get_by_text(f"{len(questions)} van {len(questions)} vragen beantwoord")).to_be_visible()
    page.goto(f"{url}/resultaten?gemeente=GM0355&jaar=2026")  # a new Streamlit session: log in again
    _log_in(page)
    expect(page.get_by_role("heading", name="Resultaten: Zeist 2026")).to_be_visible()
    with page.expect_download(timeout=90_000) as info:  # a URL under /media/ of the session's process
        page.get_by_role("button", name="Rapport (PDF)").click()
    text = "".join(p.extract_text() for p in PdfReader(info.value.path()).pages)
    assert "Zeist" in text
    assert answer_store.of(store, rnd.id)[questions[0].id].value == 3

    # a facilitator on one process opens the question; phones on both processes see it and answer
    facilitator = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    lead = facilitator.new_page()
    lead.set_default_timeout(30_000)
    lead.goto(f"{url}/leiden?workshop={ws.ref}")
    _log_in(lead)
    expect(lead.get_by_role("button", name="Openen")).to_be_visible()
    lead_process = _process_of_last(deployment, "/leiden")

    phones: list = []
    on: defaultdict[int, int] = defaultdict(int)
    join = f"/doe/{ws.join_code}"
    while min(on[p.port] for p in deployment.pool) < 2:  # each process at least two phones
        assert len(phones) < 24, f"phones landed on one process only: {dict(on)}"
        context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
        phone = context.new_page()
        phone.set_default_timeout(20_000)
        phone.goto(f"{url}{join}")
        expect(phone.get_by_text("nog niet open")).to_be_visible()
        on[int(_process_of_last(deployment, join).rsplit(":", 1)[1])] += 1
        phones.append((context, phone))

    lead.get_by_role("button", name="Openen").click()
    for _, phone in phones:  # the hub of every process sees the facilitator's change in the database
        expect(phone.get_by_text("De vraag is open")).to_be_visible(timeout=5_000)
        phone.get_by_role("radio", name=re.compile(r"^4")).check()
        expect(phone.get_by_text("Opgeslagen ✓")).to_be_visible()
    n = len(phones)
    expect(lead.get_by_text(f"{n} van {n}")).to_be_visible(timeout=10_000)
    assert workshop.tally(store, ws.id, "6.1").answered == n
    for context, _ in phones:
        context.close()
    facilitator.close()
    griffier.close()

    log = _log(deployment)
    processes = {f"127.0.0.1:{w.port}" for w in deployment.pool}
    served = {row[0] for row in log if row[0] in processes}
    assert served == processes, f"not every process served: {served}"
    # affinity: every browser (its cookie) reached exactly one process, websocket and media included
    by_cookie: dict[str, set[str]] = defaultdict(set)
    for process, cookie, _, _, _ in log:
        if cookie != "-" and process in processes:
            by_cookie[cookie].add(process)
    assert by_cookie and all(len(found) == 1 for found in by_cookie.values()), dict(by_cookie)
    media = [row for row in log if row[4].startswith("/media/")]
    assert media and all(row[2] == "200" for row in media), media
    phone_processes = {row[0] for row in log if row[4] == join}
    assert phone_processes == processes and lead_process in processes
