"""The one error the akkoordcheck raises for input it cannot read."""

from __future__ import annotations

from scan.base.errors import ScanError


class AgreementError(ScanError):
    """An agreement file or text that cannot be analysed; ``str(error)`` is a Dutch sentence for the user."""
