"""Benchmark import: all-or-nothing, a Dutch message naming the row, no double counting."""

from __future__ import annotations

from pathlib import Path

import pytest

from scan.content.reference import reference
from scan.records.benchmark_import import ImportRefused, import_benchmark_file
from scan.storage.core import Store
from scan.views.peers import peer_data as load_peer_data

from .conftest import run_cli

GOOD = "gemeente_code,jaar,onderdeel,waarde\nGM0014,2026,3.2,2\nGM0034,2026,3.2,4\nGM0037,2026,P6,62.5\n"

MALFORMED = {
    "wrong_header": ("gemeente,jaar,vraag,waarde\nGM0014,2026,3.2,2\n", "Rij 1: de kopregel"),
    "unknown_municipality": (GOOD + "GM9999,2026,3.2,2\n", "Rij 5: onbekende gemeentecode 'GM9999'"),
    "unknown_question": (GOOD + "GM0047,2026,3.9,2\n", "Rij 5: onbekend onderdeel '3.9'"),
    "value_out_of_range": (GOOD + "GM0047,2026,3.2,7\n", "Rij 5: waarde 7 ligt niet op de schaal 0-4"),
    "score_out_of_range": (GOOD + "GM0047,2026,P2,120\n", "Rij 5: een score voor P2 ligt tussen 0 en 100"),
    "duplicate_rows": (
        GOOD + "GM0014,2026,3.2,3\n",
        "Rij 5: dubbele rij; GM0014, 2026, 3.2 staat ook in rij 2",
    ),
    "empty_file": ("", "Het bestand is leeg"),
    "header_only": ("gemeente_code,jaar,onderdeel,waarde\n", "alleen een kopregel"),
    "wrong_encoding": (None, "geen UTF-8"),
    "wrong_delimiter": (GOOD.replace(",", ";"), "Rij 1: gebruik komma's"),
    "bad_year": (GOOD + "GM0047,twintig,3.2,2\n", "Rij 5: jaar 'twintig'"),
    "not_a_number": (GOOD + "GM0047,2026,3.2,veel\n", "Rij 5: waarde 'veel' is geen getal"),
    "missing_column": (GOOD + "GM0047,2026,3.2\n", "Rij 5: verwacht 4 kolommen"),
    "perception_item": (GOOD + "GM0047,2026,3.5,4\n", "Rij 5: onbekend onderdeel '3.5'"),
    # the csv module's own limits (issue 23.11: a 9 MB quoted cell ended in a traceback)
    "huge_quoted_cell": (
        GOOD + 'GM0047,2026,3.2,"' + "9" * 9_000_000 + '"\n',
        "Rij 5: een cel is veel te lang",
    ),
    "unclosed_quote": (GOOD + 'GM0047,2026,3.2,"2\n', "de aanhalingstekens kloppen niet"),
}


def _write(tmp_path: Path, name: str, content: str | None) -> Path:
    path = tmp_path / f"{name}.csv"
    if content is None:
        path.write_bytes(
            "gemeente_code,jaar,onderdeel,waarde\nGM0014,2026,3.2,2\nGM0518,2026,P1,50 ‘s-Gravenhage\n".encode(
                "cp1252"
            )
        )
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_file_is_rejected_whole(store: Store, tmp_path: Path, name: str) -> None:
    content, message = MALFORMED[name]
    before = store.counts()
    with pytest.raises(ImportRefused) as err:
        import_benchmark_file(store, _write(tmp_path, name, content), reference())
    assert message in str(err.value)
    assert store.counts() == before


def test_good_file_imports_once(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "good", GOOD)
    assert import_benchmark_file(store, path, reference()) == (3, True)
    assert import_benchmark_file(store, path, reference()) == (3, False)
    assert store.counts()["benchmark_values"] == 3
    data = load_peer_data(store, 2026)
    assert data.priority_scores.loc["GM0037", 6] == 62.5
    assert data.priority_scores.loc["GM0034", 3] == 100


def test_newer_file_replaces_values_instead_of_adding(store: Store, tmp_path: Path) -> None:
    import_benchmark_file(store, _write(tmp_path, "a", GOOD), reference())
    import_benchmark_file(
        store, _write(tmp_path, "b", GOOD.replace("GM0014,2026,3.2,2", "GM0014,2026,3.2,3")), reference()
    )
    assert store.counts()["benchmark_values"] == 3
    values = load_peer_data(store, 2026).question_values
    assert values.loc[values["gm_code"] == "GM0014", "value"].tolist() == [3]


def test_cli_import_reports_in_dutch(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    bad = _write(tmp_path, "bad", MALFORMED["duplicate_rows"][0])
    result = run_cli("import-benchmark", str(bad), "--db", str(db))
    assert (
        result.returncode == 2 and "Rij 5: dubbele rij" in result.stderr and "Traceback" not in result.stderr
    )
    good = _write(tmp_path, "good", GOOD)
    result = run_cli("import-benchmark", str(good), "--db", str(db))
    assert result.returncode == 0 and "3 regels geïmporteerd" in result.stdout


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("DEMOCRATIESCAN_MAX_IMPORT_MB", "1")
    big = tmp_path / "groot.csv"
    big.write_bytes(GOOD.encode() + b"#" * (2 * 1024 * 1024))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before the size check"))
    with pytest.raises(ImportRefused, match="de grens is 1 MB"):
        import_benchmark_file(store, big, reference())
    assert store.counts()["benchmark_values"] == 0


def test_a_file_imported_before_is_recognised_before_parsing(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    from scan.records import benchmark_import

    path = _write(tmp_path, "good", GOOD)
    import_benchmark_file(store, path, reference())
    monkeypatch.setattr(benchmark_import, "parse_benchmark", lambda *a: pytest.fail("parsed again"))
    assert import_benchmark_file(store, path, reference()) == (3, False)
