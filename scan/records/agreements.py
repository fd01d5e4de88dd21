"""The akkoordcheck of a round as stored: the analysis of its agreement, the griffier's decision per
match (a proposal, or a priority's "thema genoemd" under the key "P<priority>"), and whether the
municipality shares its confirmed coverage with peers (opt-in, per round).

Only the analysis is kept (statuses, passages with their page, the marked words), never the uploaded
document. Every check that decides a write (round open, agreement present, a match to confirm, the
passage) runs inside the write's transaction. Bad input is refused by the akkoordcheck itself
(scan/akkoord) before anything reaches this module: nothing is stored then.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from scan.base.errors import NotFound, ScanError
from scan.base.formatting import nl_count
from scan.base.rhythm import term_start
from scan.content.questionbank import PAMPHLET_PROPOSALS
from scan.records.round.choices import UNCHECKED, StaleChoice
from scan.records.round.rounds import require_open
from scan.rules.akkoord import AgreementAnalysis, AgreementError, analyse_text
from scan.rules.akkoord.coverage import Judged, Judgement, candidates, subject, theme_candidates, theme_of
from scan.rules.akkoord.runner import analyse_isolated, analyse_text_isolated
from scan.rules.akkoord.vocabulary import VOCABULARY_PATH
from scan.storage.core import Store, now

PASTED = "Geplakte tekst"
CLOSED = "Deze scanronde is gesloten; het akkoord en de beoordelingen kunnen niet meer veranderen."
MAX_FILENAME = 200


@cache
def words_version() -> str:
    """The word list an analysis was made with (a hash of questions/akkoord.yaml)."""
    return hashlib.sha256(VOCABULARY_PATH.read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Agreement:
    round_id: int
    filename: str
    source: str  # pdf | docx | text
    pages: int | None
    analysis: AgreementAnalysis
    words_version: str
    shared: bool
    created_at: str

    @property
    def described(self) -> str:
        """The agreement inside a sentence: "akkoord.pdf, 42 pagina's" or "de geplakte tekst"."""
        if self.filename == PASTED and self.source == "text":
            return "de geplakte tekst"
        return self.filename + (", " + nl_count(self.pages, "pagina", "pagina's") if self.pages else "")

    @property
    def current_words(self) -> bool:
        """Read with today's word list (otherwise reading it again may find more or less)."""
        return self.words_version == words_version()


def _clean_name(filename: str) -> str:
    name = " ".join(str(filename or "").replace("\\", "/").rsplit("/", 1)[-1].split())
    return name[:MAX_FILENAME] or "akkoord"


def _store(store: Store, round_id: int, filename: str, digest: str, analysis: AgreementAnalysis) -> Agreement:
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        existing = db.execute("SELECT shared FROM agreements WHERE round_id = ?", [round_id]).fetchone()
        db.execute("DELETE FROM agreement_decisions WHERE round_id = ?", [round_id])
        db.execute(
            "INSERT INTO agreements (round_id, filename, source, pages, sha256, analysis, words_version, "
            "language_ok, shared, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (round_id) DO UPDATE SET filename = excluded.filename, source = excluded.source, "
            "pages = excluded.pages, sha256 = excluded.sha256, analysis = excluded.analysis, "
            "words_version = excluded.words_version, language_ok = excluded.language_ok, "
            "created_at = excluded.created_at",
            [
                round_id,
                _clean_name(filename),
                analysis.source,
                analysis.pages,
                digest,
                json.dumps(analysis.to_dict(), ensure_ascii=False),
                words_version(),
                int(analysis.language_ok),
                existing[0] if existing else 0,
                now(),
            ],
        )
    found = get(store, round_id)
    assert found is not None
    return found


def _check_open(store: Store, round_id: int) -> None:
    """Refuse before reading a long file: the same check runs again inside the write."""
    with store.read() as db:
        require_open(db, round_id, CLOSED)


