"""Every UI string goes through gettext, and the catalog template is up to date."""

from __future__ import annotations

import re

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from support import PROJECT

TEMPLATES = PROJECT / "theme" / "templates"
POT = PROJECT / "theme" / "translations" / "messages.pot"


def visible_literal_text(template: str) -> str:
    """What a template would print that is not produced by a Jinja expression or tag."""
    for pattern in (r"\{#.*?#\}", r"\{%.*?%\}", r"\{\{.*?\}\}", r"<[^>]*>", r"&[a-z]+;"):
        template = re.sub(pattern, " ", template, flags=re.S)
    return template


def test_templates_have_no_untranslated_text():
    for file in TEMPLATES.glob("*.html"):
        literal = visible_literal_text(file.read_text(encoding="utf-8"))
        assert not re.search(r"[^\W\d_]{2,}", literal), (file.name, literal.split())


def test_catalog_template_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(PROJECT / "babel.cfg"), "-k", "_n:1,2",
        "-k", "mark", "--no-location", "-o", str(fresh), str(PROJECT)])

    def ids(path):
        with path.open("rb") as handle:
            return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}

    current = ids(fresh)
    assert "%(from)s–%(to)s Uhr" in current and "Zum Inhalt springen" in current
    assert ids(POT) == current, "run `invoke i18n` and commit theme/translations/messages.pot"
