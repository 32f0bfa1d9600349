"""The date form and its workflow: what a proposer is told, and what a later edit can change.

The form's field labels are a contract with quartier.tools.submission (tested there); here
the texts around them, which tell a proposer what becomes public.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
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


# --- An edit after the review: the workflow step itself, run against a fake GitHub --------
#
# The step "Pull Request anlegen oder aktualisieren" of termin-formular.yml runs as GitHub
# runs it (bash, the step's env), with real git against a local bare repository as `origin`
# and a fake `gh` on PATH. The fake keeps pull requests and reviews in a JSON file, applies
# the step's own `--jq` filters with the jq library, and logs each call together with the
# commit the remote branch was at, so the order of dismissal and push can be checked.

WORKFLOW = PROJECT / ".github" / "workflows" / "termin-formular.yml"
BRANCH = "termin/issue-12"
DATE_FILE = "data/dates/sommerfest-2027-06-12.yaml"

FAKE_GH = '''\
#!{python}
"""A fake `gh` for the few calls termin-formular.yml makes; see tests/unit/test_form_workflow.py."""
import json, os, subprocess, sys
import jq

state_file = os.environ["FAKE_GH_STATE"]
state = json.load(open(state_file))
args = sys.argv[1:]


def option(name, default=None):
    return args[args.index(name) + 1] if name in args else default


def remote_head():
    done = subprocess.run(["git", "--git-dir", os.environ["FAKE_GH_REMOTE"], "rev-parse",
                           "--verify", "--quiet", "refs/heads/" + state["branch"]],
                          capture_output=True, text=True)
    return done.stdout.strip() or None


def answer(value):
    expression = option("--jq")
    if expression is None:
        print(json.dumps(value))
        return
    for result in jq.compile(expression).input_value(value).all():
        print(result if isinstance(result, str) else json.dumps(result))


state["log"].append({{"args": args, "remote": remote_head()}})
status = 0
if args[:2] == ["pr", "list"]:
    answer([{{"number": p["number"], "url": p["url"]}} for p in state["pulls"]
            if p["head"] == option("--head") and p["state"] == "open"])
elif args[:2] == ["pr", "create"]:
    number = 100 + len(state["pulls"])
    url = "https://github.example/pull/%d" % number
    state["pulls"].append({{"number": number, "url": url, "head": option("--head"),
                           "state": "open", "title": option("--title")}})
    print(url)
elif args[:2] == ["pr", "edit"]:
    pull = next(p for p in state["pulls"] if str(p["number"]) == args[2])
    pull["title"] = option("--title")
elif args[0] == "api":
    path = next(a for a in args[1:] if a.startswith("repos/"))
    parts = path.split("/")
    reviews = state["reviews"].setdefault(parts[4], [])
    if option("--method", "GET") == "GET" and parts[-1] == "reviews":
        answer(reviews)
        # someone approves the old version while the workflow runs
        state["reviews"][parts[4]] += state.pop("approve_meanwhile", [])
    elif option("--method") == "PUT" and parts[-1] == "dismissals":
        review = next(r for r in reviews if str(r["id"]) == parts[6])
        if state.get("dismissal_forbidden") or review["state"] != "APPROVED":
            print("gh: Branch protections do not permit dismissing this review (HTTP 403)",
                  file=sys.stderr)
            status = 1
        else:
            review["state"] = "DISMISSED"
            print(json.dumps(review))
    else:
        status = 2
else:
    status = 2
json.dump(state, open(state_file, "w"))
sys.exit(status)
'''


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull,
                               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})
    return done.stdout.strip()


def step_script() -> str:
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["termin"]
    return next(s for s in job["steps"] if s.get("name") == "Pull Request anlegen oder "
                "aktualisieren")["run"]


class Repository:
    """`origin` (bare, its main with the data folder), and the job's fresh checkout of main."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.remote = root / "origin.git"
        git(root, "init", "--quiet", "--bare", "--initial-branch=main", str(self.remote))
        seed = root / "seed"
        git(root, "clone", "--quiet", str(self.remote), str(seed))
        (seed / "data" / "dates").mkdir(parents=True)
        (seed / "data" / "dates" / "schon-da.yaml").write_text("title: Da\n", encoding="utf-8")
        git(seed, "add", ".")
        git(seed, "commit", "--quiet", "-m", "Daten")
        git(seed, "push", "--quiet", "origin", "HEAD:main")
        self.seed = seed

    def branch_with(self, text: str) -> str:
        """The form's branch as an earlier run left it: one commit on main with the file."""
        git(self.seed, "switch", "--quiet", "--create", BRANCH, "origin/main")
        (self.seed / DATE_FILE).write_text(text, encoding="utf-8")
        git(self.seed, "add", ".")
        git(self.seed, "commit", "--quiet", "-m", "Termin")
        git(self.seed, "push", "--quiet", "--force", "origin", BRANCH)
        git(self.seed, "switch", "--quiet", "main")
        return self.remote_head()

    def remote_head(self) -> str | None:
        done = subprocess.run(["git", "--git-dir", str(self.remote), "rev-parse", "--verify",
                               "--quiet", f"refs/heads/{BRANCH}"], capture_output=True, text=True)
        return done.stdout.strip() or None

    def remote_file(self) -> str:
        return git(self.root, "--git-dir", str(self.remote), "show", f"{BRANCH}:{DATE_FILE}")

    def run_step(self, text: str, state: dict) -> subprocess.CompletedProcess:
        """The step as the runner runs it, after the form step wrote `text` as the date file."""
        job = self.root / "job"
        git(self.root, "clone", "--quiet", "--branch", "main", str(self.remote), str(job))
        (job / DATE_FILE).write_text(text, encoding="utf-8")
        temp = self.root / "runner-temp"
        (temp / "termin").mkdir(parents=True)
        (temp / "termin" / "pr-titel.txt").write_text("Termin: Sommerfest\n", encoding="utf-8")
        (temp / "termin" / "pr-text.md").write_text("Closes #12\n", encoding="utf-8")
        (temp / "termin" / "kommentar.md").write_text("Danke!\n", encoding="utf-8")
        bin_dir = self.root / "bin"
        bin_dir.mkdir()
        (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
        (bin_dir / "gh").chmod(0o755)
        self.state_file = self.root / "github.json"
        self.state_file.write_text(json.dumps({"branch": BRANCH, "log": [], **state}))
        script = self.root / "step.sh"
        script.write_text(step_script(), encoding="utf-8")
        env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "HOME": str(self.root),
               "GIT_CONFIG_GLOBAL": os.devnull, "GH_TOKEN": "geheim", "GH_REPO": "qm/site",
               "ISSUE_NUMBER": "12", "RUNNER_TEMP": str(temp), "TERMIN_DATEI": DATE_FILE,
               "TERMIN_KENNUNG": "sommerfest-2027-06-12", "BASIS": "main",
               "FAKE_GH_STATE": str(self.state_file), "FAKE_GH_REMOTE": str(self.remote)}
        # GitHub runs a `run:` block without `shell:` as `bash -e {0}`.
        done = subprocess.run(["bash", "-e", str(script)], cwd=job, env=env,
                              capture_output=True, text=True, timeout=60)
        self.comment = (temp / "termin" / "kommentar.md").read_text(encoding="utf-8")
        return done

    @property
    def github(self) -> dict:
        return json.loads(self.state_file.read_text())