def read_file(
    store: Store,
    round_id: int,
    data: bytes,
    filename: str,
    on_progress: Callable[[float, str], None] | None = None,
) -> Agreement:
    """Read an agreement file and keep what the akkoordcheck found with the round, replacing an earlier
    agreement and its decisions. Bad input raises AgreementError (Dutch) and stores nothing. The file
    is read in a child process with a memory and a time limit (``scan.rules.akkoord.runner``)."""
    _check_open(store, round_id)
    analysis = analyse_isolated(data, filename, on_progress=on_progress)
    return _store(store, round_id, filename, hashlib.sha256(data).hexdigest(), analysis)


def read_pasted(store: Store, round_id: int, text: str, *, isolated: bool = True) -> Agreement:
    """Pasted text: the same, without page numbers (passages are numbered per paragraph). Read in a
    child process too, unless ``isolated`` is False: only for the app's own texts (demo, tests)."""
    if not isinstance(text, str) or not text.strip():
        raise AgreementError("Er is geen tekst geplakt. Plak de tekst van het akkoord in het vak.")
    _check_open(store, round_id)
    analysis = analyse_text_isolated(text) if isolated else analyse_text(text)
    return _store(store, round_id, PASTED, hashlib.sha256(text.encode("utf-8")).hexdigest(), analysis)


def get(store: Store, round_id: int) -> Agreement | None:
    row = store.db.execute(
        "SELECT round_id, filename, source, pages, analysis, words_version, shared, created_at "
        "FROM agreements WHERE round_id = ?",
        [round_id],
    ).fetchone()
    if row is None:
        return None
    rid, filename, source, pages, analysis, words, shared, created = row
    return Agreement(
        rid,
        filename,
        source,
        pages,
        AgreementAnalysis.from_dict(json.loads(analysis)),
        words or "",
        bool(shared),
        created,
    )


def remove(store: Store, round_id: int) -> None:
    """Forget the round's agreement and every decision on it."""
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        db.execute("DELETE FROM agreement_decisions WHERE round_id = ?", [round_id])
        db.execute("DELETE FROM agreements WHERE round_id = ?", [round_id])


def _judged_words(judged: Judged | None) -> str:
    if judged is None:
        return "nog niet beoordeeld"
    if judged.judgement is Judgement.REJECTED:
        return Judgement.REJECTED.label
    return f"{Judgement.CONFIRMED.label} (passage {judged.passage + 1})"


def _decision(judged: Judged | None) -> tuple[Judgement, int] | None:
    if judged is None:
        return None
    return judged.judgement, judged.passage if judged.judgement is Judgement.CONFIRMED else 0


def judge(
    store: Store,
    round_id: int,
    proposal_id: str,
    judgement: Judgement | str | None,
    passage: int = 0,
    *,
    expected: Judged | object | None = UNCHECKED,
) -> None:
    """Confirm (with the passage that shows it) or reject the match for one proposal; None: undecided.
    ``proposal_id`` is a proposal ("2c") or a priority's theme ("P4": a passage that serves priority 4
    without naming one of its proposals, "thema genoemd"). ``expected``: the decision the screen
    showed (None: none yet); when someone else decided meanwhile, nothing is saved (StaleChoice names
    the newer decision)."""
    theme = theme_of(proposal_id)
    if proposal_id not in PAMPHLET_PROPOSALS and theme is None:
        raise ScanError(f"Voorstel '{proposal_id}' bestaat niet.")
    try:
        judgement = None if judgement is None else Judgement(judgement)
    except ValueError:
        raise ScanError(f"Onbekende beoordeling '{judgement}'.") from None
    if isinstance(passage, bool) or not isinstance(passage, int) or passage < 0:
        raise ScanError("Kies een van de gevonden passages.")
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        row = db.execute("SELECT analysis FROM agreements WHERE round_id = ?", [round_id]).fetchone()
        if row is None:
            raise NotFound("Er is bij deze ronde nog geen akkoord gelezen.")
        if expected is not UNCHECKED:
            found = db.execute(
                "SELECT decision, passage FROM agreement_decisions WHERE round_id = ? AND proposal_id = ?",
                [round_id, proposal_id],
            ).fetchone()
            current = None if found is None else Judged(proposal_id, Judgement(found[0]), found[1] or 0)
            if _decision(current) != _decision(expected):  # type: ignore[arg-type]
                raise StaleChoice(
                    f"Iemand anders heeft {subject(proposal_id)} intussen beoordeeld: "
                    f"‘{_judged_words(current)}’. Uw oordeel is niet bewaard.",
                    current,
                )
        if judgement is None:
            db.execute(
                "DELETE FROM agreement_decisions WHERE round_id = ? AND proposal_id = ?",
                [round_id, proposal_id],
            )
            return
        analysis = AgreementAnalysis.from_dict(json.loads(row[0]))
        if theme is None:
            options = candidates(analysis.proposals[proposal_id])
        else:
            options = theme_candidates(analysis.priorities[theme])
        if not options:
            raise ScanError(
                f"De akkoordcheck vond niets voor {subject(proposal_id)}: er is niets te beoordelen."
            )
        if judgement is Judgement.CONFIRMED and passage >= len(options):
            raise ScanError("Kies een van de gevonden passages.")
        db.execute(
            "INSERT INTO agreement_decisions (round_id, proposal_id, decision, passage, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (round_id, proposal_id) DO UPDATE SET "
            "decision = excluded.decision, passage = excluded.passage, updated_at = excluded.updated_at",
            [
                round_id,
                proposal_id,
                judgement.value,
                passage if judgement is Judgement.CONFIRMED else 0,
                now(),
            ],
        )


