"""Parts of a build spread over processes: every part runs once, a failure anywhere fails."""

from __future__ import annotations

import os
from functools import partial

import pytest

from quartier.buildkit.parallel import PartFailed, build_processes, processors, run_all
from quartier.settings import Settings


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


def test_a_failing_part_in_this_process_raises_its_own_error(tmp_path):
    """The first share runs here: its exception comes through unchanged, after the child."""
    with pytest.raises(ValueError, match="template broke"):
        run_all([broken, partial(mark, tmp_path, "b")], 2)
    assert (tmp_path / "b").exists()  # the other process finished its share


def test_a_failing_part_in_another_process_fails_the_whole(tmp_path, capfd):
    """The second share runs in a child: its traceback is printed there, the parent raises."""
    with pytest.raises(PartFailed):
        run_all([partial(mark, tmp_path, "a"), broken], 2)
    assert "ValueError: template broke" in capfd.readouterr().err


def test_processes_come_from_the_settings_or_the_machine():
    assert build_processes(Settings(build_processes=1)) == 1
    assert build_processes(Settings()) == processors() >= 1
