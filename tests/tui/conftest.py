"""Fixtures the wizard's safety tests share: a private case folder and a small case in it.
A test module that needs another folder or case defines its own ``home``/``case_file``."""

from __future__ import annotations

import pytest

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir(mode=0o700)
    return tmp_path / "home"


@pytest.fixture
def case_file(home):
    case = Case.new(role="union_rep")
    case.case.title = "Test"
    case.person.name = "Åse"
    path = home / "test.toml"
    storage.save_case(case, path)
    return path
