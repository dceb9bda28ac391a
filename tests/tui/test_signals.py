"""Issue 22, point 6: the terminal closed (SIGHUP), SIGTERM and SIGKILL right after a keystroke,
in a real terminal (tmux). The answer typed within the autosave's half second is on disk (for
SIGKILL: the file is the old or the new version, never broken), no lock blocks the next start,
and after SIGTERM the terminal has left the app's screen mode."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time

import pytest
from test_terminal import FLEKSJOB, TMUX, Terminal, terminal_env

from fleksjob_tui.case import locking, storage
from fleksjob_tui.case.model import Case

pytestmark = pytest.mark.skipif(
    TMUX is None or not FLEKSJOB.exists(), reason="needs tmux and the installed fleksjob command"
)

BIRTH = dt.date(1966, 5, 10)


def _pane(term: Terminal, fmt: str) -> str:
    out = subprocess.run([*term.tmux, "display-message", "-p", "-t", term.name, fmt],
                         capture_output=True, text=True)
    return out.stdout.strip()


def _child_of(pid: int) -> int:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return int(out.stdout.split()[0])


def _gone(pid: int, timeout: float = 20) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("sig", ["SIGHUP", "SIGTERM", "SIGKILL"])
def test_a_signal_right_after_a_keystroke(tmp_path, sig):
    home = tmp_path / "home"
    path = tmp_path / "sag.toml"
    case = Case.new(role="union_rep")
    case.case.title = "Signaltest"
    case.person.name = "Åse"
    storage.save_case(case, path)
    before = path.read_bytes()
    env = terminal_env(home, FLEKSJOB_AS_OF="2026-11-22")
    # A shell around the program: it says when the program has ended, and the pane stays.
    term = Terminal(["sh", "-c", f"'{FLEKSJOB} open {path}; echo ENDED-$?; sleep 60'"], env)
    try:
        term.wait_for("Medarbejderens fødselsdato")
        pid = _child_of(int(_pane(term, "#{pane_pid}")))
        term.type("10-05-1966")  # the cursor resumes in the birth date
        term.wait_for("10-05-1966")
        if path.read_bytes() != before:
            pytest.skip("the autosave ran before the signal (a slow machine): nothing to show")
        if sig == "SIGHUP":
            term.close()  # the terminal is closed: the program gets SIGHUP
        else:
            os.kill(pid, getattr(signal, sig))
        assert _gone(pid), "the program did not end"
        if sig == "SIGTERM":
            screen = term.wait_for("ENDED-")
            assert _pane(term, "#{alternate_on}") == "0", screen  # back from the app's screen
            assert _pane(term, "#{mouse_any_flag}") == "0"
            assert "Traceback" not in screen
    finally:
        term.close()

    saved = storage.load_case(path)  # never a broken file
    if sig == "SIGKILL":
        assert path.read_bytes() == before or saved.person.birth_date == BIRTH
        assert locking.read_lock(path) is None or locking.read_lock(path).pid == pid
        locking.acquire(path).release()  # the dead program's lock does not block the next start
    else:
        assert saved.person.birth_date == BIRTH
        assert locking.read_lock(path) is None
        assert not locking.lock_path(path).exists()
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
