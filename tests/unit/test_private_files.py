"""Everything the product writes is private to its owner: the case folder 700; case files,
backups, locks and exported packs 600 — whatever the umask says."""

from __future__ import annotations

import os
import stat

import pytest

from fleksjob_tui import cli
from fleksjob_tui.case import locking, storage
from fleksjob_tui.case.model import Case


def mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    old = os.umask(0o000)  # the most careless umask there is
    yield
    os.umask(old)


def test_default_folder_is_700(tmp_path, monkeypatch):
    monkeypatch.delenv("FLEKSJOB_HOME", raising=False)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    folder = storage.default_folder()
    assert mode(folder) == 0o700


def test_env_folder_created_700(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "sager"))
    assert mode(storage.default_folder()) == 0o700


def test_case_backup_lock_and_exports_are_600(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    path = tmp_path / "sag.toml"
    case = Case.new(title="Privat", role="employee")
    storage.save_case(case, path)
    storage.save_case(case, path)
    with locking.acquire(path) as lock:
        assert mode(lock.path) == 0o600
    assert mode(path) == 0o600
    assert mode(storage.backup_path(path)) == 0o600
    for fmt in ("html", "md"):
        out = tmp_path / f"pakke.{fmt}"
        assert cli.main(["export", str(path), "--format", fmt, "-o", str(out)]) == 0
        assert mode(out) == 0o600
    assert cli.main(["restore", "--yes", str(path)]) == 0
    assert mode(path) == 0o600 and mode(storage.backup_path(path)) == 0o600
    capsys.readouterr()
