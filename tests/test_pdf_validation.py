"""Every PDF the app makes passes a PDF/UA-1 validator (issue 28.5): ``page`` (the page-validation package,
a validator without Java that passes the veraPDF test corpus), not only our own pikepdf checks.

The PDFs: the council report and the presentation (with peers, roles, workshops and an agreement; and a
bare one: no peers, no earlier round) and the printable invitation for every role. The agenda is a Word
file and has no PDF."""

from __future__ import annotations

import io

import page
import pikepdf
import pytest

from scan.content.models import ROLE_LABELS
from scan.content.questionbank import question_bank
from scan.storage.core import Store
from scan.ui.components import invitation
from scan.views import presentation, report
from scan.views.report.content import report_data
from scan.views.round import round_view

from . import council

PROFILE = page.ValidationProfile.PDF_UA_1


def _failures(data: bytes) -> list[str]:
    result = page.validate_pdf_bytes(data, profile=PROFILE)
    assert result.rules.total > 100  # the whole PDF/UA-1 profile ran, not an empty one
    return [f"{f.rule_id}: {f.message}" for f in result.failures] + (
        [] if result.is_compliant else ["non-compliant"]
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, bytes]:
    store = Store(tmp_path_factory.mktemp("validate") / "scan.sqlite")
    council.share_peers(store, 2026, demo=True)
    rnd = council.own_round(store)
    council.add_roles(store, rnd)
    council.add_workshop(store, rnd)
    council.add_agreement(store, rnd)
    bare = council.own_round(store, 2030, previous=False)  # no peers that year, no round before it
    full, empty = round_view(store, rnd), round_view(store, bare)
    return {
        "full": report.to_pdf(report_data(full)),
        "bare": report.to_pdf(report_data(empty)),
        "presentation full": presentation.to_pdf(presentation.from_view(full)),
        "presentation bare": presentation.to_pdf(presentation.from_view(empty)),
    }


@pytest.mark.parametrize("kind", ["full", "bare"])
def test_the_report_pdf_passes_the_pdf_ua_validator(reports, kind: str) -> None:
    assert _failures(reports[kind]) == []


@pytest.mark.parametrize("kind", ["full", "bare"])
def test_the_presentation_pdf_passes_the_pdf_ua_validator(reports, kind: str) -> None:
    assert _failures(reports[f"presentation {kind}"]) == []


@pytest.mark.parametrize("role", sorted(ROLE_LABELS))
def test_the_invitation_pdf_passes_the_pdf_ua_validator(role: str) -> None:
    inv = invitation.make(
        question_bank(), "'s-Hertogenbosch", 2026, role, "ABCDEFGHJKLM", "https://scan.example.nl"
    )
    assert _failures(invitation.pdf(inv)) == []


@pytest.mark.parametrize(
    ("break_it", "rule"),
    [
        (lambda pdf: pdf.Root.__delattr__("Lang"), "PDFUA1-TEXT-LANGUAGE-001"),
        (lambda pdf: pdf.Root.MarkInfo.__setattr__("Marked", False), "PDFUA1-"),
    ],
)
def test_the_validator_flags_a_report_without_its_language_or_tags(reports, break_it, rule: str) -> None:
    # the validator itself: a copy of the report with one PDF/UA requirement removed fails it
    pdf = pikepdf.open(io.BytesIO(reports["full"]))
    break_it(pdf)
    broken = io.BytesIO()
    pdf.save(broken)
    failures = _failures(broken.getvalue())
    assert any(f.startswith(rule) for f in failures), failures
