"""A fingerprint of everything a build reads, so an unchanged site is not built again.

The nightly job and every pull-request check rebuild the site; when neither the
data, the content, the theme, the code nor the build date changed, the last
output is still right. The key is the content itself (file bytes and paths relative
to the project), never file times, so a fresh checkout of the same commit in
the same place is recognised too. Installed package versions are not part of
it: after upgrading Pelican or a plugin's dependencies, delete cache/.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def fingerprint(base: Path, roots: Iterable[Path], *extra: str) -> str:
    """SHA-256 over the paths (relative to `base`) and bytes of all files under `roots`."""
    digest = hashlib.sha256()
    for value in extra:
        digest.update(value.encode() + b"\0")
    for root in roots:
        files = [root] if root.is_file() else sorted(
            p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in files:
            name = file.relative_to(base) if file.is_relative_to(base) else file
            digest.update(name.as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()
