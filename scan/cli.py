"""Command line for admins and tests: ``python -m scan COMMAND``."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from scan.base.errors import ScanError
from scan.base.formatting import nl_count, nl_number
from scan.base.settings import PROJECT_DIR, database_path
from scan.content.questionbank import AKKOORD_FILE, QUESTIONS_DIR, load_bank, question_bank
from scan.content.reference import BENCHMARKS_DIR, load_reference, reference


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse prints English by default
        self.print_usage(sys.stderr)
        self.exit(2, f"Fout: ongeldige opdracht ({message}). Zie 'python -m scan --help'.\n")


def _cmd_validate(args: argparse.Namespace) -> int:
    from scan.rules.akkoord.vocabulary import load_vocabulary

    ref = load_reference(Path(args.benchmarks))
    bank = load_bank(Path(args.questions), Path(args.benchmarks))
    vocab = load_vocabulary(Path(args.questions) / AKKOORD_FILE)
    print(
        f"In orde: {len(bank.priorities)} onderdelen, {len(bank.questions)} vragen, "
        f"{len(bank.proposals)} voorstellen, {len(bank.tips)} tips, "
        f"{len(ref.municipalities)} gemeenten, {len(vocab.terms)} termen voor de akkoordcheck "
        f"(versie {bank.version})."
    )
    return 0


def _cmd_proposals(args: argparse.Namespace) -> int:
    bank = question_bank()
    items = [
        {
            "id": p.id,
            "priority": p.priority,
            "priority_name": bank.priority(p.priority).name,
            "letter": p.letter,
            "basic_step": p.basic,
            "step": p.step,
            "title": p.title,
            "summary": p.summary,
            "examples": [
                {
                    "municipality": e.gemeente,
                    "gm_code": e.gm_code,
                    "url": str(e.url) if e.url else None,
                    "note": e.note,
                }
                for e in p.examples
            ],
            "sources": [{"title": s.title, "url": str(s.url)} for s in p.sources],
            "questions": p.questions,
            "reading_note": p.reading_note,
        }
        for p in bank.proposals
    ]
    return _print_items(items, args.json, lambda item: f"{item['id']:<3} {item['step']:<14} {item['title']}")


def _cmd_municipalities(args: argparse.Namespace) -> int:
    ref = reference()
    items = [
        {
            "gm_code": m.code,
            "name": m.name,
            "province": m.province,
            "population_approx": m.population,
            "size_class": m.size_class,
            "peer_groups": [g.id for g in ref.peer_groups_for(m.code)],
        }
        for m in ref.by_name()
    ]
    return _print_items(
        items, args.json, lambda item: f"{item['gm_code']} {item['name']} ({item['province']})"
    )


def _print_items(items: list[dict], as_json: bool, line) -> int:
    """JSON (English keys) for scripts, or one line per item for people."""
    if as_json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        for item in items:
            print(line(item))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from scan.records.demo import fill_demo
    from scan.storage.core import Store

    summary = fill_demo(Store(args.db), seed=args.seed)
    if summary.skipped:
        print(
            f"{args.db} bevat al fictieve voorbeelddata ({nl_count(summary.rounds, 'ronde', 'rondes')}); niets gewijzigd."
        )
    else:
        print(
            f"Fictieve voorbeelddata gemaakt in {args.db}: {summary.municipalities} gemeenten, "
            f"{summary.rounds} rondes, {summary.answers} antwoorden."
        )
    return 0


def _cmd_import_benchmark(args: argparse.Namespace) -> int:
    from scan.records.benchmark_import import import_benchmark_file
    from scan.storage.core import Store

    rows, imported = import_benchmark_file(Store(args.db), Path(args.file), reference())
    if imported:
        print(f"{nl_count(rows, 'regel', 'regels')} geïmporteerd uit {args.file}.")
    else:
        print(f"{args.file} is al eerder geïmporteerd; niets gewijzigd.")
    return 0


def _existing_db(path: str) -> Path:
    db = Path(path)
    if not db.exists():
        raise ScanError(f"De database '{path}' bestaat niet.")
    return db


def _cmd_export(args: argparse.Namespace) -> int:
    from scan.records.round import rounds
    from scan.storage.core import Store, write_private
    from scan.views.exports import export, file_name

    store = Store(_existing_db(args.db))
    rnd = rounds.get(store, args.municipality, args.year)
    if rnd is None:
        raise ScanError(f"Er is geen scan van {args.municipality} voor {args.year} in {args.db}.")
    out = Path(args.out or ".")
    if out.is_dir():  # a folder (or none given): the file gets the name a download gets
        out = out / file_name(rnd, args.format)
    data = export(store, rnd, args.format, args.group)
    write_private(out, data)
    print(f"Bestand geschreven naar {out} ({len(data):,} bytes).".replace(",", "."))
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from scan.records.backup import backup
    from scan.storage.core import Store

    size = backup(Store(_existing_db(args.db)), Path(args.out))
    print(f"Back-up geschreven naar {args.out} ({size:,} bytes).".replace(",", "."))
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from scan.records.backup import restore_file
    from scan.storage.core import Store

    counts = restore_file(Store(args.db), Path(args.file), with_credentials=args.with_credentials)
    print(
        f"Hersteld in {args.db}: {nl_count(counts['rounds'], 'ronde', 'rondes')}, "
        f"{nl_count(counts['answers'], 'antwoord', 'antwoorden')}."
    )
    if args.with_credentials:
        print(
            f"Let op: {nl_count(counts.get('credentials', 0), 'wachtwoord', 'wachtwoorden')} en "
            f"{nl_count(counts.get('oidc_grants', 0), 'toegang', 'toegangen')} met een "
            "organisatie-account komen uit de back-up. Wie het bestand maakte, kan daarmee inloggen: doe dit alleen "
            "met een back-up die u zelf maakte en goed bewaarde.",
            file=sys.stderr,
        )
    else:
        print(
            "Wachtwoorden en toegangen zijn niet teruggezet: tot u ze opnieuw instelt, staat de installatie open. "
            "Stel nu een beheerderswachtwoord in met 'python -m scan set-password --municipality beheerder', of "
            "herstel in een lege database met --with-credentials als u de back-up zelf maakte.",
            file=sys.stderr,
        )
    return 0


def _cmd_export_benchmark(args: argparse.Namespace) -> int:
    from scan.storage.core import Store, write_private
    from scan.views.exports import benchmark_csv

    text = benchmark_csv(Store(_existing_db(args.db)))
    write_private(args.out, text.encode("utf-8"))
    print(f"{nl_count(text.count(chr(10)) - 1, 'regel', 'regels')} geschreven naar {args.out}.")
    return 0


def _cmd_set_password(args: argparse.Namespace) -> int:
    from scan.records.access import ADMIN, set_password
    from scan.storage.core import Store

    # Read from stdin, never from the command line: arguments end up in shell history and process lists.
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("Nieuw wachtwoord: ")
        if getpass.getpass("Nog een keer: ") != password:
            raise ScanError("De twee wachtwoorden zijn niet gelijk; er is niets veranderd.")
    else:
        password = sys.stdin.readline().rstrip("\n")
    scope = args.municipality
    set_password(Store(args.db), scope, password)
    who = "de beheerder" if scope == ADMIN else f"de griffie van {reference().municipality(scope).name}"
    print(f"Wachtwoord voor {who} is ingesteld.")
    return 0


def _cmd_national(args: argparse.Namespace) -> int:
    from scan.records.national import generate
    from scan.storage.core import Store

    store = Store(args.db)
    if any(store.counts().values()):
        raise ScanError(f"{args.db} is niet leeg; maak de landelijke testset in een nieuwe database.")
    summary = generate(store, respondents=args.respondents)
    print(
        f"Fictieve landelijke testset in {args.db}: {summary.municipalities} gemeenten, {summary.rounds} rondes, "
        f"{summary.respondents} respondenten, {summary.answers} antwoorden."
    )
    return 0


def _cmd_grant_oidc(args: argparse.Namespace) -> int:
    from scan.records.access import ADMIN, grant_oidc
    from scan.storage.core import Store

    grant_oidc(Store(args.db), args.email, args.municipality)
    scope = args.municipality
    what = "als beheerder" if scope == ADMIN else f"voor de scans van {reference().municipality(scope).name}"
    print(
        f"{args.email} mag nu {what} inloggen met een organisatie-account, via de aanbieder die daarbij hoort "
        "(zie python -m scan check-login)."
    )
    return 0


def _cmd_check_login(args: argparse.Namespace) -> int:
    import tomllib

    from scan.records.access import ADMIN, DEFAULT_PROVIDER, sign_on

    path = Path(args.secrets)
    try:
        secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise ScanError(f"{path} bestaat niet of is niet te lezen.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = re.search(r"at line (\d+)", str(exc))
        where = f" (fout in regel {line.group(1)})" if line else ""
        raise ScanError(f"{path} is geen geldig TOML-bestand{where}.") from None
    own = secrets.get("democratiescan", {})
    setup = sign_on(secrets.get("auth"), own.get("login") if isinstance(own, dict) else None)
    if not setup.providers:
        print("Er is geen aanbieder ingesteld: iedereen logt in met een wachtwoord.")
        return 0
    ref = reference()
    for provider in sorted(setup.providers):
        shown = "st.login() zonder naam" if provider == DEFAULT_PROVIDER else f"[auth.{provider}]"
        served = [
            ref.municipality(code).name
            for code in sorted(ref.municipalities)
            if setup.provider_for(code) == provider
        ]
        if setup.provider_for(ADMIN) == provider:
            served.append("de beheerder")
        listed = ", ".join(served[:5]) + (f" en {len(served) - 5} meer" if len(served) > 5 else "")
        print(f"Aanbieder {shown}: {listed or 'geen enkele gemeente'}.")
    without = [code for code in ref.municipalities if setup.provider_for(code) is None]
    if without:
        print(
            f"{nl_count(len(without), 'gemeente heeft', 'gemeenten hebben')} geen aanbieder: "
            "daar logt de griffie in met een wachtwoord."
        )
    return 0


def _snippet(passage, width: int = 260) -> str:
    """The passage with its matching words in [brackets], shortened around the first one."""
    text = passage.marked()
    if len(text) <= width:
        return text
    first = text.find("[")
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _print_analysis(name: str, analysis) -> None:
    bank = question_bank()
    pages = "" if not analysis.pages else ", " + nl_count(analysis.pages, "pagina", "pagina's")
    print(f"Akkoordcheck van {name} ({analysis.source}{pages})")
    if not analysis.language_ok:
        print("Let op: de tekst lijkt niet (helemaal) Nederlands; de uitkomst is minder betrouwbaar.")
    for warning in analysis.warnings:
        print(f"Let op: {warning}")
    for priority_id, priority in analysis.priorities.items():
        print()
        print(f"Prioriteit {priority_id} · {bank.priority(priority_id).name}: {priority.label}")
        for pid, coverage in analysis.proposals.items():
            if int(pid[0]) != priority_id:
                continue
            print(f"  {pid}  {coverage.label:<13}  {bank.proposal(pid).title}")
            for passage in coverage.passages:
                kind = "ontkend" if passage.negated else f"score {passage.score:.2f}".replace(".", ",")
                print(f"      {passage.where} ({kind}): {_snippet(passage)}")
            if coverage.status == "deels" or (coverage.passages and coverage.status == "niet_gevonden"):
                print(f"      {coverage.reason}")


def _cmd_agreement(args: argparse.Namespace) -> int:
    from scan.rules.akkoord.batch import agreement_files, analyse_folder, analyse_path, csv_rows, csv_text
    from scan.rules.akkoord.limits import Limits

    path = Path(args.path)
    limits = Limits.default() if args.max_mb is None else Limits(max_bytes=int(args.max_mb * 1024 * 1024))
    if not path.exists():
        raise ScanError(f"Het bestand of de map '{args.path}' bestaat niet.")
    if path.is_file():
        if args.csv:
            lines = list(csv_rows(path.name, analyse_path(path, limits)))
            Path(args.csv).write_text(csv_text(lines), encoding="utf-8-sig")
            print(f"{nl_count(len(lines), 'regel', 'regels')} geschreven naar {args.csv}.")
            return 0
        analysis = analyse_path(path, limits)
        if args.json:
            print(json.dumps({"bestand": path.name, **analysis.to_dict()}, ensure_ascii=False, indent=2))
        else:
            _print_analysis(path.name, analysis)
        return 0

    from tqdm import tqdm

    files = agreement_files(path)
    if not files:
        raise ScanError(f"In de map '{args.path}' staan geen bestanden.")
    rows: list[tuple[str, ...]] = []
    items: list[dict] = []
    skipped = 0
    with tqdm(total=len(files), desc="Akkoorden", unit="bestand", file=sys.stderr, disable=args.quiet) as bar:
        for outcome in analyse_folder(files, limits, workers=args.workers):
            bar.update(1)
            name = outcome.path.name
            if outcome.analysis is None:
                skipped += 1
                tqdm.write(f"Overgeslagen: {outcome.error}", file=sys.stderr)
                items.append({"bestand": name, "fout": outcome.error})
                continue
            rows.extend(csv_rows(name, outcome.analysis))
            items.append({"bestand": name, **outcome.analysis.to_dict()})
            if not args.csv and not args.json:
                found = [p for p, c in outcome.analysis.proposals.items() if c.status == "staat_erin"]
                partly = [p for p, c in outcome.analysis.proposals.items() if c.status == "deels"]
                tqdm.write(f"{name}: staat erin {' '.join(found) or '-'}; deels {' '.join(partly) or '-'}")
    read = len(files) - skipped
    if read == 0:
        raise ScanError(f"Geen enkel bestand in '{args.path}' kon worden gelezen ({skipped} overgeslagen).")
    if args.csv:
        Path(args.csv).write_text(csv_text(rows), encoding="utf-8-sig")
        print(
            f"{nl_count(read, 'akkoord', 'akkoorden')} gelezen, {nl_number(skipped)} overgeslagen; "
            f"{nl_count(len(rows), 'regel', 'regels')} geschreven naar {args.csv}."
        )
    elif args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        print(f"{nl_count(read, 'akkoord', 'akkoorden')} gelezen, {nl_number(skipped)} overgeslagen.")
    return 0


def _gm_code(value: str) -> str:
    if value not in reference().municipalities:
        raise argparse.ArgumentTypeError(f"onbekende gemeentecode '{value}' (vorm GM####)")
    return value


def _year(value: str) -> int:
    if not value.isdigit() or not 2018 <= int(value) <= 2100:
        raise argparse.ArgumentTypeError(f"'{value}' is geen jaar van 2018 tot en met 2100")
    return int(value)


class _Deprecated(argparse.Action):
    """An old spelling that still works, with a note on stderr saying which one replaces it."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        if option_string in DEPRECATED_FLAGS:
            print(
                f"Let op: {option_string} heet nu {DEPRECATED_FLAGS[option_string]}; de oude naam verdwijnt later.",
                file=sys.stderr,
            )
        setattr(namespace, self.dest, values)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is geen positief geheel getal")
    return int(value)


