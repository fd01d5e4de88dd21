"""The akkoordcheck in a child process (issue 23, point 6): same result as in-process, progress through a
pipe, stopped at its time and memory limit with a Dutch refusal, never a child left behind, and the
app's own entry points (``agreements``, the CLI) read files this way."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from scan.cli import main
from scan.records import agreements
from scan.records.round import rounds
from scan.rules.akkoord import AgreementError, Limits, analyse, analysis, runner
from scan.rules.akkoord.zygote import Zygote
from scan.storage.core import Store

from . import hostile
from .test_bad_inputs import DUTCH, _encrypted_pdf, _pdf

MB = 1024 * 1024


def _children_of(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def _children() -> set[int]:
    """The pids of the reading children still alive (Linux): this process's children and the zygote's,
    not the zygote itself (it lives as long as this process, like the app's)."""
    found = _children_of(os.getpid())
    zygote = Zygote._instance
    if zygote is not None and zygote.pid in found:
        found = (found - {zygote.pid}) | _children_of(zygote.pid)
    return found


@pytest.fixture
def no_child_left():
    before = _children()
    yield
    assert _children() <= before, "a child process of the akkoordcheck was left running"


def test_same_result_as_in_process_with_progress_in_the_callers_thread(no_child_left) -> None:
    data = _pdf(3)
    seen: list[tuple[float, str, int]] = []
    outcome = runner.run(data, "a.pdf", on_progress=lambda f, t: seen.append((f, t, threading.get_ident())))
    assert outcome.ended == "finished" and outcome.error is None
    assert outcome.analysis == analyse(data, "a.pdf")
    assert [(f, t) for f, t, _ in seen] == [
        (0.2, "Pagina 1 van 3 gelezen"),
        (0.4, "Pagina 2 van 3 gelezen"),
        (0.6, "Pagina 3 van 3 gelezen"),
        (0.65, "Passages zoeken"),
        (0.85, "Passages rangschikken"),
        (1.0, "Klaar"),
    ]
    assert {thread for _, _, thread in seen} == {threading.get_ident()}  # Streamlit draws from its own thread
    assert 20 < outcome.peak_mib < 300


def test_pasted_text_too() -> None:
    assert runner.analyse_text_isolated(DUTCH).proposals["2c"].status == "staat_erin"
    with pytest.raises(AgreementError, match=r"^De geplakte tekst bevat meer dan 1\.000 tekens"):
        runner.analyse_text_isolated(DUTCH * 20, limits=Limits(max_bytes=MB, max_chars=1_000))


def test_a_readers_refusal_comes_through_unchanged(no_child_left) -> None:
    outcome = runner.run(_encrypted_pdf(), "beveiligd.pdf")
    assert outcome.ended == "refused" and outcome.analysis is None
    assert outcome.error == (
        "beveiligd.pdf is beveiligd met een wachtwoord. Sla de PDF op zonder wachtwoord en probeer het opnieuw."
    )


def test_too_big_is_refused_without_a_child(monkeypatch) -> None:
    def no_child(*args, **kwargs):
        raise AssertionError("a child was started for a file that is refused by its size")

    monkeypatch.setattr(runner, "_start_child", no_child)
    outcome = runner.run(b"%PDF-" + b"x" * 2000, "groot.pdf", limits=Limits(max_bytes=1000))
    assert outcome.ended == "refused" and outcome.error.startswith("groot.pdf is te groot (2 kB).")


def test_stopped_at_its_time_limit(no_child_left) -> None:
    data = hostile.big_txt(size=2_000_000)  # 300 pages; about 4 s of work
    outcome = runner.run(data, "traag.txt", limits=Limits(max_bytes=50 * MB, seconds=1.5))
    assert outcome.ended == "too_slow" and outcome.analysis is None
    assert outcome.error == (
        "Dit bestand (traag.txt) is te zwaar om te lezen: het lezen duurde langer dan 1,5 seconden. "
        "Sla alleen het deel met de afspraken op als nieuw bestand (PDF, Word of tekst) en probeer het opnieuw."
    )
    assert outcome.seconds < 5  # stopped at the limit, not at the end of the work


def test_stopped_at_its_memory_limit(no_child_left) -> None:
    data = hostile.big_txt(size=2_000_000)  # needs about 160 MB
    # a generous time limit: on a loaded machine the memory limit must still be the one that stops it
    outcome = runner.run(data, "vol.txt", limits=Limits(max_bytes=50 * MB, memory_mb=120, seconds=120))
    assert outcome.ended == "too_much_memory" and outcome.analysis is None
    assert outcome.error.startswith(
        "Dit bestand (vol.txt) is te zwaar om te lezen: het lezen vroeg meer dan 120 MB geheugen."
    )
    # RLIMIT_AS counts address space: what was reserved before the limit may still become resident
    assert outcome.peak_mib is not None and outcome.peak_mib <= 120 * 1.1


@pytest.mark.parametrize(
    ("name", "make", "start"),
    [
        ("bom.docx", hostile.zip_bomb_docx, "bom.docx pakt uit tot 45 MB"),
        ("zwaar.docx", hostile.heavy_docx, "zwaar.docx is uitgepakt te groot"),
        (
            "pagina.pdf",
            hostile.huge_page_pdf,
            "Dit bestand (pagina.pdf) is te zwaar om te lezen: het lezen vroeg",
        ),
        ("groot.txt", hostile.big_txt, "groot.txt bevat meer dan 3.000.000 tekens tekst"),
    ],
)
def test_the_hostile_files_of_the_issue_are_refused_within_the_limits(
    no_child_left, name, make, start
) -> None:
    outcome = runner.run(make(), name)
    assert outcome.analysis is None and outcome.error.startswith(start), outcome
    # the limit is on address space, set from the child's resident size at that moment: pages it had
    # mapped but not yet resident (or swapped out on a busy machine) may come in later, hence the 10 %
    assert outcome.peak_mib is not None and outcome.peak_mib <= Limits.default().memory_mb * 1.1, outcome


def test_no_child_is_left_when_the_caller_stops(no_child_left) -> None:
    class Stopped(Exception):  # as Streamlit's StopException when the user leaves the page
        pass

    def stop(fraction: float, text: str) -> None:
        raise Stopped

    with pytest.raises(Stopped):
        runner.run(_pdf(3), "a.pdf", on_progress=stop)


def test_a_file_waits_for_a_free_slot_or_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(runner, "_slots", threading.BoundedSemaphore(1))
    runner._slots.acquire()  # someone else's file is being read
    seen: list[str] = []
    outcome = runner.run(_pdf(1), "a.pdf", on_progress=lambda f, t: seen.append(t), wait=0.2)
    assert outcome.ended == "busy" and outcome.error == runner.BUSY
    assert seen == ["Wachten tot een ander akkoord gelezen is"]
    threading.Timer(0.3, runner._slots.release).start()  # the other file is done
    assert runner.run(_pdf(1), "a.pdf", wait=5).ended == "finished"


def test_the_time_limit_counts_from_the_childs_start(monkeypatch) -> None:
    # a file that waited for a free slot longer than its time limit still gets the whole limit
    monkeypatch.setattr(runner, "_slots", threading.BoundedSemaphore(1))
    runner._slots.acquire()
    threading.Timer(2.0, runner._slots.release).start()
    outcome = runner.run(DUTCH, limits=Limits(max_bytes=MB, seconds=1.5), wait=10)
    assert outcome.ended == "finished" and outcome.seconds >= 2.0


def _no_analysis_here(*args, **kwargs):
    raise AssertionError("the analysis ran in the server's own process")


def test_the_app_reads_an_uploaded_file_in_a_child(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(analysis, "analyse_document", _no_analysis_here)
    rnd = rounds.start(store, "GM0355", 2026)
    stored = agreements.read_file(store, rnd.id, _pdf(2), "akkoord.pdf")
    assert stored.analysis.proposals["2c"].status == "staat_erin"
    stored = agreements.read_pasted(store, rnd.id, DUTCH)
    assert stored.analysis.proposals["2c"].status == "staat_erin"
    with pytest.raises(AgreementError, match=r"^Dit bestand \(pagina.pdf\) is te zwaar om te lezen"):
        agreements.read_file(store, rnd.id, hostile.huge_page_pdf(), "pagina.pdf")
    assert agreements.get(store, rnd.id).filename == agreements.PASTED  # the refused file changed nothing


def test_the_cli_reads_files_in_a_child(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(analysis, "analyse_document", _no_analysis_here)
    folder = tmp_path / "akkoorden"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(_pdf(1))
    (folder / "pagina.pdf").write_bytes(hostile.huge_page_pdf())
    (folder / "b.txt").write_text(DUTCH, encoding="utf-8")
    assert main(["akkoord", str(folder), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "2 akkoorden gelezen, 1 overgeslagen." in captured.out
    assert "Overgeslagen: Dit bestand (pagina.pdf) is te zwaar om te lezen" in captured.err
    assert main(["akkoord", str(folder / "pagina.pdf")]) == 2  # "Fout: ..."
    assert "Dit bestand (pagina.pdf) is te zwaar om te lezen" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("code", "timed_out", "peak", "ended"),
    [
        (runner.EXIT_MEMORY, False, None, "too_much_memory"),
        (1, False, 110.0, "too_much_memory"),  # SystemError near the limit (a CI run saw it)
        (-6, False, 110.0, "too_much_memory"),  # a C library aborted near the limit
        (-6, False, 30.0, "crashed"),
        (1, False, 30.0, "failed"),  # a real error, far from the limit: reported as one
        (1, False, None, "failed"),
        (-9, True, 110.0, "too_slow"),
    ],
)
def test_how_a_child_without_a_result_ended(code: int, timed_out: bool, peak, ended: str) -> None:
    assert runner.ending(code, timed_out, peak, 120) == ended
