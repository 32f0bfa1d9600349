"""Untrusted text shown in GitHub Markdown: a pull-request summary, a comment on an issue.

Text from data files and issue forms is written by anyone; in a comment or job summary it must
show as itself and never become a link, a mention or HTML.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def escape_markdown(text: str) -> str:
    """Text from a data file or an issue shown as itself in GitHub Markdown.

    Every character Markdown or HTML would act on gets a backslash, line breaks become spaces
    (a table row is one line), and `@name` cannot notify anyone.
    """
    text = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("@", "@\u2060")


def code(text: str) -> str:
    """A path or id as inline code (backslashes would show there, so none are added)."""
    return "`" + " ".join(str(text).split()).replace("`", "'") + "`"
