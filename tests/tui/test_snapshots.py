"""Snapshots of the start screen and every wizard step at 80×24 (pytest-textual-snapshot).

Plain ``def`` tests (snap_compare is synchronous), cursor blink off, Textual pinned in
pyproject.toml. The case is never saved (so the header shows no save time); it is not opened
read-only, which would show every answer disabled.
Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from fleksjob_tui.case.model import STEP_IDS
from fleksjob_tui.wizard.app import FleksjobApp

AS_OF = dt.date(2026, 11, 22)
EXAMPLES = Path(__file__).resolve().parents[2] / "fleksjob_tui" / "content" / "examples"


@pytest.fixture(autouse=True)
def quiet(monkeypatch, tmp_path):
    monkeypatch.setenv("FLEKSJOB_NO_BLINK", "1")
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))


def open_at(step: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        app.save = lambda: False  # no saves, no clock in the header
        app._update_header()
        await pilot.pause()
        await app.screen.show_step(step, save=False)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("step", STEP_IDS)
def test_step_snapshot(snap_compare, tmp_path, step):
    example = "selvstaendig" if step == "self_employment" else "klar"
    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / f"{example}.toml", path)
    app = FleksjobApp(path, as_of=AS_OF)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_at(step))


def test_start_screen_snapshot(snap_compare, monkeypatch):
    # A fixed folder name, because the start screen shows it.
    home = Path("/tmp/fleksjob-snapshot-home")
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(mode=0o700)
    shutil.copy(EXAMPLES / "klar.toml", home / "klar.toml")
    monkeypatch.setenv("FLEKSJOB_HOME", str(home))
    try:
        assert snap_compare(FleksjobApp(as_of=AS_OF), terminal_size=(80, 24))
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize("step", ["person", "measures"])
def test_narrow_step_snapshot(snap_compare, tmp_path, step):
    """At 60×20 the step list is hidden: the line above the step names it ("Trin 1 af 8")."""
    path = tmp_path / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    app = FleksjobApp(path, as_of=AS_OF)
    assert snap_compare(app, terminal_size=(60, 20), run_before=open_at(step))
