"""A copy of this checkout as a fresh clone would have it plus what is changed and not yet committed
(git's tracked and untracked, not ignored files: no data/, no caches). Used where a test or a tool must
run on the project without touching the working tree."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def copy_checkout(root: Path, target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in files:
        source = root / name
        if source.is_file():  # a file deleted but not yet committed is still listed
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target
