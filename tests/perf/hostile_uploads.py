"""Benchmark: hostile uploads to the akkoordcheck (issue 23, point 6: no upload takes the server down).

Run: python tests/perf/hostile_uploads.py [--skip-server] [--parsers]

The files are made here (tests/akkoord/hostile.py), all within the upload limit of 50 MB: the four
hostile files of the issue, a PDF that passes every check of the readers but is slow to read, and a
GENERATED 300-page agreement (tests/akkoord/fixtures.py; not a real one) in PDF and in Word.

1. The runner, as the Akkoord page calls it (``scan.rules.akkoord.runner.run``, default limits), from this
   process: per file its seconds, the child's peak resident memory (its own VmHWM) and the outcome
   (finished, or refused with the Dutch message).
2. The real server (``streamlit run server.py``) and Debian Chromium: each file uploaded on the Akkoord
   page; seconds until the page shows the outcome; the server process's resident memory before the
   first upload and after the last; the slowest answer of the health check while the files were read.
3. With ``--parsers``: reading the XML of the 5 MB .docx (95 MB unpacked) with python-docx, lxml's
   iterparse and lxml's parser target, each in its own process (the choice in docx_reader).

Targets: every file finishes or is refused within 30 s, with at most 500 MiB peak for the analysis;
the server's memory returns to its level before (within 50 MiB). Prints a final ``SUMMARY`` line with JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from _common import PROJECT

from scan.records.round import rounds
from scan.rules.akkoord import runner
from scan.rules.akkoord.limits import Limits
from scan.storage.core import Store
from tests.akkoord import hostile
from tests.akkoord.fixtures import agreement_paragraphs, write_docx, write_pdf
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server

MB = 1024 * 1024
TARGET_SECONDS, TARGET_PEAK_MIB, TARGET_SERVER_MIB = 30.0, 500.0, 50.0


def make_files(folder: Path) -> list[tuple[Path, str]]:
    """The files to upload, each with what it is."""
    paragraphs = [p.text for p in agreement_paragraphs(seed=300, count=80)]
    made = [
        ("bom.docx", hostile.zip_bomb_docx(), "zip bomb: word/document.xml unpacks to 45 MB"),
        ("zwaar.docx", hostile.heavy_docx(), ".docx of 5 MB, 95 MB of XML (19 to 1), 300 pages"),
        ("pagina.pdf", hostile.huge_page_pdf(), "PDF with one page of 31 million characters"),
        ("groot.txt", hostile.big_txt(), ".txt of 49,9 MB in 300 pages"),
        ("stukjes.pdf", hostile.pieces_pdf(), "30 pages of 6.500 separately placed characters"),
    ]
    files = []
    for name, data, what in made:
        path = folder / name
        path.write_bytes(data)
        files.append((path, what))
    pdf = write_pdf(paragraphs, folder / "akkoord-300.pdf", pages=300)
    files.append((pdf, "GENERATED 300-page agreement (PDF, tests/akkoord/fixtures.py)"))
    word = write_docx(
        [paragraphs[i % len(paragraphs)] for i in range(2400)],
        folder / "akkoord-300.docx",
        page_break_every=8,
    )
    files.append((word, "GENERATED 300-page agreement (Word, tests/akkoord/fixtures.py)"))
    return files


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def through_the_runner(files: list[tuple[Path, str]]) -> dict[str, dict]:
    print(
        "1. The runner, as the Akkoord page calls it (default limits: "
        f"{Limits.default().seconds:g} s, {Limits.default().memory_mb} MB):"
    )
    results = {}
    for path, what in files:
        data = path.read_bytes()
        outcome = runner.run(data, path.name)
        said = "finished" if outcome.analysis else f"refused: {outcome.error}"
        print(
            f"   {path.name:18s} {len(data) / MB:6.2f} MB  {outcome.seconds:5.1f} s  "
            f"peak {outcome.peak_mib or 0:4.0f} MiB  {outcome.ended:15s} ({what})\n      {said}"
        )
        results[path.name] = {
            "what": what,
            "megabytes": round(len(data) / MB, 2),
            "seconds": round(outcome.seconds, 2),
            "peak_mib": round(outcome.peak_mib or 0),
            "outcome": outcome.ended,
            "message": outcome.error,
        }
    return results


def through_the_server(files: list[tuple[Path, str]], tmp: Path) -> dict:
    from playwright.sync_api import sync_playwright

    print("2. The real server and Debian Chromium, each file uploaded on the Akkoord page:")
    server = start_server(tmp / "server.sqlite")
    slowest_health = 0.0
    reading = threading.Event()
    done = threading.Event()

    def watch_health() -> None:
        nonlocal slowest_health
        while not done.is_set():
            if reading.is_set():
                t0 = time.perf_counter()
                with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=30) as answer:
                    answer.read()
                slowest_health = max(slowest_health, time.perf_counter() - t0)
            time.sleep(0.1)

    watcher = threading.Thread(target=watch_health, daemon=True)
    watcher.start()
    uploads = {}
    try:
        rounds.start(Store(server.db), "GM0355", 2026)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nl-NL")
            page.set_default_timeout(60_000)
            page.goto(f"{server.url}/akkoord?gemeente=GM0355&jaar=2026")
            page.get_by_role("heading", name="Akkoord lezen").wait_for()
            time.sleep(2)
            before = rss_mib(server.process.pid)
            print(f"   server resident memory before the first upload: {before:.0f} MiB")
            for path, _ in files:
                if page.get_by_text("Een ander akkoord lezen").count():  # an agreement was read before
                    page.get_by_text("Een ander akkoord lezen").click()
                t0 = time.perf_counter()
                reading.set()
                page.locator("input[type=file]").set_input_files(str(path))
                shown = page.get_by_test_id("stAlertContentError").or_(
                    page.get_by_text("Het akkoord is gelezen. Beoordeel hieronder wat de app vond.")
                )
                shown.first.wait_for()
                seconds = time.perf_counter() - t0
                reading.clear()
                text = shown.first.inner_text().removeprefix("error").strip()
                page.goto(f"{server.url}/akkoord?gemeente=GM0355&jaar=2026")  # a fresh run, as after reading
                page.get_by_role("heading", name="Akkoordcheck: Zeist 2026").wait_for()
                time.sleep(1)
                rss = rss_mib(server.process.pid)
                uploads[path.name] = {
                    "seconds": round(seconds, 2),
                    "shown": text,
                    "server_rss_mib": round(rss),
                }
                print(
                    f"   {path.name:18s} {seconds:5.1f} s until the page shows (server then {rss:.0f} MiB): {text[:90]}"
                )
            page.close()
            browser.close()
        time.sleep(3)
        after = rss_mib(server.process.pid)
        print(
            f"   server resident memory after the last upload: {after:.0f} MiB ({after - before:+.0f} MiB); "
            f"slowest health check while reading: {slowest_health * 1000:.0f} ms"
        )
    finally:
        done.set()
        server.process.terminate()
        server.process.wait(timeout=20)
    return {
        "server_rss_before_mib": round(before),
        "server_rss_after_mib": round(after),
        "health_slowest_ms": round(slowest_health * 1000),
        "uploads": uploads,
    }


PARSE = {
    "python-docx": (
        "import docx, io, sys\n"
        "d = docx.Document(io.BytesIO(open(sys.argv[1], 'rb').read()))\n"
        "n = sum(len(t.text or '') for t in d.element.body.iter('{%s}t'))\n"
    ),
    "lxml iterparse, elements cleared": (
        "import zipfile, sys\nfrom lxml import etree\n"
        "n = 0\n"
        "with zipfile.ZipFile(sys.argv[1]).open('word/document.xml') as f:\n"
        "    for _, el in etree.iterparse(f, events=('end',), resolve_entities=False, no_network=True):\n"
        "        if el.tag == '{%s}t': n += len(el.text or '')\n"
        "        if el.tag == '{%s}p':\n"
        "            el.clear()\n"
        "            while el.getprevious() is not None: del el.getparent()[0]\n"
    ),
    "lxml parser target (docx_reader)": (
        "import sys\nfrom scan.rules.akkoord import docx_reader\nfrom scan.rules.akkoord.limits import Limits\n"
        "import zipfile\n"
        "a = zipfile.ZipFile(sys.argv[1]); body = docx_reader._Body('x', Limits(max_bytes=1, max_chars=10**9))\n"
        "docx_reader._parse(docx_reader._chunks(a, a.getinfo('word/document.xml'), 'x', 10**9), body, 'x')\n"
    ),
}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def compare_parsers(docx: Path) -> dict[str, dict]:
    print(f"3. Reading the XML of {docx.name} (95 MB unpacked), each way in its own process:")
    results = {}
    for name, code in PARSE.items():
        script = (
            code.replace("%s", W)
            + "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        )
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script, str(docx)], cwd=PROJECT, capture_output=True, text=True, check=True
        )
        seconds = time.perf_counter() - t0
        peak = int(done.stdout.split()[-1]) / 1024
        results[name] = {"seconds": round(seconds, 1), "peak_mib": round(peak)}
        print(f"   {name:34s} {seconds:5.1f} s  peak {peak:5.0f} MiB")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-server", action="store_true", help="only the runner, no server and browser")
    parser.add_argument("--parsers", action="store_true", help="also compare the ways to parse Word XML")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        files = make_files(tmp)
        before = rss_mib(os.getpid())
        results = through_the_runner(files)
        after = rss_mib(os.getpid())
        print(f"   this process (the parent, as the server): {before:.0f} MiB before, {after:.0f} MiB after")
        summary: dict = {
            "runner": results,
            "parent_rss_before_mib": round(before),
            "parent_rss_after_mib": round(after),
        }
        if not args.skip_server:
            summary["server"] = through_the_server(files, tmp)
        if args.parsers:
            summary["parsers"] = compare_parsers(tmp / "zwaar.docx")
    met = all(r["seconds"] <= TARGET_SECONDS and r["peak_mib"] <= TARGET_PEAK_MIB for r in results.values())
    if "server" in summary:
        server = summary["server"]
        met = met and all(u["seconds"] <= TARGET_SECONDS for u in server["uploads"].values())
        met = met and server["server_rss_after_mib"] - server["server_rss_before_mib"] <= TARGET_SERVER_MIB
    summary["targets_met"] = met
    print("SUMMARY " + json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
