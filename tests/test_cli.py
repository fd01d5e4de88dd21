"""The command line as admins use it: the real entry point, one naming convention, old names noted."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import PROJECT, run_cli


def test_python_dash_m_scan_runs_and_speaks_dutch() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scan", "bestaat-niet"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
    )
    assert result.returncode == 2 and "Fout: ongeldige opdracht" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_keys_are_english_in_every_command() -> None:
    municipalities = json.loads(run_cli("municipalities", "--json").stdout)
    proposals = json.loads(run_cli("proposals", "--json").stdout)
    keys = (
        set(municipalities[0]) | set(proposals[0]) | {k for p in proposals for e in p["examples"] for k in e}
    )
    dutch = {"naam", "provincie", "gemeente", "inwoners_circa", "grootteklasse", "jaar", "gemeente_code"}
    assert not keys & dutch, keys & dutch


def test_old_dutch_names_still_work_with_a_note() -> None:
    old = run_cli("gemeenten", "--json")
    assert old.returncode == 0 and len(json.loads(old.stdout)) == 342
    assert "heet nu 'municipalities'" in old.stderr
    flag = run_cli("set-password", "--db", ":memory:", "--gemeente", "GM9999")
    assert flag.returncode == 2 and "onbekende gemeentecode" in flag.stderr


def test_check_login_says_which_provider_serves_which_municipality(tmp_path) -> None:
    secrets = tmp_path / "secrets.toml"
    provider = 'client_id = "a"\nclient_secret = "b"\nserver_metadata_url = "https://idp/x"\n'
    secrets.write_text(
        '[auth]\nredirect_uri = "https://scan/oauth2callback"\ncookie_secret = "c"\n'
        f"[auth.zeist]\n{provider}[auth.regio]\n{provider}"
        '[democratiescan.login]\nGM0355 = "zeist"\nGM0344 = "regio"\nGM0310 = "regio"\nbeheerder = "regio"\n',
        encoding="utf-8",
    )
    done = run_cli("check-login", "--secrets", str(secrets))
    assert done.returncode == 0, done.stderr
    assert "Aanbieder [auth.zeist]: Zeist." in done.stdout
    assert "Aanbieder [auth.regio]: De Bilt, Utrecht, de beheerder." in done.stdout
    assert "339 gemeenten hebben geen aanbieder" in done.stdout
    secrets.write_text(secrets.read_text(encoding="utf-8").replace('"regio"', '"regi"', 1), encoding="utf-8")
    done = run_cli("check-login", "--secrets", str(secrets))
    assert (
        done.returncode == 2
        and "Fout: In [democratiescan.login] hoort bij GM0344 de aanbieder 'regi'" in done.stderr
    )
    secrets.write_text("[auth\n", encoding="utf-8")
    done = run_cli("check-login", "--secrets", str(secrets))
    assert done.returncode == 2 and "geen geldig TOML-bestand (fout in regel 1)" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_commands_count_in_the_right_number(tmp_path) -> None:
    """ "1 regels geïmporteerd", "Hersteld in …: 1 rondes, 1 antwoorden", "Let op: 1 wachtwoorden",
    "(PDF, 1 pagina's)" and "1 akkoorden gelezen" stood in the command line's messages."""
    from scan.records import access
    from scan.records.round import answers as answer_store
    from scan.records.round import rounds
    from scan.storage.core import Store

    from .akkoord.test_bad_inputs import _pdf

    one_row = tmp_path / "een.csv"
    one_row.write_text("gemeente_code,jaar,onderdeel,waarde\nGM0014,2026,3.2,2\n", encoding="utf-8")
    done = run_cli("import-benchmark", str(one_row), "--db", str(tmp_path / "import.sqlite"))
    assert done.returncode == 0 and "1 regel geïmporteerd uit" in done.stdout

    store = Store(tmp_path / "scan.sqlite")
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "1.1", 2)
    access.set_password(store, "GM0355", "wachtwoord-zeist")
    backup = tmp_path / "backup.gz"
    assert run_cli("backup", "--db", str(store.path), "--out", str(backup)).returncode == 0
    done = run_cli("restore", "--db", str(tmp_path / "terug.sqlite"), "--with-credentials", str(backup))
    assert ": 1 ronde, 1 antwoord." in done.stdout
    assert "Let op: 1 wachtwoord en 0 toegangen met een organisatie-account" in done.stderr

    folder = tmp_path / "akkoorden"
    folder.mkdir()
    (folder / "akkoord.pdf").write_bytes(_pdf(1))
    assert (
        "Akkoordcheck van akkoord.pdf (pdf, 1 pagina)"
        in run_cli("akkoord", str(folder / "akkoord.pdf")).stdout
    )
    assert "1 akkoord gelezen, 0 overgeslagen." in run_cli("akkoord", str(folder), "--quiet").stdout
