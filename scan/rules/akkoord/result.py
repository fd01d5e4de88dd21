"""The result of an akkoordcheck: frozen dataclasses, with ``to_dict()`` for JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Status = Literal["staat_erin", "deels", "niet_gevonden"]
# A priority can also be "thema_genoemd": a passage clearly serves it, but names none of its proposals.
PriorityStatus = Literal["staat_erin", "deels", "thema_genoemd", "niet_gevonden"]
STATUS_LABELS: dict[str, str] = {
    "staat_erin": "staat erin",
    "deels": "deels",
    "thema_genoemd": "thema genoemd",
    "niet_gevonden": "niet gevonden",
}
STATUS_ORDER: dict[str, int] = {"niet_gevonden": 0, "thema_genoemd": 1, "deels": 2, "staat_erin": 3}


@dataclass(frozen=True)
class Passage:
    """A piece of the agreement that supports (or, if ``negated``, denies) a proposal."""

    page: int | None
    paragraph: int | None
    text: str
    score: float  # BM25 score of this passage for the proposal (ranks passages within one agreement)
    terms: tuple[str, ...]  # the words as they stand in the text
    spans: tuple[tuple[int, int], ...]  # character ranges in ``text`` of those words, to mark them
    negated: bool
    hedged: bool = False  # only explored ("we onderzoeken of ..."): counts as "deels"

    @property
    def where(self) -> str:
        """ "pagina 4", "alinea 12" or "pagina 4, alinea 12" in Dutch."""
        if self.page is not None:
            return f"pagina {self.page}"
        return f"alinea {self.paragraph}" if self.paragraph is not None else "plaats onbekend"

    def marked(self, left: str = "[", right: str = "]") -> str:
        """The text with the matching words between markers."""
        out, last = [], 0
        for start, end in self.spans:
            out.append(self.text[last:start] + left + self.text[start:end] + right)
            last = end
        out.append(self.text[last:])
        return "".join(out)


@dataclass(frozen=True)
class ProposalCoverage:
    proposal_id: str
    status: Status
    passages: list[Passage]  # counted passages first (best first), then denied ones
    reason: str = ""  # one Dutch sentence: why this status

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class PriorityCoverage:
    priority_id: int
    status: PriorityStatus
    found: tuple[str, ...]  # proposal ids with status "staat_erin" or "deels"
    # "thema genoemd": the passages that serve the priority without naming one of its proposals
    # (best first; also kept when a proposal is found, as further evidence)
    theme: tuple[Passage, ...] = ()
    # "misschien relevant": the best further candidates below the thresholds, for the griffier to read
    maybe: tuple[Passage, ...] = ()

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def shown(self, proposals: dict[str, ProposalCoverage]) -> list[Passage]:
        """Every passage shown for this priority, in the order a reader meets them: the found
        proposals' passages (staat erin before deels), then "thema genoemd", then "misschien relevant"."""
        ordered = sorted(
            (
                c
                for pid, c in proposals.items()
                if int(pid[0]) == self.priority_id and c.status != "niet_gevonden"
            ),
            key=lambda c: (
                -STATUS_ORDER[c.status],
                -max((p.score for p in c.passages), default=0.0),
                c.proposal_id,
            ),
        )
        seen: set[str] = set()
        result = []
        for passage in [p for c in ordered for p in c.passages if not p.negated] + [*self.theme, *self.maybe]:
            if passage.text not in seen:
                seen.add(passage.text)
                result.append(passage)
        return result


@dataclass(frozen=True)
class AgreementAnalysis:
    pages: int | None
    language_ok: bool
    proposals: dict[str, ProposalCoverage]
    priorities: dict[int, PriorityCoverage]
    source: str = "text"  # pdf, docx or text
    warnings: tuple[str, ...] = ()  # Dutch notes for the user (pages without text, no page numbers, ...)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["priorities"] = {str(k): v for k, v in data["priorities"].items()}
        for item in data["proposals"].values():
            item["label"] = STATUS_LABELS[item["status"]]
            for passage in item["passages"]:
                passage["spans"] = [list(s) for s in passage["spans"]]
                passage["terms"] = list(passage["terms"])
        for item in data["priorities"].values():
            item["label"] = STATUS_LABELS[item["status"]]
            item["found"] = list(item["found"])
            for passage in (*item["theme"], *item["maybe"]):
                passage["spans"] = [list(s) for s in passage["spans"]]
                passage["terms"] = list(passage["terms"])
            item["theme"] = list(item["theme"])
            item["maybe"] = list(item["maybe"])
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgreementAnalysis:
        """The analysis back from ``to_dict()`` (as stored with a round)."""
        proposals = {
            pid: ProposalCoverage(
                item["proposal_id"],
                item["status"],
                [_passage_from_dict(p) for p in item["passages"]],
                item.get("reason", ""),
            )
            for pid, item in data["proposals"].items()
        }
        priorities = {
            int(key): PriorityCoverage(
                int(item["priority_id"]),
                item["status"],
                tuple(item["found"]),
                tuple(_passage_from_dict(p) for p in item.get("theme", ())),
                tuple(_passage_from_dict(p) for p in item.get("maybe", ())),
            )
            for key, item in data["priorities"].items()
        }
        return cls(
            pages=data["pages"],
            language_ok=data["language_ok"],
            proposals=proposals,
            priorities=priorities,
            source=data.get("source", "text"),
            warnings=tuple(data.get("warnings", ())),
        )


def _passage_from_dict(p: dict[str, Any]) -> Passage:
    return Passage(
        page=p["page"],
        paragraph=p["paragraph"],
        text=p["text"],
        score=p["score"],
        terms=tuple(p["terms"]),
        spans=tuple((int(a), int(b)) for a, b in p["spans"]),
        negated=p["negated"],
        hedged=p.get("hedged", False),
    )
