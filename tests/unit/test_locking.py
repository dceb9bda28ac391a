"""Locks: one wizard per case; a lock left by a crashed program is stale and cleared."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import tomllib

import pytest

from fleksjob_tui.case import locking, storage
from fleksjob_tui.case.model import Case


@pytest.fixture
def case_path(tmp_path):
    p = tmp_path / "sag.toml"
    storage.save_case(Case.new(title="Sag"), p)
    return p


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def write_lock(case_path, pid, host=None, token="t0"):
    host = host or locking.this_host()
    locking.lock_path(case_path).write_text(
        f'pid = {pid}\nhost = "{host}"\nsince = 2026-11-22T10:15:00Z\ntoken = "{token}"\n')


def test_lock_file_is_hidden_private_and_says_who(case_path):
    lock = locking.acquire(case_path)
    lp = case_path.parent / ".sag.toml.lock"
    assert lock.path == lp and lp.exists()
    assert stat.S_IMODE(lp.stat().st_mode) == 0o600
    data = tomllib.loads(lp.read_text())
    assert data["pid"] == os.getpid() and data["host"] == locking.this_host()
    assert data["since"].tzinfo is not None
    assert [e.path.name for e in storage.list_cases(case_path.parent)] == ["sag.toml"]
    lock.release()
    assert not lp.exists()
    lock.release()  # twice is harmless


def test_second_attempt_is_refused_and_names_the_holder(case_path):
    with locking.acquire(case_path):
        with pytest.raises(locking.CaseLocked) as info:
            locking.acquire(case_path)
        holder = info.value.holder
        assert holder.pid == os.getpid() and holder.local and not holder.stale()
        # no process number: the window or tab, in words a person knows
        assert holder.describe("da").endswith("i et andet vindue eller en anden browserfane "
                                              "på denne computer")
        assert holder.describe("en").endswith("in another window or browser tab on this computer")
        assert str(os.getpid()) not in holder.describe("da") + holder.describe("en")
        assert holder.describe("da").startswith("åbnet ")
    locking.acquire(case_path).release()  # free again after release


def test_lock_held_by_another_live_process(case_path):
    code = ("import sys; from fleksjob_tui.case import locking; l = locking.acquire(sys.argv[1]); "
            "print('ok', flush=True); sys.stdin.read(); l.release()")
    other = subprocess.Popen([sys.executable, "-c", code, str(case_path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "ok"
        with pytest.raises(locking.CaseLocked) as info:
            locking.acquire(case_path)
        assert info.value.holder.pid == other.pid
    finally:
        other.stdin.close()
        other.wait(timeout=10)
    assert locking.read_lock(case_path) is None  # removed on the other's release
    locking.acquire(case_path).release()


def test_stale_lock_of_a_dead_process_is_cleared(case_path):
    write_lock(case_path, dead_pid())
    assert locking.read_lock(case_path).stale()
    lock = locking.acquire(case_path)
    assert locking.read_lock(case_path).pid == os.getpid()
    lock.release()


def test_lock_of_a_killed_process_is_stale(case_path):
    code = ("import sys, time; from fleksjob_tui.case import locking; locking.acquire(sys.argv[1]); "
            "print('ok', flush=True); time.sleep(60)")
    other = subprocess.Popen([sys.executable, "-c", code, str(case_path)], stdout=subprocess.PIPE,
                             text=True)
    assert other.stdout.readline().strip() == "ok"
    other.kill()  # SIGKILL: the lock file stays
    other.wait()
    assert locking.read_lock(case_path).pid == other.pid
    locking.acquire(case_path).release()


def test_lock_from_another_host_is_not_taken_as_stale(case_path):
    write_lock(case_path, dead_pid(), host="en-anden-computer")
    with pytest.raises(locking.CaseLocked) as info:
        locking.acquire(case_path)
    assert "en-anden-computer" in info.value.holder.describe("da")


def test_unreadable_lock_is_stale_only_after_grace(case_path):
    lp = locking.lock_path(case_path)
    lp.write_bytes(b"")  # killed between creating and writing it
    with pytest.raises(locking.CaseLocked):
        locking.acquire(case_path)
    old = time.time() - locking.GRACE - 5
    os.utime(lp, (old, old))
    locking.acquire(case_path).release()


def test_release_leaves_a_lock_that_is_not_ours(case_path):
    lock = locking.acquire(case_path)
    os.unlink(lock.path)
    write_lock(case_path, os.getppid(), token="someone-else")
    lock.release()
    assert locking.read_lock(case_path).token == "someone-else"


def test_read_only_folder_raises_oserror(tmp_path, monkeypatch):
    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(OSError):
        locking.acquire(tmp_path / "sag.toml")


# -- deleting a case ---------------------------------------------------------------------------


def test_delete_case_removes_the_file_and_its_kept_version(case_path):
    storage.save_case(Case.new(title="Anden udgave"), case_path)  # now there is a .bak
    bak = storage.backup_path(case_path)
    assert bak.exists()
    removed = storage.delete_case(case_path)
    assert set(removed) == {case_path, bak}
    assert not case_path.exists() and not bak.exists()
    assert storage.list_cases(case_path.parent) == []


def test_delete_case_is_refused_while_open_in_another_fleksjob(case_path):
    lock = locking.acquire(case_path)  # this test process is alive: not stale
    try:
        with pytest.raises(storage.CaseFileError) as info:
            storage.delete_case(case_path)
        assert info.value.code == "in_use"
        assert info.value.message("da").startswith("Sagen kunne ikke slettes")
        assert "andet vindue eller en anden browserfane" in info.value.message("da")
        assert str(os.getpid()) not in info.value.message("da")
        assert case_path.exists()
    finally:
        lock.release()


def test_delete_case_clears_a_stale_lock(case_path):
    write_lock(case_path, dead_pid())
    storage.delete_case(case_path)
    assert not case_path.exists()
    assert not locking.lock_path(case_path).exists()


def test_delete_case_through_a_link_removes_only_the_link(case_path, tmp_path):
    """Issue 22: the file a link points to is not the folder's to delete (nor its .bak)."""
    link = tmp_path / "link.toml"
    link.symlink_to(case_path)
    storage.delete_case(link)
    assert case_path.exists() and not link.is_symlink()
