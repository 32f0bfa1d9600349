"""Parts of a build spread over processes: every part runs once, a failure anywhere fails."""

from __future__ import annotations

import os
from functools import partial

import pytest

from quartier.buildkit.parallel import PartFailed, build_processes, processors, run_all


def mark(folder, name):
    (folder / name).write_text(str(os.getpid()))


@pytest.mark.parametrize("processes", [1, 2, 3, 8])
def test_every_part_runs_exactly_once(tmp_path, processes):
    names = [f"part-{n}" for n in range(7)]
    run_all([partial(mark, tmp_path, name) for name in names], processes)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    pids = {p.read_text() for p in tmp_path.iterdir()}
    assert len(pids) == min(processes, len(names))  # this process takes a share too
    assert str(os.getpid()) in pids


def broken():
    raise ValueError("template broke")


@pytest.mark.parametrize("where", [0, 1])
def test_a_failing_part_fails_the_whole(tmp_path, where, capfd):
    parts = [partial(mark, tmp_path, "a"), partial(mark, tmp_path, "b")]
    parts[where] = broken
    with pytest.raises((PartFailed, ValueError)):
        run_all(parts, 2)
    if where == 1:  # in the child: its traceback is printed there, the parent raises
        assert "ValueError: template broke" in capfd.readouterr().err


def test_processes_come_from_the_settings_or_the_machine():
    assert build_processes({"QUARTIER_BUILD_PROCESSES": 1}) == 1
    assert build_processes({}) == processors() >= 1
