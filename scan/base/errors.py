"""Errors with a Dutch message that the UI and the CLI can show as-is."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError


class ScanError(Exception):
    """Base class: ``str(error)`` is a complete Dutch sentence for the user."""


class ContentError(ScanError):
    """A question, proposal, tip or reference file is broken."""

    def __init__(self, file: Path | str, field: str, message: str) -> None:
        self.file = str(file)
        self.field = field
        self.message = message
        where = f"{self.file}, veld '{field}'" if field else self.file
        super().__init__(f"{where}: {message}")


class InvalidAnswer(ScanError):
    """An answer the domain refuses (unknown question, value out of range, ...)."""


class NotFound(ScanError):
    """A municipality, round or other record that does not exist."""


_PYDANTIC_NL = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld (typfout?)",
    "string_too_short": "tekst is te kort of leeg",
    "string_too_long": "tekst is te lang",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "bool_type": "moet ja of nee (true/false) zijn",
    "bool_parsing": "moet ja of nee (true/false) zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een lijst van sleutels en waarden zijn",
    "model_type": "moet een blok met velden zijn",
    "greater_than_equal": "waarde is te laag",
    "less_than_equal": "waarde is te hoog",
    "too_short": "lijst heeft te weinig items",
    "too_long": "lijst heeft te veel items",
    "url_parsing": "ongeldig webadres",
    "url_scheme": "webadres moet met http:// of https:// beginnen",
}


def describe_validation_error(error: ValidationError, data: object = None) -> tuple[str, str]:
    """Return (field path, Dutch message) for the first error pydantic found.

    ``data`` is the raw input; when given, list positions are enriched with the
    item's ``id`` so the user reads ``questions[2] (id 3.3)`` instead of a bare index.
    """
    first = error.errors()[0]
    parts: list[str] = []
    node = data
    for loc in first["loc"]:
        if isinstance(loc, int):
            item = node[loc] if isinstance(node, list) and loc < len(node) else None
            label = f"[{loc}]"
            if isinstance(item, dict) and "id" in item:
                label += f" (id {item['id']})"
            parts.append(label)
            node = item
        else:
            parts.append(("." if parts else "") + str(loc))
            node = node.get(loc) if isinstance(node, dict) else None
    field = "".join(parts)
    kind = first["type"]
    if kind == "value_error":
        message = str(first.get("ctx", {}).get("error", first["msg"]))
    elif kind == "literal_error":
        message = f"ongeldige waarde; toegestaan: {first.get('ctx', {}).get('expected', '')}"
    else:
        message = _PYDANTIC_NL.get(kind, first["msg"])
    return field, message
