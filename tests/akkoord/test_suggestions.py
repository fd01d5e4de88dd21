"""The app's own text suggestions (``agreement_text`` per proposal in questions/voorstellen.yaml):
a municipality that pastes one into its agreement must see the check find it under that proposal.
Before issue 24's second round 6c ("hoe het met onze lokale democratie gaat") and 6d ("een gast van
buiten") were not found."""

from __future__ import annotations

import pytest

from scan.content.questionbank import question_bank
from scan.rules.akkoord import analyse_text

PROPOSALS = question_bank().proposals


@pytest.mark.parametrize("proposal", PROPOSALS, ids=[p.id for p in PROPOSALS])
def test_the_apps_own_text_suggestion_stands_under_its_proposal(proposal) -> None:
    result = analyse_text(proposal.agreement_for("Voorbeeldstad"))
    assert result.proposals[proposal.id].status == "staat_erin"