def _cmd_serve(args: argparse.Namespace) -> int:
    from scan.web.serve import Deployment, serve, site_config

    ports = [args.first_worker_port + i for i in range(args.workers)]
    if args.nginx_site:
        site = site_config(ports, f"{args.address}:{args.port}", secure=args.https)
        Path(args.nginx_site).write_text(site, encoding="utf-8")
        print(
            f"nginx-configuratie geschreven naar {args.nginx_site} (app-processen op poorten "
            f"{', '.join(map(str, ports))}; zie deploy/systemd/)."
        )
        return 0
    deployment = Deployment(
        Path(args.db), args.workers, args.port, args.address, first_worker_port=args.first_worker_port
    )
    return serve(deployment)


# One convention for the command line: English names for commands, flags and JSON keys; Dutch for
# every text a person reads. The old Dutch spellings keep working, with a note.
DEPRECATED_FLAGS = {"--gemeente": "--municipality"}
DEPRECATED_COMMANDS = {"gemeenten": "municipalities"}


def _municipality_argument(p: argparse.ArgumentParser, *, admin: bool = False) -> None:
    p.add_argument(
        "--municipality",
        "--gemeente",
        dest="municipality",
        required=True,
        action=_Deprecated,
        type=(lambda v: v if v == "beheerder" else _gm_code(v)) if admin else _gm_code,
        help="CBS-code (GM####)" + (" of 'beheerder'" if admin else ", bijv. GM0355"),
    )


