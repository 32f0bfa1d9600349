"""CI files, editor settings and the guide's examples: linted, and keeping the guide's promises.

actionlint checks the GitHub workflows (syntax, expressions, contexts, the shell scripts with
shellcheck when it is installed, script injection). It comes from the test dependencies; a
missing actionlint fails these tests instead of skipping them, like the browser tests do.
GitLab and Woodpecker have no linter available offline, so their files are read with PyYAML and
checked for the jobs and commands the guide names. The example files in docs/ are validated
against the demo data, so a newcomer can copy them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quartier.contract.validate import validate
from support import PROJECT, TODAY

GITHUB = PROJECT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
FORGEJO = sorted((PROJECT / ".forgejo" / "workflows").glob("*.y*ml"))
SHA_PIN = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def actionlint() -> str:
    """The actionlint next to this Python (installed with '.[test]'), else one on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is missing: python -m pip install -e '.[test]'", pytrace=False)
    return found


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) \
        else on


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"pruefung.yml", "veroeffentlichen.yml",
                                           "termin-formular.yml"}


def test_actionlint_finds_nothing():
    done = subprocess.run([actionlint(), "-no-color", *map(str, WORKFLOWS + FORGEJO)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if re.match(r"^\s*(- )?uses:", line)]
    assert lines
    assert [line for line in lines if not SHA_PIN.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path):
    workflow = load(path)
    assert "pull_request_target" not in triggers(workflow)
    assert workflow["permissions"] in ({}, {"contents": "read"})  # more only per job
    for job in workflow["jobs"].values():
        assert "permissions" not in job or "write-all" not in str(job["permissions"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_untrusted_text_in_scripts(path):
    """Issue and pull-request texts reach scripts through env, never `${{ … }}` in `run:`."""
    workflow = load(path)
    untrusted = re.compile(r"\$\{\{[^}]*(github\.event\.(issue|comment|review|pull_request)\."
                           r"(title|body)|github\.head_ref|\.head\.ref|\.label)[^}]*\}\}")
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            assert not untrusted.search(step.get("run", "")), step


def test_pull_request_check():
    workflow = load(GITHUB / "workflows" / "pruefung.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    steps = workflow["jobs"]["daten"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "python -m invoke validate --format github" in runs
    assert "python -m invoke build" in runs
    assert 'python -m quartier changes --base "$BASE_SHA"' in runs
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs
    setup = next(s for s in steps if "setup-python" in s.get("uses", ""))
    assert setup["with"] == {"python-version": "3.11", "cache": "pip",
                             "cache-dependency-path": "pyproject.toml"}
    upload = next(s for s in steps if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "output/"
    tests = workflow["jobs"]["tests"]
    assert tests["container"].startswith("python:3.11-")  # Debian: /usr/bin/chromium
    assert "chromium default-jre-headless" in "\n".join(s.get("run", "")
                                                        for s in tests["steps"])
    assert tests["steps"][-1]["run"] == "python -m invoke test"


def test_deploy_to_github_pages():
    workflow = load(GITHUB / "workflows" / "veroeffentlichen.yml")
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]}
    assert on["schedule"] and "workflow_dispatch" in on
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = workflow["jobs"]["bauen"]["steps"]
    step = next(s for s in build if s.get("run") == "python -m invoke build --publish")
    assert "SITEURL" in step["env"]
    deploy = workflow["jobs"]["veroeffentlichen"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_form_workflow_permissions_and_trigger():
    workflow = load(GITHUB / "workflows" / "termin-formular.yml")
    assert triggers(workflow) == {"issues": {"types": ["opened", "edited"]}}
    job = workflow["jobs"]["termin"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write",
                                  "issues": "write"}
    body_step = next(s for s in job["steps"] if "ISSUE_BODY" in s.get("env", {}))
    assert body_step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "python -m quartier submission" in body_step["run"]


def test_gitlab_pipeline():
    pipeline = load(PROJECT / ".gitlab-ci.yml")
    assert pipeline["stages"] == ["pruefen", "testen", "veroeffentlichen"]
    assert {"validate", "test", "pages"} <= set(pipeline)
    script = {name: "\n".join(pipeline[name]["script"]) for name in ("validate", "test", "pages")}
    assert "python -m invoke validate" in script["validate"]
    assert "python -m quartier changes" in script["validate"]
    assert "python -m invoke test" in script["test"]
    assert "chromium default-jre-headless" in script["test"]
    assert "python -m invoke build --publish" in script["pages"]
    assert "mv output public" in script["pages"]
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    assert pipeline["validate"]["artifacts"]["paths"] == ["output/"]
    assert pipeline["default"]["image"].startswith("python:3.11-")


def test_woodpecker_pipeline_for_codeberg():
    pipeline = load(PROJECT / ".woodpecker.yml")
    steps = {step["name"]: step for step in pipeline["steps"]}
    assert list(steps) == ["pruefen", "testen", "veroeffentlichen"]
    commands = {name: "\n".join(step["commands"]) for name, step in steps.items()}
    assert "python -m invoke validate" in commands["pruefen"]
    assert "python -m invoke test" in commands["testen"]
    assert "python -m invoke build --publish" in commands["veroeffentlichen"]
    assert steps["veroeffentlichen"]["environment"]["CODEBERG_TOKEN"] == {
        "from_secret": "codeberg_token"}
    assert {"event": ["push", "cron", "manual"], "branch": "main"} in pipeline["when"]
    # the token is only there for main, never for a pull request
    assert steps["veroeffentlichen"]["when"] == [{"event": ["push", "cron", "manual"],
                                                  "branch": "main"}]


def test_vscode_maps_every_schema_to_its_files():
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {
        f"./plugins/quartier/contract/schema/{kind}.schema.json": [pattern]
        for kind, pattern in [("actor", "data/actors/*.yaml"), ("offer", "data/offers/*.yaml"),
                              ("date", "data/dates/*.yaml"),
                              ("districts", "data/districts.yaml"),
                              ("categories", "data/categories.yaml"),
                              ("audiences", "data/audiences.yaml"),
                              ("synonyms", "data/synonyms.yaml")]}
    for schema_file, patterns in mapping.items():
        assert (PROJECT / schema_file).is_file()
        assert all(list(PROJECT.glob(p)) for p in patterns), patterns
    extensions = json.loads((PROJECT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_pre_commit_runs_the_validator_on_data_changes():
    config = load(PROJECT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    hook = hooks["quartier-validate"]
    assert hook["entry"] == "quartier-validate"
    assert hook["pass_filenames"] is False
    assert re.match(hook["files"], "data/dates/x.yaml")
    assert not re.match(hook["files"], "plugins/quartier/loader.py")


def test_pull_request_template_and_codeowners_example():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 4
    example = (GITHUB / "CODEOWNERS.example").read_text(encoding="utf-8")
    rules = [line.split() for line in example.splitlines() if line and not line.startswith("#")]
    assert ["/data/", "@stadtteil-info/redaktion"] in rules


# --- The guide's examples ------------------------------------------------------------------

EXAMPLE = re.compile(r"```yaml\n# (data/(?:actors|offers|dates)/[a-z0-9-]+\.yaml)\n(.*?)```",
                     re.DOTALL)


def test_example_files_in_the_guide_are_valid(tmp_path):
    """Every ```yaml block of docs/ that starts with `# data/…/<id>.yaml` is a valid file."""
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    examples = {}
    for page in sorted((PROJECT / "docs").glob("*.md")):
        for match in EXAMPLE.finditer(page.read_text(encoding="utf-8")):
            examples[match.group(1)] = page.name
            (tmp_path / match.group(1)).write_text(match.group(2), encoding="utf-8")
    assert len(examples) >= 5
    problems = [p for p in validate(tmp_path / "data", today=TODAY).problems
                if p.path in examples]
    assert problems == []
