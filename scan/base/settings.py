"""Installation settings from the environment: where the database lives, and limits on files."""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
# `pip install .` puts the content folders (questions, benchmarks, docs) here, from the same files
# (pyproject.toml, [tool.setuptools.data-files]); a checkout reads them in place.
INSTALLED_DIR = Path(sysconfig.get_path("data")) / "share" / "democratiescan"
IN_CHECKOUT = (PROJECT_DIR / "questions").is_dir()
# A checkout keeps its database in its own data/ folder; an installed package in data/ of the
# folder it is started from (or DEMOCRATIESCAN_DB).
DEFAULT_DB = (PROJECT_DIR if IN_CHECKOUT else Path.cwd()) / "data" / "democratiescan.sqlite"


def content_dir(name: str) -> Path:
    """A folder of the project's content (``questions``, ``benchmarks``, ``docs``): in place in a
    checkout, else where `pip install .` put it."""
    return (PROJECT_DIR if IN_CHECKOUT else INSTALLED_DIR) / name


DB_ENV = "DEMOCRATIESCAN_DB"


def database_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def litestream_checkpoints() -> bool:
    """True when the app runs under Litestream (``DEMOCRATIESCAN_LITESTREAM=1``, set by
    deploy/with-litestream): Litestream then checkpoints the WAL itself and the app does not."""
    return os.environ.get("DEMOCRATIESCAN_LITESTREAM") == "1"


def megabytes(name: str, default: int) -> int:
    """A size limit in MB from the environment (``DEMOCRATIESCAN_<NAME>_MB``), or the default."""
    raw = os.environ.get(f"DEMOCRATIESCAN_{name}_MB", "")
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) > 0 else default


def max_import_bytes() -> int:
    """Largest benchmark file accepted (10 MB: ~300,000 rows, far beyond all municipalities' years)."""
    return megabytes("MAX_IMPORT", 10) * 1024 * 1024


def max_backup_bytes() -> int:
    """Largest backup accepted, unpacked (256 MB: several times a national data set)."""
    return megabytes("MAX_BACKUP", 256) * 1024 * 1024


def trusted_proxies() -> str:
    """Addresses of reverse proxies whose X-Forwarded-For header the server believes (comma-separated,
    ``DEMOCRATIESCAN_TRUSTED_PROXIES``). Empty by default: then no client can choose the address the
    throttle sees by sending that header itself, not even one on the same machine."""
    return ",".join(
        part.strip()
        for part in os.environ.get("DEMOCRATIESCAN_TRUSTED_PROXIES", "").split(",")
        if part.strip()
    )
