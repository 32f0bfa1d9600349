"""The pinned installs: requirements/test.txt for tests and CI, deploy.txt and build.txt (with
hashes) for what gets published. `invoke lock` writes all three with pip-compile; Dependabot
updates them. These tests need no network: they read the files and this environment, which
was installed from test.txt.

What could go wrong silently: a deploy built with versions no test ran with (the files
drifted apart after an update of one of them), a package the site needs missing from the
deploy lock (the deploy would then fail, or worse, pick one up unpinned), or a line without
a hash (pip's --require-hashes would refuse the whole install, on the day of a deploy).
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from support import PROJECT

REQUIREMENTS = PROJECT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)")


def pins(name: str) -> dict[str, dict]:
    """name -> {"version", "hashes"} of one lock file (continuation lines joined)."""
    text = (REQUIREMENTS / name).read_text(encoding="utf-8").replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            match = PIN.match(line)
            assert match, f"requirements/{name}: not a pinned requirement: {line}"
            found[canonicalize_name(match[1])] = {
                "version": match[2], "hashes": re.findall(r"--hash=sha256:([0-9a-f]{64})", line)}
    return found


def project() -> dict:
    return tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


def runtime_closure() -> set[str]:
    """The project's runtime dependencies and theirs, from the installed packages' metadata."""
    seen: set[str] = set()
    todo = [(Requirement(r), "") for r in project()["project"]["dependencies"]]
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        for needed in metadata.requires(requirement.name) or []:
            for wanted in requirement.extras or {""}:
                todo.append((Requirement(needed), wanted))
    return seen


def test_the_deploy_lock_holds_exactly_the_runtime_dependencies():
    assert set(pins("deploy.txt")) == runtime_closure()


def test_every_deploy_pin_has_its_hashes():
    for name in ("deploy.txt", "build.txt"):
        assert {n for n, pin in pins(name).items() if not pin["hashes"]} == set(), name


def test_the_deploy_runs_the_versions_the_tests_ran_with():
    tested = pins("test.txt")
    drifted = {name: (pin["version"], tested[name]["version"])
               for name, pin in pins("deploy.txt").items()
               if name in tested and pin["version"] != tested[name]["version"]}
    assert drifted == {}, "requirements/ auseinandergelaufen: `invoke lock` ausführen"


def test_the_build_lock_holds_the_build_backend_pyproject_asks_for():
    wanted = [Requirement(r) for r in project()["build-system"]["requires"]]
    build = pins("build.txt")
    assert set(build) == {canonicalize_name(r.name) for r in wanted}
    for requirement in wanted:
        assert Version(build[canonicalize_name(requirement.name)]["version"]) in (
            requirement.specifier)


def test_the_locks_say_how_they_were_made():
    """pip-compile writes its command into the header; Dependabot re-runs it from there."""
    for name, flags in (("deploy.txt", ["--generate-hashes",
                                        "--constraint=requirements/test.txt"]),
                        ("build.txt", ["--generate-hashes", "--only-build-deps",
                                       "--constraint=requirements/test.txt"]),
                        ("test.txt", ["--extra=test"])):
        header = (REQUIREMENTS / name).read_text(encoding="utf-8").split("\n\n", 1)[0]
        command = next(line for line in header.splitlines() if line.startswith("#    pip-compile "))
        assert all(flag in command.split() for flag in flags), (name, command)
        assert command.split()[-1] == "pyproject.toml"
