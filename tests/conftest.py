"""Shared fixtures: the example cases, the date the tests assess them at, and a private case folder.

Every test runs with ``FLEKSJOB_HOME`` pointing at its own temporary folder
(:func:`fleksjob_home`, used automatically), so no test reads or writes the real case folder of
the person running them. A test that needs the platform folder removes the variable itself
(``monkeypatch.delenv``). The program's cache (parsed content and stylesheets,
:mod:`fleksjob_tui.content.program_cache`) is one temporary folder for the whole run (``FLEKSJOB_CACHE``, set
before any test starts a program), shared like a user's own cache is between starts.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The day the tests assess cases at (the example cases are written for it).
AS_OF = dt.date(2026, 11, 22)


def pytest_configure(config: pytest.Config) -> None:
    import os
    import signal
    import tempfile

    # Ctrl+C is what several tests press. A test run started in the background by a shell
    # (`pytest … &`, nohup) has SIGINT ignored, and every program it starts would inherit that:
    # Ctrl+C would do nothing there, and those tests fail for a reason that is not the
    # program's. The run takes Ctrl+C as a terminal does.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    # Before any test imports the program (the folder is looked up once per process) and
    # before any subprocess is started (they inherit it).
    if "FLEKSJOB_CACHE" not in os.environ:
        os.environ["FLEKSJOB_CACHE"] = config._fleksjob_cache = tempfile.mkdtemp(  # type: ignore[attr-defined]
            prefix="fleksjob-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    made = getattr(config, "_fleksjob_cache", None)
    if made:
        shutil.rmtree(made, ignore_errors=True)


@pytest.fixture(autouse=True)
def fleksjob_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The case folder of this test: ``FLEKSJOB_HOME`` = ``tmp_path / "home"`` (not created)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("FLEKSJOB_HOME", str(folder))
    return folder


@pytest.fixture
def as_of() -> dt.date:
    """The day the tests assess cases at: 22-11-2026."""
    return AS_OF


@pytest.fixture
def examples() -> Path:
    """The example cases shipped with the program (``fleksjob_tui/content/examples``)."""
    return ROOT / "fleksjob_tui" / "content" / "examples"


@pytest.fixture
def example_copy(examples: Path, tmp_path: Path) -> Callable[[str], Path]:
    """``example_copy("klar")`` — a copy of an example case in this test's folder, to change."""

    def copy(name: str) -> Path:
        target = tmp_path / f"{name}.toml"
        shutil.copyfile(examples / f"{name}.toml", target)
        return target

    return copy


@pytest.fixture
def other_holder(case_file):
    """Another live process that holds the lock on the case (each test module gives its own
    ``case_file``)."""
    code = ("import sys; from fleksjob_tui.case import locking; l = locking.acquire(sys.argv[1]); "
            "print('ok', flush=True); sys.stdin.read(); l.release()")
    proc = subprocess.Popen([sys.executable, "-c", code, str(case_file)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ok"
    yield proc
    proc.stdin.close()
    proc.wait(timeout=10)
