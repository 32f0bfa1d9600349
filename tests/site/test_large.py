"""A generated 2,000-record site keeps every page inside its budget and every link working."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quartier.synthetic import generate
from support import broken_links, build, copy_project, over_budget


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("large"))
    shutil.rmtree(root / "data")
    generate(root, 2000)
    return build(root)


def test_large_site_pages_fit_their_budgets(large_site):
    assert len(list(large_site.rglob("*.html"))) > 2000
    assert over_budget(large_site) == []


def test_large_site_links_resolve(large_site):
    assert broken_links(large_site) == []
