"""Independent parts of a build on every processor: the pages of each language, say.

Rendering is pure Python and the GIL keeps threads on one core, so the parts run in forked
processes. Forking shares everything already built (records, site model, templates) without
pickling it; each part writes its own files, so nothing needs to come back but success.
Where fork does not exist, or with one processor, the parts simply run one after the other.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence


class PartFailed(RuntimeError):
    """A part of the build failed in another process (its traceback is printed there)."""


def processors() -> int:
    """The processors this process may use (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build_processes(settings) -> int:
    """The setting `build_processes` (`QUARTIER_BUILD_PROCESSES`), else every processor."""
    return settings.build_processes or processors()


def run_all(parts: Sequence[Callable[[], None]], processes: int) -> None:
    """Run every part, spread over `processes` processes (this one included).

    Parts are dealt out in turn, so neighbouring parts of similar size land in different
    processes. The first failure is raised here once all processes have finished.
    """
    processes = min(processes, len(parts))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for part in parts:
            part()
        return
    shares = [parts[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("fork")
    # An exception in a child is printed there by multiprocessing and makes its exit code 1.
    children = [context.Process(target=_run, args=(share,)) for share in shares[1:]]
    for child in children:
        child.start()
    try:
        _run(shares[0])
    finally:
        for child in children:
            child.join()
    if any(child.exitcode != 0 for child in children):
        raise PartFailed("Ein Teil des Builds ist in einem anderen Prozess fehlgeschlagen "
                         "(Meldung oben).")


def _run(share: Sequence[Callable[[], None]]) -> None:
    for part in share:
        part()
