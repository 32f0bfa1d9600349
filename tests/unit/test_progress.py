"""The build's progress lines (only on a terminal) and its summary line (always)."""

from __future__ import annotations

import io

import pytest

from quartier.buildkit import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_summary_is_german_with_thousands_and_a_decimal_comma():
    assert progress.summary(13031, 0, 38.24) == (
        "Fertig: 13.031 Dateien geschrieben, 0 übernommen, 38,2 s")
    assert progress.summary(0, 1234567, 0.04) == (
        "Fertig: 0 Dateien geschrieben, 1.234.567 übernommen, 0,0 s")


@pytest.mark.parametrize(("stream", "shown"), [(Terminal(), True), (io.StringIO(), False)])
def test_phases_are_shown_on_a_terminal_only(monkeypatch, stream, shown):
    monkeypatch.setattr("sys.stderr", stream)
    progress.phase(f"Schreibe {progress.count(2171)} Seiten (English) …")
    assert ("Schreibe 2.171 Seiten (English) …" in stream.getvalue()) is shown
