"""CI files, editor settings and the guide's examples: linted, and keeping the guide's promises.

actionlint checks the GitHub workflows (syntax, expressions, contexts, the shell scripts with
shellcheck when it is installed, script injection); zizmor audits them and dependabot.yml for
security (offline). Both come from the test dependencies; a missing one fails these tests
instead of skipping them, like the browser tests do.
GitLab and Woodpecker have no linter available offline, so their files are read with PyYAML and
checked for the jobs and commands the guide names. The example files in docs/ are validated
against the demo data, so a newcomer can copy them.
"""

from __future__ import annotations

import base64
import hashlib
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


def tool(name: str) -> str:
    """A linter next to this Python (installed with '.[test]'), else one on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: python -m pip install -e '.[test]'", pytrace=False)
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
    done = subprocess.run([tool("actionlint"), "-no-color", *map(str, WORKFLOWS + FORGEJO)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_zizmor_finds_nothing():
    """zizmor's strictest persona (auditor) on the workflows and dependabot.yml: no finding.

    Offline, so the audits that ask GitHub (known-vulnerable actions, impostor commits) do not
    run; Dependabot covers the actions' updates. No finding is accepted: a new one either gets
    fixed or, if it is a false alarm, a `# zizmor: ignore[<audit>]` comment on its line saying
    why, where the next reader sees it.
    """
    done = subprocess.run([tool("zizmor"), "--offline", "--persona=auditor", "--collect=all",
                           "--no-progress", "--color=never", str(GITHUB)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


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


def test_tokens_only_in_the_steps_that_use_them():
    """No token in a workflow's or job's env, none kept by a checkout; GH_TOKEN only where
    `gh` runs. An install step or a script reading the issue never holds one."""
    for path in WORKFLOWS:
        workflow = load(path)
        assert "GH_TOKEN" not in workflow.get("env", {}), path.name
        for name, job in workflow["jobs"].items():
            assert not {"GH_TOKEN", "GITHUB_TOKEN"} & set(job.get("env", {})), (path.name, name)
            for step in job.get("steps", []):
                if "actions/checkout" in step.get("uses", ""):
                    assert step["with"]["persist-credentials"] is False, (path.name, name)
                    assert "token" not in step["with"], (path.name, name)
                if "GH_TOKEN" in step.get("env", {}):
                    assert re.search(r"(^|\s)gh ", step["run"]), step.get("name")
                else:
                    assert "secrets." not in str(step), step.get("name")


def test_what_publishes_or_reads_the_form_installs_from_the_hash_locks_without_cache():
    """The deploy and the form job: every package checked by its hash, and no cache, which a
    job reading untrusted input could poison for the deploy on the same branch."""
    jobs = [load(GITHUB / "workflows" / "termin-formular.yml")["jobs"]["termin"],
            load(GITHUB / "workflows" / "veroeffentlichen.yml")["jobs"]["bauen"]]
    for job in jobs:
        runs = [step.get("run", "") for step in job["steps"]]
        assert "sh requirements/install.sh" in runs
        assert not [r for r in runs if "pip install" in r]
        for step in job["steps"]:
            assert "actions/cache" not in step.get("uses", "")
            if "setup-python" in step.get("uses", ""):
                assert set(step["with"]) == {"python-version"}
    gitlab = load(PROJECT / ".gitlab-ci.yml")["pages"]
    assert gitlab["cache"] == [] and "sh requirements/install.sh" in gitlab["script"][0]
    woodpecker = {s["name"]: s for s in load(PROJECT / ".woodpecker.yml")["steps"]}
    assert "sh requirements/install.sh" in woodpecker["veroeffentlichen"]["commands"]
    script = (PROJECT / "requirements" / "install.sh").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if line.startswith("python -m pip")]
    assert commands == [
        "python -m pip install --require-hashes --no-deps -r requirements/build.txt",
        "python -m pip install --require-hashes --no-deps --no-build-isolation "
        "-r requirements/deploy.txt",
        "python -m pip install --no-deps --no-build-isolation -e .",
    ]


IMAGE = re.compile(r"^FROM (python:3\.11-bookworm@sha256:[0-9a-f]{64})$", re.MULTILINE)


def container_images() -> dict[str, list[str]]:
    """Every container image the CI files name, by file."""
    found = {}
    for path in WORKFLOWS:
        found[f".github/workflows/{path.name}"] = [
            c if isinstance(c, str) else c["image"]
            for c in (job.get("container") for job in load(path)["jobs"].values()) if c]
    gitlab = load(PROJECT / ".gitlab-ci.yml")
    found[".gitlab-ci.yml"] = [gitlab["default"]["image"]] + [
        job["image"] for job in gitlab.values() if isinstance(job, dict) and "image" in job]
    found[".woodpecker.yml"] = [step["image"]
                                for step in load(PROJECT / ".woodpecker.yml")["steps"]]
    return found


def test_container_images_are_the_digest_dependabot_keeps_current():
    """One image for all CI, pinned by digest in requirements/Dockerfile (Dependabot reads no
    CI files); after its update this names each file still to change."""
    [pinned] = IMAGE.findall((PROJECT / "requirements" / "Dockerfile").read_text("utf-8"))
    images = container_images()
    assert images[".github/workflows/pruefung.yml"] and images[".woodpecker.yml"]
    stale = {name: sorted(set(found) - {pinned}) for name, found in images.items()
             if set(found) - {pinned}}
    assert stale == {}, f"in diesen Dateien {pinned} eintragen"


def test_dependabot_keeps_every_pin_current_a_week_after_release():
    config = load(GITHUB / "dependabot.yml")
    updates = {(u["package-ecosystem"], u["directory"]): u for u in config["updates"]}
    assert set(updates) == {("github-actions", "/"), ("pip", "/requirements"),
                            ("docker", "/requirements")}
    assert all(u["cooldown"]["default-days"] >= 7 for u in updates.values())
    # the image stays Python 3.11 on Debian 12: only its digest moves
    assert updates[("docker", "/requirements")]["ignore"] == [{
        "dependency-name": "python",
        "update-types": ["version-update:semver-major", "version-update:semver-minor"]}]


def test_form_workflow_permissions_and_trigger():
    workflow = load(GITHUB / "workflows" / "termin-formular.yml")
    assert triggers(workflow) == {"issues": {"types": ["opened", "edited"]}}
    job = workflow["jobs"]["termin"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write",
                                  "issues": "write"}
    body_step = next(s for s in job["steps"] if "ISSUE_BODY" in s.get("env", {}))
    assert body_step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "python -m quartier submission" in body_step["run"]
    # the bot's token lives in an environment limited to the default branch (docs say how)
    assert job["environment"] == "termin-formular"
    # a run is never cancelled between its push and the dismissal of approvals
    assert workflow["concurrency"]["cancel-in-progress"] is False


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
    assert {"event": ["push", "cron", "manual"], "branch": "main"} in pipeline["when"]
    # the key is only there for main, never for a pull request
    assert steps["veroeffentlichen"]["when"] == [{"event": ["push", "cron", "manual"],
                                                  "branch": "main"}]
    secrets = {name: step["environment"][key] for name, step in steps.items()
               for key, value in step.get("environment", {}).items()
               if isinstance(value, dict)}
    assert secrets == {"veroeffentlichen": {"from_secret": "codeberg_deploy_key"}}


# Codeberg's published ED25519 host key fingerprint (docs.codeberg.org/security/ssh-fingerprint/).
CODEBERG_ED25519 = "SHA256:mIlxA9k46MmM6qdJOdMnAQpzGxF4WIVVL+fj+wZbw0g"


def test_woodpecker_publishes_with_a_deploy_key_to_the_pinned_host():
    """A deploy key opens this repository only (an account token opens all of the account's),
    and ssh talks only to the host whose key Codeberg publishes: no trust on first use."""
    [step] = [s for s in load(PROJECT / ".woodpecker.yml")["steps"]
              if s["name"] == "veroeffentlichen"]
    commands = "\n".join(step["commands"])
    [known] = re.findall(r"printf '%s\\n' \"(codeberg\.org ssh-ed25519 \S+)\" "
                         r"> /tmp/ssh/known_hosts", commands)
    blob = base64.b64decode(known.split()[2])
    fingerprint = "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode()
    assert fingerprint.rstrip("=") == CODEBERG_ED25519
    assert "-o StrictHostKeyChecking=yes" in commands
    assert "-o UserKnownHostsFile=/tmp/ssh/known_hosts" in commands
    assert 'git push --quiet --force "git@codeberg.org:$${CI_REPO}.git" pages' in commands
    assert "https://" not in commands.split("invoke build --publish", 1)[1]


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
                              ("synonyms", "data/synonyms.yaml"),
                              ("ferien", "data/ferien.yaml")]}
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
