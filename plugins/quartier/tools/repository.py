"""Links into the repository's web editor: "edit this entry" and "add a date".

Editors change the site through pull requests; the fastest way there is a
link from the page they want to change straight to the file in GitHub's,
GitLab's or Forgejo's web editor. The repository URL, branch and kind of
forge are settings (QUARTIER_REPOSITORY_*).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

#: How each forge spells "edit this file" and "new file in this folder" (with content).
_EDIT = {"github": "{repo}/edit/{branch}/{path}", "gitlab": "{repo}/-/edit/{branch}/{path}",
         "forgejo": "{repo}/_edit/{branch}/{path}"}
_NEW = {"github": ("{repo}/new/{branch}/{folder}", "filename", "value"),
        "gitlab": ("{repo}/-/new/{branch}/{folder}", "file_name", "content"),
        "forgejo": ("{repo}/_new/{branch}/{folder}", None, None)}


@dataclass(frozen=True)
class Repository:
    url: str  # e.g. https://github.com/quartier/stadtteil-info
    branch: str = "main"
    forge: str = "github"  # github | gitlab | forgejo (Codeberg)

    def edit(self, path: str) -> str:
        """The web editor for a file, e.g. data/offers/deutschkurs.yaml."""
        return _EDIT[self.forge].format(repo=self.url.rstrip("/"), branch=quote(self.branch),
                                        path=quote(path))

    def issue_form(self, template: str) -> str | None:
        """GitHub's issue form (for people without Git), e.g. termin.yml; None elsewhere."""
        if self.forge != "github":
            return None
        return f"{self.url.rstrip('/')}/issues/new?{urlencode({'template': template})}"

    def new(self, folder: str, filename: str, content: str) -> str:
        """A new file in `folder`, prefilled with `content` where the forge allows it."""
        pattern, name_key, content_key = _NEW[self.forge]
        url = pattern.format(repo=self.url.rstrip("/"), branch=quote(self.branch),
                             folder=quote(folder))
        if name_key is None:
            return url
        return f"{url}?{urlencode({name_key: filename, content_key: content})}"
