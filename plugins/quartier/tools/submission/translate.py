"""The validator's problems in the form's words.

A submitted form is checked by the same validator as every pull request, whose messages name
YAML fields (`registration.required`) and give hints about files. The submitter knows only the
form, so each problem is told under the label of the form field it came from, and hints about
YAML are left out.
"""

from __future__ import annotations

import re

from quartier.contract.plausibility import confirm_hint
from quartier.contract.problems import Problem

from . import form
from .form import Message

#: Validator field (longest prefix wins) -> the form field it came from.
FIELD_LABELS = {
    "title": form.TITLE, "start": form.START, "end": form.END, "repeat": form.REPEAT,
    "repeat.until": form.UNTIL, "location": form.PLACE, "organizer": form.ORGANIZER,
    "categories": form.CATEGORIES, "audiences": form.AUDIENCES, "districts": form.DISTRICTS,
    "summary": form.SUMMARY, "description": form.DESCRIPTION, "cost": form.COST,
    "registration": form.REGISTRATION_NOTE, "registration.required": form.REGISTRATION,
    "languages": form.LANGUAGES, "accessibility.wheelchair": form.WHEELCHAIR,
    "accessibility": form.ACCESS_NOTE, "contact": form.CONTACT,
}
# Hints that speak about YAML files rather than the form are left out of comments.
_FILE_HINT = re.compile(r"Zeile|Anführungszeichen|[Ee]inrück|data/|\b(start|end|repeat|except|"
                        r"changes|description|location|street|place|city)\b")


def _label_for(problem: Problem) -> str:
    name = re.sub(r"\[\d+\]", "", problem.field)
    best = ""
    for prefix in FIELD_LABELS:
        if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    return FIELD_LABELS.get(best, "Eintrag")


def translate(problem: Problem) -> Message:
    """A validator problem in the form's words: its field's label, hints about YAML left out."""
    text = problem.message
    # Confirming a warning is done in the file, by the editors who review the pull request.
    hint = problem.hint.replace(confirm_hint(problem.rule), "").strip()
    if hint.startswith("Meinten Sie"):
        hint = hint[: hint.index("?") + 1]
    if hint and not _FILE_HINT.search(hint):
        text += " " + hint
    return Message(_label_for(problem), text)


def form_order(message: Message) -> int:
    return form.LABELS.index(message.label) if message.label in form.LABELS else len(form.LABELS)