OLD = "title: Sommerfest\nstart: 2027-06-12 14:00\nlocation: {online: https://verein.example.org}\n"
NEW = "title: Sommerfest\nstart: 2027-06-12 14:00\nlocation: {online: https://evil.example}\n"


def approved(review_id: int, commit: str) -> dict:
    return {"id": review_id, "state": "APPROVED", "commit_id": commit, "user": "redaktion"}


def calls(github: dict, *words: str) -> list[dict]:
    return [c for c in github["log"] if c["args"][:len(words)] == list(words)]


def dismissals(github: dict) -> list[dict]:
    return [c for c in calls(github, "api") if any(a.endswith("/dismissals") for a in c["args"])]


@pytest.fixture
def repository(tmp_path) -> Repository:
    return Repository(tmp_path)


def test_a_first_valid_form_opens_a_pull_request(repository):
    done = repository.run_step(OLD, {"pulls": [], "reviews": {}})
    assert done.returncode == 0, done.stderr
    assert repository.remote_file() + "\n" == OLD
    [created] = calls(repository.github, "pr", "create")
    assert created["args"][created["args"].index("--head") + 1] == BRANCH
    assert dismissals(repository.github) == []
    assert "Pull Request: https://github.example/pull/100" in repository.comment


def test_an_edit_after_approval_dismisses_it_before_the_new_version_is_pushed(repository):
    """The swap: approved with a harmless link, then the issue edited to another one."""
    old = repository.branch_with(OLD)
    pull = {"number": 7, "url": "https://github.example/pull/7", "head": BRANCH,
            "state": "open"}
    comment = {"id": 2, "state": "COMMENTED", "commit_id": old, "user": "redaktion"}
    done = repository.run_step(NEW, {"pulls": [pull],
                                     "reviews": {"7": [approved(1, old), comment]}})
    assert done.returncode == 0, done.stderr
    new = repository.remote_head()
    assert new != old and repository.remote_file() + "\n" == NEW
    [dismissal] = dismissals(repository.github)
    assert "repos/qm/site/pulls/7/reviews/1/dismissals" in dismissal["args"]
    assert dismissal["remote"] == old  # while the pull request still showed what was approved
    assert [r["state"] for r in repository.github["reviews"]["7"]] == ["DISMISSED", "COMMENTED"]
    assert calls(repository.github, "pr", "edit") and not calls(repository.github, "pr", "create")
    assert "Die Redaktion sieht sie sich an" in repository.comment


