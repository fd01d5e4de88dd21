"""Response per role ("12 van de 27 raadsleden deden mee"), the personal codes as a list to mail-merge,
and the reminder text: one place for the app, the report and the slides."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from scan.base.formatting import nl_count, nl_date, nl_number, nl_part_of, nl_percent
from scan.content.models import ROLE_LABELS
from scan.content.reference import reference
from scan.records.round import respondents
from scan.records.round.rounds import Round
from scan.storage.core import Store

# (one, several) of the people a role stands for, as a sentence names them
PEOPLE: dict[str, tuple[str, str]] = {
    "griffie": ("medewerker van de griffie", "medewerkers van de griffie"),
    "college": ("collegelid", "collegeleden"),
    "ambtelijk": ("medewerker van de gemeente", "medewerkers van de gemeente"),
    "raad": ("raadslid", "raadsleden"),
    "inwoners": ("inwoner", "inwoners"),
    "partners": ("maatschappelijke partner", "maatschappelijke partners"),
}
GREETING = {
    "griffie": "Beste collega",
    "college": "Beste leden van het college",
    "ambtelijk": "Beste collega's",
    "raad": "Beste raadsleden",
    "inwoners": "Beste inwoner",
    "partners": "Beste partner",
}
KIESRAAD = "Kiesraad"  # where an expected size comes from when the griffier typed none
GRIFFIER = "griffie"


@dataclass(frozen=True)
class RoleLine:
    """One role's response: who sent their answers (n) against how many were expected (N)."""

    role: str
    started: int
    finished: int
    expected: int | None
    source: str | None  # "griffie" (typed) or "Kiesraad" (the council's seats); None: no N
    active_codes: int
    personal_codes: int
    personal_used: int

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def sentence(self) -> str:
        """ "12 van de 27 raadsleden deden mee (44%)", or "40 inwoners deden mee" without an expected size."""
        one, several = PEOPLE[self.role]
        if self.expected is None:
            return f"{nl_count(self.finished, one + ' deed', several + ' deden')} mee"
        share = nl_percent(self.finished / self.expected)
        return f"{nl_part_of(self.finished, self.expected, (one, several), ('deed', 'deden'), the=True)} mee ({share})"

    @property
    def of_expected(self) -> str:
        """ "12 van 27", or "12" without an expected size: the table's cell."""
        if self.expected is None:
            return nl_number(self.finished)
        return f"{nl_number(self.finished)} van {nl_number(self.expected)}"


@dataclass(frozen=True)
class Response:
    lines: list[RoleLine]  # every role with a code, a respondent or an expected size
    respond_until: date | None

    @property
    def sentences(self) -> list[str]:
        """What the report and the slides say: one sentence per role that has codes or respondents."""
        return [line.sentence for line in self.lines if line.active_codes or line.finished or line.started]

    def until_sentence(self, today: date, is_open: bool) -> str:
        """The closing date, in the present tense while people can still answer (the round open and the
        date not passed), else in the past tense."""
        if self.respond_until is None:
            return ""
        verb = "kunnen" if is_open and today <= self.respond_until else "konden"
        return f"Deelnemers {verb} antwoorden tot en met {nl_date(self.respond_until)}."


def response(store: Store, rnd: Round) -> Response:
    """Per role: started, finished ("deden mee": sent with Klaar, so they count), the expected size (typed
    by the griffier; for the council its seats from the Kiesraad data when none is typed), and the codes."""
    overview = {r.role: r for r in respondents.response_overview(store, rnd.id)}
    typed = respondents.expected_sizes(store, rnd.id)
    seats = reference().council_seats(rnd.gm_code, rnd.year)
    lines = []
    for role in ROLE_LABELS:
        found = overview.get(role)
        expected, source = typed.get(role), GRIFFIER if role in typed else None
        if expected is None and role == "raad" and seats is not None:
            expected, source = seats, KIESRAAD
        if found is None and role not in typed:
            continue
        found = found or respondents.RoleResponse(role, 0, 0, 0)
        lines.append(
            RoleLine(
                role,
                found.started,
                found.finished,
                expected,
                source,
                found.active_codes,
                found.personal_codes,
                found.personal_used,
            )
        )
    until = date.fromisoformat(rnd.respond_until) if rnd.respond_until else None
    return Response(lines, until)


def code_link(root: str, code: str) -> str:
    """The link that opens the answer page with this code filled in."""
    return f"{root}/?code={code}"


def personal_codes_csv(role: str, codes: list[str], root: str) -> bytes:
    """The personal codes of one role as a list to mail-merge (Word, Outlook): one row per invitee, with
    Dutch headers; semicolon-separated, UTF-8 with BOM, as Dutch Excel opens it. The griffier adds the
    names and e-mail addresses in their own file: this list never holds who gets which code."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Nummer", "Rol", "Code", "Link"])
    for number, code in enumerate(codes, start=1):
        writer.writerow([number, ROLE_LABELS[role].lower(), code, code_link(root, code)])
    return buffer.getvalue().encode("utf-8-sig")


def closing(until: date | None) -> str:
    """The closing date in an invitation (every kind: shared code, personal codes, printed)."""
    return f"U kunt meedoen tot en met {nl_date(until)}. " if until else ""


def mail_merge_text(municipality: str, year: int, role: str, until: date | None, root: str) -> str:
    """The invitation for a mail-merge: «Link» and «Code» are the list's fields."""
    return (
        f"{GREETING[role]},\n\n"
        f"De gemeente {municipality} wil weten hoe het staat met de lokale democratie. Daarom doen we de "
        f"democratiescan {year}. U krijgt een persoonlijke code: die werkt één keer.\n\n"
        "Doe mee via uw eigen link:\n«Link»\n\n"
        f"Werkt de link niet? Ga naar {root}/?meedoen en vul deze code in: «Code»\n\n"
        f"{closing(until)}U kunt stoppen en later verder gaan in dezelfde browser. Uw antwoorden zijn "
        "anoniem: we bewaren geen naam, e-mailadres of IP-adres, en de griffie kan niet zien wat u antwoordt. "
        "Uitkomsten per groep tonen we pas als minstens 5 mensen hebben geantwoord.\n\n"
        f"Met vriendelijke groet,\nDe griffie van {municipality}"
    )


def reminder_text(municipality: str, year: int, role: str, until: date | None) -> str:
    """A reminder for everyone invited for a role. Answers are anonymous, so it goes to all of them."""
    deadline = (
        f"De vragenlijst sluit na {nl_date(until)}. " if until else "De vragenlijst staat nog even open. "
    )
    return (
        f"{GREETING[role]},\n\n"
        f"Een herinnering: doet u mee met de democratiescan {year} van {municipality}? {deadline}"
        "Gebruik de link uit uw uitnodiging. Begon u al? Ga dan verder in de browser waarin u begon, en "
        "druk aan het eind op Klaar: pas dan tellen uw antwoorden mee.\n\n"
        "Heeft u al op Klaar gedrukt? Dan hoeft u niets te doen. Dank u wel! De antwoorden zijn anoniem, "
        "daarom krijgt iedereen deze herinnering.\n\n"
        f"Met vriendelijke groet,\nDe griffie van {municipality}"
    )
