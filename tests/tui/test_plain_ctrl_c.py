"""Ctrl+C always ends the plain conversation, whenever it comes.

Python runs a signal's handler between two steps of the program; a read from the terminal that
has begun is interrupted by the signal, but a SIGINT handled after the last step and before the
read began interrupts nothing. The read went on waiting for a line: the terminal showed "^C" and
nothing happened for 30 seconds (``test_ctrl_c_loses_nothing…`` in test_plain.py, once, under
load; reproduced with gdb delivering SIGINT at the entry of read()). The moment cannot be hit on
purpose from a test, but a SIGINT handled in another thread while the conversation waits leaves
the read exactly as uninterrupted: the same case, every time.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import select
import signal
import threading
import time

import pytest

from fleksjob_tui.case import locking, storage
from fleksjob_tui.plain import lines, run

termios = pytest.importorskip("termios")  # POSIX

AS_OF = dt.date(2026, 11, 22)


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_ctrl_c_handled_outside_the_read_still_ends_the_conversation(tmp_path):
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are handled in the main thread only")
    master, slave = os.openpty()
    inp = open(slave, encoding="utf-8")  # noqa: SIM115 - the terminal, as sys.stdin; closed below
    out = io.StringIO()
    path = tmp_path / "sag.toml"
    os.write(master, b"t\nGH\n")  # typed ahead: the terminal gives one line to each read
    ended = threading.Event()
    rescued: list[str] = []

    def ctrl_c_elsewhere() -> None:
        deadline = time.monotonic() + 60
        while "Medarbejderens fødselsdato" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # the conversation waits in its read by now
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)  # handled here, in this thread
        if not ended.wait(10):  # still waiting: the Ctrl+C was lost; a line lets the test end
            rescued.append(out.getvalue())
            os.write(master, b"q\n")

    helper = threading.Thread(target=ctrl_c_elsewhere, daemon=True)
    helper.start()
    try:
        code = run(path, new=True, as_of=AS_OF, inp=inp, out=out)
    except KeyboardInterrupt:  # never out of the conversation (and never into pytest)
        code = "KeyboardInterrupt"
    finally:
        ended.set()
        helper.join(15)
        inp.close()
        os.close(master)
    assert not rescued, "Ctrl+C did nothing: the conversation waited on in its read"
    assert code == 130
    assert "Afbrudt. Alle svar er gemt i" in out.getvalue()
    assert storage.load_case(path).person.name == "GH"  # nothing lost
    assert not locking.lock_path(path).exists()


def test_ctrl_c_during_a_save_keeps_the_answer_and_ends_the_conversation(tmp_path, monkeypatch):
    """Ctrl+C while an answer is being saved waits until the file is written (the signals are
    held during a save), then ends the conversation: the answer is kept, and nothing waits."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are handled in the main thread only")
    path = tmp_path / "sag.toml"
    save_case = storage.save_case
    pressed = []

    def save_with_ctrl_c(case, where, **kw):
        if case.person.name == "GH" and not pressed:  # the save of the name: Ctrl+C comes now
            pressed.append(True)
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)
        return save_case(case, where, **kw)

    monkeypatch.setattr(storage, "save_case", save_with_ctrl_c)
    out = io.StringIO()
    try:
        code = run(path, new=True, as_of=AS_OF, inp=io.StringIO("t\nGH\n10-05-1966\n"), out=out)
    except KeyboardInterrupt:  # never out of the conversation (and never into pytest)
        code = "KeyboardInterrupt"
    assert pressed
    assert code == 130
    assert "Afbrudt. Alle svar er gemt i" in out.getvalue()
    assert "Medarbejderens fødselsdato" not in out.getvalue()  # not asked: it ended at once
    assert storage.load_case(path).person.name == "GH"  # the answer being saved is kept


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_a_line_that_ctrl_c_empties_before_the_read_leaves_no_wait(monkeypatch):
    """Ctrl+C empties the line the terminal holds: a line that the wait saw can be gone when the
    read begins. The read then must not wait for the next line (where the signal, handled just
    before, would not interrupt it): it goes back to waiting for the line or the signal."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are handled in the main thread only")
    master, slave = os.openpty()
    stream = open(slave, encoding="utf-8")  # noqa: SIM115 - the terminal; closed below
    reader = lines.TerminalLines(stream)
    real_select = select.select
    ended = threading.Event()
    rescued: list[bool] = []

    def ctrl_c_elsewhere() -> None:
        time.sleep(0.3)  # the read has begun by now
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)  # handled here, in this thread
        if not ended.wait(10):  # the read still waits: a line lets the test end
            rescued.append(True)
            os.write(master, b"x\n")

    def select_then_ctrl_c(*args):
        ready = real_select(*args)
        monkeypatch.setattr(select, "select", real_select)  # once
        termios.tcflush(slave, termios.TCIFLUSH)  # what Ctrl+C does to the line typed
        threading.Thread(target=ctrl_c_elsewhere, daemon=True).start()
        return ready

    monkeypatch.setattr(select, "select", select_then_ctrl_c)
    os.write(master, b"ja\n")
    try:
        got = reader.readline()
    except KeyboardInterrupt:
        got = "KeyboardInterrupt"
    finally:
        ended.set()
        reader.close()
        stream.close()
        os.close(master)
    assert not rescued, "the read waited for a line that Ctrl+C had taken away"
    assert got == "KeyboardInterrupt"