def test_an_approval_given_while_the_workflow_runs_is_dismissed_too(repository):
    old = repository.branch_with(OLD)
    pull = {"number": 7, "url": "https://github.example/pull/7", "head": BRANCH,
            "state": "open"}
    done = repository.run_step(NEW, {"pulls": [pull], "reviews": {"7": []},
                                     "approve_meanwhile": [approved(3, old)]})
    assert done.returncode == 0, done.stderr
    assert [r["state"] for r in repository.github["reviews"]["7"]] == ["DISMISSED"]
    [dismissal] = dismissals(repository.github)
    assert dismissal["remote"] == repository.remote_head()  # the pass after the push


def test_an_edit_that_changes_no_file_leaves_pull_request_and_approval_alone(repository):
    old = repository.branch_with(OLD)
    pull = {"number": 7, "url": "https://github.example/pull/7", "head": BRANCH,
            "state": "open"}
    done = repository.run_step(OLD, {"pulls": [pull], "reviews": {"7": [approved(1, old)]}})
    assert done.returncode == 0, done.stderr
    assert repository.remote_head() == old
    assert repository.github["reviews"]["7"][0]["state"] == "APPROVED"
    assert "An den Angaben im Pull Request hat sich nichts geändert." in repository.comment


def test_when_an_approval_cannot_be_dismissed_nothing_is_pushed(repository):
    """A branch protection that allows no dismissal fails the run, and the approved version
    stays in the pull request – never the new one under the old approval."""
    old = repository.branch_with(OLD)
    pull = {"number": 7, "url": "https://github.example/pull/7", "head": BRANCH,
            "state": "open"}
    done = repository.run_step(NEW, {"pulls": [pull], "reviews": {"7": [approved(1, old)]},
                                     "dismissal_forbidden": True})
    assert done.returncode != 0
    assert "do not permit dismissing" in done.stderr
    assert repository.remote_head() == old and repository.remote_file() + "\n" == OLD
