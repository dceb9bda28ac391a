"""The installed ``fleksjob`` command in a real terminal (tmux, 80×24), read the way a person
reads it: open a case, type, move through steps, quit, and check the file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case

TMUX = shutil.which("tmux")
FLEKSJOB = Path(sys.executable).with_name("fleksjob")

pytestmark = pytest.mark.skipif(
    TMUX is None or not FLEKSJOB.exists(), reason="needs tmux and the installed fleksjob command"
)


def terminal_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment a program in the test's terminal gets: its own case folder, a colour
    terminal, the PATH, and the test run's program cache (conftest)."""
    return {"FLEKSJOB_HOME": str(home), "TERM": "xterm-256color",
            "PATH": os.environ.get("PATH", ""),
            "FLEKSJOB_CACHE": os.environ.get("FLEKSJOB_CACHE", "off"), **extra}


class Terminal:
    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.name = f"fj-{uuid.uuid4().hex[:8]}"
        # A tmux server of its own (-L): never the user's, and not one that another test or a
        # person's `tmux kill-server` takes down meanwhile.
        self.tmux = [TMUX, "-L", self.name]
        env_args = [f"{k}={v}" for k, v in env.items()]
        shell = " ".join(["env", *env_args, *command])
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", shell],
            check=True,
        )

    def screen(self) -> str:
        out = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return out.stdout.replace("\u00a0", " ")  # answers are kept on one line with NBSP

    def alive(self) -> bool:
        return subprocess.run([*self.tmux, "has-session", "-t", self.name], capture_output=True).returncode == 0

    def wait_for(self, text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the screen:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        for key in keys:
            args = [*self.tmux, "send-keys", "-t", self.name]
            if literal:
                args.append("-l")
            subprocess.run([*args, key], check=True)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def test_fleksjob_in_a_real_terminal(tmp_path):
    home = tmp_path / "home"
    path = tmp_path / "sag.toml"
    case = Case.new(role="union_rep")
    case.case.title = "Terminaltest"
    storage.save_case(case, path)

    env = terminal_env(home, FLEKSJOB_AS_OF="2026-11-22")
    term = Terminal([str(FLEKSJOB), "open", str(path)], env)
    try:
        screen = term.wait_for("1 · Personen")
        assert "Næste" in screen and "Medarbejderens fødselsdato" in screen
        term.type("EK")
        term.keys("Enter")
        term.type("10-05-1966")
        term.keys("Enter")
        screen = term.wait_for("Folkepensionsalder 68 år: 10-05-2034")
        term.keys("C-n")
        term.wait_for("2 · Ansættelsen")
        term.type("Aarhus Kommune")
        term.keys("C-n")
        screen = term.wait_for("3 · Tjekliste")
        term.keys("j")  # the written agreement: Ja
        term.wait_for("(•) Ja")
        term.keys("C-q")
        end = time.monotonic() + 15
        while term.alive() and time.monotonic() < end:
            time.sleep(0.1)
        assert not term.alive(), term.screen()
    finally:
        term.close()

    saved = storage.load_case(path)
    assert saved.person.name == "EK"
    assert saved.person.birth_date == dt.date(1966, 5, 10)
    assert saved.employment.employer == "Aarhus Kommune"
    assert saved.agreement.written == "yes"
    assert saved.case.last_step == "checklist"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_leaving_the_wizard_says_where_the_case_is_and_how_to_go_on(tmp_path):
    """A tired person who stops halfway finds the case again: when the wizard ends, the
    terminal says where the case is saved and the command that opens it (a path with a space
    quoted, so it can be copied as it is)."""
    folder = tmp_path / "mine sager"
    folder.mkdir()
    path = folder / "sag.toml"
    storage.save_case(Case.new(role="employee", title="Halvvejs"), path)
    env = terminal_env(tmp_path / "home")
    term = Terminal(["sh", "-c", f"\"'{FLEKSJOB}' open '{path}'; echo ENDED-$?; sleep 60\""], env)
    try:
        term.wait_for("1 · Personen")
        term.keys("C-q")
        screen = term.wait_for("ENDED-0")
    finally:
        term.close()
    def flat(text: str) -> str:  # lines longer than the terminal are wrapped on the screen
        return "".join(text.split())

    assert flat(f"Sagen er gemt i {path}") in flat(screen)
    assert flat(f"Fortsæt senere med: fleksjob open '{path}'") in flat(screen)
