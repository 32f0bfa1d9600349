"""Which data files a change adds or changes, from git.

A new date that already lies in the past is a warning (see `contract.plausibility.past_date`),
an old one in the archive is not; and the problems of the files a pull request changes are
the ones to show first, since GitHub turns only the first ten errors and ten warnings of a
step into annotations on the changed lines.

"New" means: not in the version the change starts from. In a pull request that is the target
branch (GitHub says which in GITHUB_BASE_REF, GitLab in CI_MERGE_REQUEST_TARGET_BRANCH_NAME,
Woodpecker in CI_COMMIT_TARGET_BRANCH); on an editor's machine it is the last commit, so the
files not committed yet are the new ones. Without git, or outside a repository, nobody knows,
and no such warning is given.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

#: Environment variables naming the branch a pull (merge) request goes into.
TARGET_BRANCH_VARIABLES = ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
                           "CI_COMMIT_TARGET_BRANCH")


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def default_base() -> str:
    """The target branch of the pull request CI runs for, else HEAD."""
    for name in TARGET_BRANCH_VARIABLES:
        branch = os.environ.get(name, "").strip()
        if branch:
            return f"origin/{branch}"
    return "HEAD"


def added_files(data_dir: Path, base: str | None = None) -> frozenset[str] | None:
    """Paths as problems name them (`data/dates/x.yaml`) of the files under `data_dir` that
    `base` does not have; None when git cannot tell."""
    return _files(data_dir, base, "A")


def changed_files(data_dir: Path, base: str | None = None) -> frozenset[str] | None:
    """The same for files added, changed or renamed since `base`."""
    return _files(data_dir, base, "ACMR")


def _files(data_dir: Path, base: str | None, kinds: str) -> frozenset[str] | None:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None
    base = base or default_base()
    start = _git(data_dir, "merge-base", base, "HEAD")
    if start is None:
        if base != "HEAD" or _git(data_dir, "rev-parse", "--is-inside-work-tree") is None:
            return None
        start = ""  # a repository without any commit: every file is new
    start = start.strip()
    listed = _git(data_dir, "ls-files", "--others", "--exclude-standard", "-z") or ""
    names = set(filter(None, listed.split("\0")))
    if start:
        changed = _git(data_dir, "diff", "--name-only", "--relative", f"--diff-filter={kinds}",
                       "-M", "-z", start)
        if changed is None:
            return None
        names |= set(filter(None, changed.split("\0")))
    else:
        names |= set(filter(None, (_git(data_dir, "ls-files", "-z") or "").split("\0")))
    return frozenset(f"{data_dir.name}/{name}" for name in names)