def _access_arguments(p: argparse.ArgumentParser) -> None:
    """--db and --municipality (a municipality code or 'beheerder') for the access commands."""
    p.add_argument("--db", default=str(database_path()), help="pad van de database")
    _municipality_argument(p, admin=True)


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(prog="python -m scan", description="democratiescan: beheer en controle")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=DutchArgumentParser)

    p = sub.add_parser("validate", help="controleer vragen, voorstellen, tips en referentiedata")
    p.add_argument("--questions", default=str(QUESTIONS_DIR), help="map met de vragenbestanden")
    p.add_argument("--benchmarks", default=str(BENCHMARKS_DIR), help="map met de referentiedata")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("proposals", help="toon de voorstellen uit het pamflet")
    p.add_argument("--json", action="store_true", help="als JSON")
    p.set_defaults(func=_cmd_proposals)

    p = sub.add_parser(
        "municipalities", aliases=["gemeenten"], help="toon de gemeenten met hun vergelijkingsgroepen"
    )
    p.add_argument("--json", action="store_true", help="als JSON")
    p.set_defaults(func=_cmd_municipalities)

    p = sub.add_parser("demo", help="vul een database met fictieve voorbeelddata")
    p.add_argument("--db", default=str(database_path()), help="pad van de database")
    p.add_argument("--seed", type=int, default=20261122, help="startgetal voor het toeval")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("import-benchmark", help="importeer een benchmarkbestand (CSV)")
    p.add_argument("file", help="CSV met gemeente_code,jaar,onderdeel,waarde")
    p.add_argument("--db", default=str(database_path()), help="pad van de database")
    p.set_defaults(func=_cmd_import_benchmark)

    p = sub.add_parser(
        "export",
        help="rapport (pdf, docx, html), presentatie (presentation-pdf), raadsinformatiebrief (letter-docx) "
        "of gegevens (xlsx, csv, json) van één scanronde",
    )
    p.add_argument("--db", default=str(database_path()), help="pad van de database")
    _municipality_argument(p)
    p.add_argument("--year", required=True, type=_year, help="jaar van de scanronde")
    p.add_argument(
        "--format",
        required=True,
        choices=("pdf", "docx", "html", "xlsx", "csv", "json", "presentation-pdf", "letter-docx"),
    )
    p.add_argument(
        "--group",
        default=None,
        help="kijk rond: een andere vergelijkingsgroep voor dit bestand, bijv. M50 (standaard: de vergelijkingsgroep van de ronde)",
    )
    p.add_argument(
        "--out",
        default=None,
        help="bestand of map om in te schrijven (standaard: deze map, met een naam als "
        "democratiescan-zeist-2026-rapport.pdf)",
    )
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("backup", help="alles uit de database in één gecontroleerd bestand")
    p.add_argument("--db", default=str(database_path()), help="pad van de database")
    p.add_argument("--out", required=True, help="back-upbestand om te schrijven")
    p.set_defaults(func=_cmd_backup)

    p = sub.add_parser("restore", help="zet een back-up terug in een lege database")
    p.add_argument("--db", default=str(database_path()), help="pad van de (lege) database")
    p.add_argument("file", help="het back-upbestand")
    p.add_argument(
        "--with-credentials",
        action="store_true",
        help="ook wachtwoorden en toegangen terugzetten (alleen voor een back-up die u zelf maakte)",
    )
    p.set_defaults(func=_cmd_restore)

    p = sub.add_parser(
        "national", help="fictieve landelijke testset voor metingen (342 gemeenten x 3 rondes)"
    )
    p.add_argument("--db", required=True, help="pad van een nieuwe database")
    p.add_argument("--respondents", type=int, default=25, help="respondenten per ronde")
    p.set_defaults(func=_cmd_national)

    p = sub.add_parser(
        "set-password", help="stel het wachtwoord in van een griffie of de beheerder (via stdin)"
    )
    _access_arguments(p)
    p.set_defaults(func=_cmd_set_password)

    p = sub.add_parser("grant-oidc", help="geef een organisatie-account (st.login) toegang tot een gemeente")
    p.add_argument("--email", required=True, help="e-mailadres van het account")
    _access_arguments(p)
    p.set_defaults(func=_cmd_grant_oidc)

    p = sub.add_parser(
        "check-login", help="controleer welke aanbieder (organisatie-account) bij welke gemeente hoort"
    )
    p.add_argument(
        "--secrets",
        default=str(PROJECT_DIR / ".streamlit" / "secrets.toml"),
        help="pad van secrets.toml (standaard .streamlit/secrets.toml van het project)",
    )
    p.set_defaults(func=_cmd_check_login)

    p = sub.add_parser(
        "agreement",
        aliases=["akkoord"],
        help="akkoordcheck: welke voorstellen uit het pamflet staan in een akkoord (bestand of map)",
    )
    p.add_argument(
        "path", metavar="BESTAND_OF_MAP", help="PDF, Word (.docx) of tekst, of een map met zulke bestanden"
    )
    p.add_argument("--json", action="store_true", help="uitkomst als JSON")
    p.add_argument(
        "--csv", metavar="UIT.csv", help="schrijf één regel per akkoord en voorstel naar dit CSV-bestand"
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="aantal bestanden tegelijk (map; standaard en hoogstens 2, elk in een eigen proces)",
    )
    p.add_argument("--max-mb", type=float, default=None, help="grootste bestand in MB (standaard 50)")
    p.add_argument("--quiet", action="store_true", help="geen voortgangsbalk")
    p.set_defaults(func=_cmd_agreement)

    # --- issue 28: production set-up (serve) -------------------------------------------------------
    p = sub.add_parser("serve", help="start de app in meerdere processen achter nginx (productie)")
    p.add_argument("--db", default=str(database_path()), help="pad van de database")
    p.add_argument(
        "--workers", type=_positive, default=2, help="aantal app-processen (standaard 2: één per kern)"
    )
    p.add_argument("--port", type=_positive, default=8080, help="poort van nginx (standaard 8080)")
    p.add_argument("--address", default="127.0.0.1", help="adres waarop nginx luistert (standaard 127.0.0.1)")
    p.add_argument(
        "--first-worker-port", type=_positive, default=8501, help="poort van het eerste app-proces"
    )
    p.add_argument(
        "--nginx-site",
        metavar="BESTAND",
        help="schrijf alleen de nginx-configuratie voor een vaste nginx naar dit bestand en stop",
    )
    p.add_argument(
        "--https",
        action="store_true",
        help="met --nginx-site: de site draait achter https (cookie met Secure)",
    )
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("export-benchmark", help="gedeelde scans in het importformaat van import-benchmark")
    p.add_argument("--db", default=str(database_path()), help="pad van de database")
    p.add_argument("--out", required=True, help="CSV-bestand om te schrijven")
    p.set_defaults(func=_cmd_export_benchmark)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DEPRECATED_COMMANDS:
        print(
            f"Let op: '{argv[0]}' heet nu '{DEPRECATED_COMMANDS[argv[0]]}'; de oude naam verdwijnt later.",
            file=sys.stderr,
        )
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ScanError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
