"""Writing generated files (calendars, feeds, downloads) into the output folder.

Pelican's writer renders templates; plain files are written here. Ids are
validated long before, so a path can only stay inside the output folder — this
checks it anyway, because a file written elsewhere could overwrite anything.
"""

from __future__ import annotations

from pathlib import Path


def write_file(output_dir: str | Path, url: str, content: bytes) -> Path:
    root = Path(output_dir).resolve()
    path = (root / url).resolve()
    if root not in path.parents:
        raise ValueError(f"refusing to write outside the output folder: {url}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path
