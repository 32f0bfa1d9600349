"""Fixtures; the helpers they use live in support.py so test modules can import them."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from support import DataFolder, build, copy_project


def pytest_addoption(parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="tests/site/test_golden.py: write the built output as the new "
                          "expectation; tests/unit/test_hsds_tables.py: write the HSDS "
                          "descriptor compiled anew (review the diff before committing)")


@pytest.fixture
def data(tmp_path) -> DataFolder:
    """A tiny valid data folder that a test adds one file to."""
    return DataFolder(tmp_path)


@pytest.fixture
def offline(monkeypatch):
    """No connection can be opened: a judge such as frictionless must work from the files."""
    def refuse(*args, **kwargs):
        raise OSError("no network in tests")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo site, built once for all tests that only read it."""
    return build(copy_project(tmp_path_factory.mktemp("demo")))