def judgements(store: Store, round_id: int) -> dict[str, Judged]:
    rows = store.db.execute(
        "SELECT proposal_id, decision, passage FROM agreement_decisions WHERE round_id = ?", [round_id]
    ).fetchall()
    return {pid: Judged(pid, Judgement(decision), passage or 0) for pid, decision, passage in rows}


def set_shared(store: Store, round_id: int, shared: bool) -> None:
    """Share the confirmed coverage with peers (opt-in). Sharing is a choice, not data: allowed while
    the round is closed too, like the benchmark toggle."""
    with store.write() as db:
        if db.execute("SELECT 1 FROM agreements WHERE round_id = ?", [round_id]).fetchone() is None:
            raise NotFound("Er is bij deze ronde nog geen akkoord gelezen.")
        db.execute("UPDATE agreements SET shared = ? WHERE round_id = ?", [int(bool(shared)), round_id])


def version(store: Store) -> int:
    """Moves whenever shared coverage can change (kept by the schema's triggers); caches key on it."""
    row = store.db.execute("SELECT version FROM data_versions WHERE name = 'agreements'").fetchone()
    return row[0] if row else 0


@dataclass(frozen=True)
class SharedCoverage:
    """Per municipality that shares: the proposals its agreement names (confirmed only)."""

    named: dict[str, frozenset[str]]
    demo: frozenset[str]  # municipalities whose shared round is fictieve voorbeelddata


def shared_coverage(store: Store, year: int) -> SharedCoverage:
    """The confirmed coverage that municipalities share for the council term of ``year``: per
    municipality its latest closed, shared round in that term (like the benchmark, a closed round
    is final, so figures never move by someone editing)."""
    start = term_start(year)
    rows = store.db.execute(
        """
        SELECT r.gm_code, r.year, r.is_demo, d.proposal_id FROM agreements a
        JOIN rounds r ON r.id = a.round_id
        LEFT JOIN agreement_decisions d ON d.round_id = a.round_id AND d.decision = ?
        WHERE a.shared = 1 AND r.status = 'closed' AND r.year >= ? AND r.year < ?
        ORDER BY r.gm_code, r.year
        """,
        [Judgement.CONFIRMED.value, start, start + 4],
    ).fetchall()
    latest: dict[str, int] = {}
    for code, year_, _, _ in rows:
        latest[code] = max(latest.get(code, year_), year_)
    named: dict[str, set[str]] = {code: set() for code in latest}
    demo = set()
    for code, year_, is_demo, pid in rows:
        if year_ != latest[code]:
            continue
        if pid in PAMPHLET_PROPOSALS:  # a confirmed theme ("P4") is no proposal peers count
            named[code].add(pid)
        if is_demo:
            demo.add(code)
    return SharedCoverage({code: frozenset(p) for code, p in named.items()}, frozenset(demo))
