"""The validator command: output formats and exit status, as CI calls it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quartier.tools.cli import main

BROKEN = "title: X\nactor: qm-ost\nsummary: S.\ncategories: [beratung]\nby_appointment: yes\n"
STALE = "title: X\nactor: qm-ost\nsummary: S.\ncategories: [beratung]\nlast_checked: 2020-01-01\n"


def run(data, *args):
    return main(["--data", str(data.root / "data"), "--config", str(data.root / "none.py"),
                 *args])


def test_clean_data_exits_zero(data, capsys):
    assert run(data) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("In Ordnung (0 Fehler, 0 Warnungen). Geprüft: 3 Akteure")


def test_text_format(data, capsys):
    data.write("offers/o.yaml", BROKEN)
    assert run(data) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "data/offers/o.yaml:5:17: by_appointment: erwartet true oder false, gefunden „yes“.",
        "    Hinweis: Nur true (ja) oder false (nein) schreiben; yes, no, on und off gelten "
        "nicht.",
    ]
    assert err.startswith("Nicht in Ordnung: 1 Fehler, 0 Warnungen.")


def test_github_format(data, capsys):
    data.write("offers/o.yaml", BROKEN)
    assert run(data, "--format", "github") == 1
    out, _ = capsys.readouterr()
    assert out == (
        "::error file=data/offers/o.yaml,line=5,col=17,title=by_appointment::erwartet true oder "
        "false, gefunden „yes“.%0AHinweis: Nur true (ja) oder false (nein) schreiben; yes, no, "
        "on und off gelten nicht.\n")


def test_json_format(data, capsys):
    data.write("offers/o.yaml", BROKEN)
    assert run(data, "--format", "json") == 1
    out, _ = capsys.readouterr()
    [problem] = json.loads(out)
    assert problem | {"hint": ""} == {
        "path": "data/offers/o.yaml", "line": 5, "column": 17, "field": "by_appointment",
        "message": "erwartet true oder false, gefunden „yes“.", "hint": "",
        "severity": "error", "rule": "wrong-type"}


def test_json_format_without_problems_is_an_empty_list(data, capsys):
    assert run(data, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_warnings_pass_unless_strict(data, capsys):
    data.write("offers/o.yaml", STALE)
    assert run(data) == 0
    assert run(data, "--strict") == 1
    assert "Warnung: last_checked" in capsys.readouterr().out


def test_settings_come_from_pelicanconf(data, capsys):
    data.write("offers/o.yaml", STALE)
    config = data.root / "pelicanconf.py"
    config.write_text("QUARTIER_STALE_AFTER_DAYS = 99999\nQUARTIER_DATA_PATH = 'data'\n")
    assert main(["--config", str(config), "--strict"]) == 0


def test_missing_data_folder(tmp_path, capsys):
    assert main(["--data", str(tmp_path / "nope"), "--config", str(tmp_path / "x.py")]) == 1
    assert "Der Datenordner" in capsys.readouterr().out


def test_plain_command_and_module_entry_points(data):
    data.write("offers/o.yaml", BROKEN)
    # The command installed beside the running interpreter (the venv's bin/), not whatever
    # `quartier-validate` comes first on PATH.
    installed = str(Path(sys.executable).parent / "quartier-validate")
    for command in ([installed], [sys.executable, "-m", "quartier", "validate"]):
        done = subprocess.run([*command, "--data", str(data.root / "data")],
                              capture_output=True, text=True, cwd=data.root)
        assert done.returncode == 1
        assert done.stdout.startswith("data/offers/o.yaml:5:17: by_appointment:")
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("command", "prog"), [
    ("changes", "python -m quartier changes"),
    ("submission", "python -m quartier submission"),
])
def test_module_entry_point_dispatches_to_each_command(command, prog):
    """The CI configurations call these command lines; they must not depend on module paths."""
    done = subprocess.run([sys.executable, "-m", "quartier", command, "--help"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: {prog}")
