"""The whole output of a tiny site, compared with a committed expectation (tests/golden/).

As Pelican's own `tests/output/`: a small data set (`tests/golden/data/`, two languages, a
series with an exception and a moved date, a cancelled and an all-day date) is built at the
tests' fixed date, and every file written must equal `tests/golden/expected/` byte for byte
— pages, calendars, feeds, search index, open data. A change to what the site writes then
shows as a diff of that folder in review. After an intended change, refresh it with

    python -m pytest tests/site/test_golden.py --update-golden

and read the diff before committing it. The theme's static files are copied unchanged by
Pelican; they are compared with `theme/static/` instead of being stored twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import PROJECT, build, copy_project

GOLDEN = PROJECT / "tests" / "golden"
EXPECTED = GOLDEN / "expected"
STATIC = "theme"  # Pelican's THEME_STATIC_DIR in the output


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("golden"))
    shutil.rmtree(root / "data")
    shutil.copytree(GOLDEN / "data", root / "data")
    for folder in ("news", "pages"):
        shutil.rmtree(root / "content" / folder)
        shutil.copytree(GOLDEN / "content" / folder, root / "content" / folder)
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nQUARTIER_LANGUAGES = ["de", "ar"]\n')
    return build(root)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_output_equals_the_expectation(golden_site, request):
    written = {name: data for name, data in files(golden_site).items()
               if not name.startswith(STATIC + "/")}
    if request.config.getoption("--update-golden"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for name, data in written.items():
            (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / name).write_bytes(data)
    expected = files(EXPECTED)
    assert sorted(written) == sorted(expected)  # no file missing, none extra
    differ = [name for name in written if written[name] != expected[name]]
    assert differ == [], "Unterschiede; nach einer gewollten Änderung: --update-golden"


def test_the_theme_files_are_copied_unchanged(golden_site):
    copied = files(golden_site / STATIC)
    assert copied == files(PROJECT / "theme" / "static")
