"""Build the demo site the way people do (`invoke build`) in a temporary copy of the project.

Modelled on pelican-plugins' integration tests: a real Pelican run, then
assertions on the files it wrote.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

COPIED = ["content", "data", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tasks.py"]
# 2026-11-21 12:00 UTC: "today" for the build, so the result does not depend on the clock.
EPOCH = "1795348800"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
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


@pytest.fixture(scope="module")
def built(project) -> Path:
    done = invoke(project, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "output"


def test_demo_site_builds(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in index
    assert "Demo: Alle Einträge sind erfunden" in index
    assert (built / "neuigkeiten" / "verfuegungsfonds-2027-aufruf" / "index.html").exists()
    assert not list(built.parent.glob(".output-*")), "staging folders must be cleaned up"


def test_build_with_data_errors_fails_and_keeps_the_previous_site(project, built):
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    broken = project / "data" / "offers" / "kaputt.yaml"
    broken.write_text("title: X\nactor: qm-gibts-nicht\nsummary: S.\ncategories: [beratung]\n",
                      encoding="utf-8")
    try:
        done = invoke(project, "build")
    finally:
        broken.unlink()
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "data/offers/kaputt.yaml:2:8: actor: Unbekannte Kennung „qm-gibts-nicht“" in output
    assert "Traceback" not in output
    after = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".output-*"))


def test_template_error_fails_the_build(project, built):
    template = project / "theme" / "templates" / "index.html"
    original = template.read_text(encoding="utf-8")
    template.write_text(original.replace("{% endblock %}", "{{ missing.attribute.x }}"
                                         "{% endblock %}"), encoding="utf-8")
    try:
        done = invoke(project, "build")
    finally:
        template.write_text(original, encoding="utf-8")
    assert done.returncode != 0
    assert (built / "index.html").exists()
