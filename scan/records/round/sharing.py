"""Read-only share links for the council presentation of one round."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from scan.base.errors import ScanError
from scan.records.round import rounds
from scan.records.round.rounds import Round
from scan.storage.core import Store


class InvalidShareLink(ScanError):
    """A presentation link that does not (or no longer) work."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_share_link(store: Store, round_id: int) -> str:
    """A new unguessable token; only its hash is stored."""
    token = secrets.token_urlsafe(16)
    with store.write() as db:
        rounds.read(db, round_id)  # a round deleted a moment ago gets no link
        db.table("share_links").insert(
            {"token_hash": _hash(token), "round_id": round_id, "created_at": datetime.now(UTC).isoformat()}
        )
    return token


def round_for_token(store: Store, token: str) -> Round:
    row = store.db.execute(
        "SELECT round_id, revoked_at FROM share_links WHERE token_hash = ?", [_hash(token or "")]
    ).fetchone()
    if row is None or row[1]:
        # one message for an unknown and a revoked link: a guesser learns nothing from the difference
        raise InvalidShareLink("Deze presentatielink werkt niet (meer). Vraag de griffie om een nieuwe link.")
    return rounds.by_id(store, row[0])


def revoke_all(store: Store, round_id: int) -> None:
    with store.write() as db:
        db.execute(
            "UPDATE share_links SET revoked_at = ? WHERE round_id = ? AND revoked_at IS NULL",
            [datetime.now(UTC).isoformat(), round_id],
        )
