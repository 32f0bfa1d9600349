"""Helpers shared by the tests: data folders to validate and project copies to build."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from quartier.contract.ids import RESERVED
from quartier.contract.validate import validate

PROJECT = Path(__file__).resolve().parent.parent
#: Third-party files the tests read, with their licences (see tests/data/README.md).
TEST_DATA = PROJECT / "tests" / "data"
TODAY = date(2026, 11, 21)

BASE_FILES = {
    "districts.yaml": """\
- id: volkmarsdorf
  name: Volkmarsdorf
  city: Leipzig
- id: moeckern
  name: Möckern
  city: Leipzig
""",
    "categories.yaml": """\
- id: beratung
  name: Beratung
- id: netzwerk
  name: Netzwerk
""",
    "audiences.yaml": """\
- id: familien
  name: Familien
""",
    "actors/qm-ost.yaml": """\
name: Quartiersmanagement Leipziger Osten
kind: office
summary: Das QM vermittelt zwischen Bewohnern, Vereinen und Verwaltung.
address: {street: Eisenbahnstraße 49, postcode: 04315, city: Leipzig}
""",
    "actors/ak-ost.yaml": """\
name: AK Ost
kind: network
summary: Netzwerkplattform im Leipziger Osten.
""",
    "actors/naomi-ev.yaml": """\
name: Naomi e. V.
kind: association
summary: Ein Verein im Leipziger Osten.
""",
}


class DataFolder:
    """A data folder in tmp_path with the base files plus whatever a test writes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name, text in BASE_FILES.items():
            self.write(name, text)

    def write(self, name: str, text: str | bytes) -> Path:
        file = self.root / "data" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            file.write_bytes(text)
        else:
            file.write_text(text, encoding="utf-8")
        return file

    def validate(self, **kwargs):
        return validate(self.root / "data", today=TODAY, **kwargs)

    def problems(self, name: str, text: str | bytes | None = None, **kwargs):
        """Write `text` as data/<name> (if given), validate, return that file's problems."""
        if text is not None:
            self.write(name, text)
        result = self.validate(**kwargs)
        return [p for p in result.problems if p.path == f"data/{name}"]


COPIED = ["content", "data", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py"]
# 2026-11-21 12:00 UTC: "today" for every test build, so results do not depend on the clock.
EPOCH = "1795262400"


def copy_project(root: Path) -> Path:
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, root / name,
                            ignore=shutil.ignore_patterns("__pycache__", "output"))
        else:
            shutil.copy2(source, root / name)
    return root


def invoke(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def build(root: Path) -> Path:
    done = invoke(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "output"


class Page(HTMLParser):
    """What the tests look at in one HTML file."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []  # href of <a>
        self.resources: list[str] = []  # src of anything, href of <link>
        self.ids: set[str] = set()
        self.h1 = 0
        self.lang = None
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "link" and a.get("rel") != "canonical":
            self.resources.append(a.get("href", ""))
        if "src" in a:
            self.resources.append(a["src"])
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)
        self.text.append(data)


def html_pages(site: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def broken_links(site: Path) -> list[tuple[Path, str]]:
    """Internal links or #anchors that lead nowhere."""
    pages = {path: Page(text) for path, text in html_pages(site).items()}
    broken = []
    for path, page in pages.items():
        for href in page.links:
            if not href.startswith(("/", "#")):
                continue
            target, _, anchor = href.partition("#")
            file = path if not target else site / target.lstrip("/")
            if file.is_dir() or target.endswith("/"):
                file = file / "index.html"
            if not file.is_file() or (anchor and file.suffix == ".html"
                                      and anchor not in pages[file].ids):
                broken.append((path.relative_to(site), href))
    return broken


def gzip_sizes(site: Path) -> dict[Path, int]:
    return {p: len(gzip.compress(p.read_bytes(), mtime=0)) for p in site.rglob("*.html")}


def over_budget(site: Path) -> list[tuple[str, int]]:
    """Pages over 14 KB gzip, and record pages over 6 KB; prints the heaviest pages."""

    sizes = gzip_sizes(site)
    heaviest = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
    print("heaviest pages (gzip bytes):", [(str(p.relative_to(site)), n) for p, n in heaviest])
    over = []
    for path, size in sizes.items():
        parts = path.relative_to(site).parts
        # A record's page; the lists at such addresses (/termine/woche/, …) are lists.
        record = (len(parts) == 3 and parts[0] in ("angebote", "akteure", "termine")
                  and not any(parts[1] in names for names in RESERVED.values()))
        if size > (6 if record else 14) * 1024:
            over.append((str(path.relative_to(site)), size))
    return over


def project_with_data(root: Path, files: dict[str, str]) -> Path:
    """A copy of the project whose data/ holds only `files` (name -> text)."""
    copy_project(root)
    shutil.rmtree(root / "data")
    for name, text in files.items():
        (root / "data" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "data" / name).write_text(text, encoding="utf-8")
    return root


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def without_isolates(html: str) -> str:
    """A page without the `<bdi>` that keep times and numbers whole on right-to-left pages:
    the text as the reader reads it, for checks of a sentence such as „18:00–20:00 Uhr“."""
    return re.sub(r"</?bdi[^>]*>", "", html)


def tags(html: str) -> list[tuple[str, dict]]:
    """Every element and its attributes a browser would create from `html`."""
    parser = _Tags()
    parser.feed(html)
    return parser.found
