"""A generated 2,000-record site keeps every page inside its budget and every link working."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import generate

from support import broken_links, build, over_budget, project_with_data


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    root = project_with_data(tmp_path_factory.mktemp("large"), {})
    generate(root, 2000)
    return build(root)


def test_large_site_pages_fit_their_budgets(large_site):
    assert len(list(large_site.rglob("*.html"))) > 2000
    assert over_budget(large_site) == []


def test_large_site_links_resolve(large_site):
    assert broken_links(large_site) == []
