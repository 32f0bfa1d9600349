"""The date form and its workflow: what a proposer is told, and what a later edit can change.

The form's field labels are a contract with quartier.tools.submission (tested there); here
the texts around them, which tell a proposer what becomes public.
"""

from __future__ import annotations

import yaml

from support import PROJECT

FORM = PROJECT / ".github" / "ISSUE_TEMPLATE" / "termin.yml"


def form_fields() -> dict[str, dict]:
    body = yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"]
    return {item.get("id", item["type"]): item["attributes"] for item in body}


def test_the_form_says_that_everything_becomes_public_at_once():
    """An issue is public the moment it is sent, before any review, and keeps old versions."""
    intro = form_fields()["markdown"]["value"]
    assert "alles hier wird öffentlich" in intro
    assert "sofort in diesem Issue" in intro and "auf der Website" in intro
    assert "Verlauf" in intro  # an edit does not take a number back
    contact = form_fields()["kontakt"]["description"]
    assert "Öffentlich: sofort in diesem Issue und später auf der Website" in contact
    assert "keine private" in contact
