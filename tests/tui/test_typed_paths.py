"""Issue 22 (again): a path typed in the export window (Ctrl+E), in F2 (save as) or in the start
screen's "open a file" field is typed text like an answer: Ctrl+Q asks before it is lost. And
the prefilled name is selected, so typing replaces it instead of appending to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from wizard_helpers import AS_OF, keys, wizard_at

from fleksjob_tui.wizard.app import FleksjobApp

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def case_file(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir(mode=0o700)
    path = tmp_path / "home" / "sag.toml"
    shutil.copy(EXAMPLES / "klar.toml", path)
    return path


async def test_ctrl_q_in_the_export_window_asks_and_typing_replaces_the_name(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    async with wizard_at(case_file, "summary") as (app, pilot):
        await keys(pilot, "ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        await keys(pilot, "shift+tab")  # the cursor starts on the choices (issue 24)
        await keys(pilot, "text:minpakke.html")
        box = app.screen.query_one("#export-path")
        assert box.value == "minpakke.html"  # typed over the selected name, not after it
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and app.return_code is None
        assert "minpakke.html" in app.screen.question
        await keys(pilot, "enter")  # back
        assert isinstance(app.screen, ExportScreen) and box.value == "minpakke.html"


async def test_ctrl_q_in_the_export_window_without_typing_quits(case_file):
    async with wizard_at(case_file, "summary") as (app, pilot):
        await keys(pilot, "ctrl+e", "ctrl+q")
        assert app.return_code == 0


async def test_ctrl_q_in_save_as_asks(case_file):
    from fleksjob_tui.wizard.screens.editor import AskTextScreen, ConfirmScreen

    async with wizard_at(case_file, "person") as (app, pilot):
        await keys(pilot, "f2")
        assert isinstance(app.screen, AskTextScreen)
        await keys(pilot, "text:kopi.toml")
        assert app.screen.query_one("#ask-input").value == "kopi.toml"
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and "kopi.toml" in app.screen.question


async def test_ctrl_q_in_the_start_screens_path_field_asks(case_file):
    from fleksjob_tui.wizard.screens.editor import AskTextScreen, ConfirmScreen

    app = FleksjobApp(None, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_path()
        await pilot.pause()
        assert isinstance(app.screen, AskTextScreen)
        await keys(pilot, "text:/et/sted/sag.toml", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and "/et/sted/sag.toml" in app.screen.question
        await keys(pilot, "enter")
        assert app.screen.query_one("#ask-input").value == "/et/sted/sag.toml"
