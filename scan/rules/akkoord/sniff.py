"""Recognise a file by its first bytes, not by its name, and refuse what we cannot read.

Only cheap checks here: the size, the first bytes, the number of parts a zip lists (counted in the
bytes before ``zipfile`` builds an entry for each), and a text file's length in bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from scan.base.formatting import nl_number
from scan.rules.akkoord.document import SourceKind
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.limits import MAX_ZIP_ENTRIES, Limits, size_text, text_too_long

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
# Every entry of a zip's central directory starts with this; zipfile reads no entry without it, so
# counting it bounds the entries zipfile will build.
ZIP_ENTRY = b"PK\x01\x02"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word .doc, and password-protected .docx
RTF_MAGIC = b"{\\rtf"
# An encrypted Office file is an OLE container with this stream name (UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

EXTENSIONS: dict[str, SourceKind] = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".md": "text"}
KIND_NAMES = {"pdf": "een PDF", "docx": "een Word-bestand (.docx)", "text": "platte tekst"}
ACCEPTED = "PDF, Word (.docx) of tekst (.txt)"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head


def detect(data: bytes) -> SourceKind | None:
    """What the bytes are, or None for something we do not read."""
    head = data[:1024]
    if PDF_MAGIC in head:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return None
    if head.startswith((OLE_MAGIC, RTF_MAGIC)):
        return None
    return "text" if _looks_like_text(head) else None


def check_size(data: bytes, filename: str, limits: Limits) -> None:
    """Refuse an empty file or one above the size limit (needs no parsing: also done by ``runner``)."""
    name = PurePath(filename).name or "het bestand"
    if not data:
        raise AgreementError(f"{name} is leeg (0 bytes). Kies het bestand opnieuw of plak de tekst.")
    if len(data) > limits.max_bytes:
        raise AgreementError(
            f"{name} is te groot ({size_text(len(data))}). De akkoordcheck leest bestanden tot {limits.size_text}."
        )


def check_file(data: bytes, filename: str, limits: Limits) -> SourceKind:
    """The kind of file to read, after the checks that need no parsing; AgreementError otherwise."""
    name = PurePath(filename).name or "het bestand"
    suffix = PurePath(filename).suffix.lower()
    check_size(data, filename, limits)
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data[:1_000_000]:
            raise AgreementError(
                f"{name} is beveiligd met een wachtwoord. Sla het op zonder wachtwoord en probeer het opnieuw."
            )
        raise AgreementError(
            f"{name} is een oud Word-bestand (.doc). Sla het in Word op als .docx of als PDF "
            "en probeer het opnieuw."
        )
    if data.startswith(RTF_MAGIC):
        raise AgreementError(f"{name} is een RTF-bestand. Sla het op als .docx of als PDF.")
    if suffix == ".doc":
        raise AgreementError(
            f"{name} heeft de extensie .doc, die de akkoordcheck niet leest. Gebruik .docx of PDF."
        )
    expected = EXTENSIONS.get(suffix)
    if expected is None:
        raise AgreementError(f"{name}: dit soort bestand kan de akkoordcheck niet lezen. Gebruik {ACCEPTED}.")
    if data.startswith(ZIP_MAGIC) and data.count(ZIP_ENTRY) > MAX_ZIP_ENTRIES:
        raise AgreementError(
            f"{name} bestaat uit meer dan {nl_number(MAX_ZIP_ENTRIES)} delen; een Word-bestand heeft er "
            "meestal een paar tientallen. Sla het opnieuw op in Word, of bewaar het als PDF."
        )
    actual = detect(data)
    if actual is None:
        raise AgreementError(
            f"{name} heet {suffix}, maar de inhoud is geen {ACCEPTED}. Is het bestand beschadigd?"
        )
    if actual != expected:
        raise AgreementError(
            f"{name} heet {suffix}, maar is eigenlijk {KIND_NAMES[actual]}. "
            "Geef het bestand de juiste extensie en probeer het opnieuw."
        )
    if actual == "text" and len(data) > 4 * limits.max_chars:  # 4 bytes at most per character
        raise text_too_long(name, limits)
    return actual
