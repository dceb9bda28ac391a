"""Issue 22, points 2 and 4 in the wizard (Pilot): a date the rules cannot compute with is
refused where it is typed (no traceback, the case unchanged); a case file with such a date is
listed on the start screen as one that cannot be read, and the other cases still open; Delete
on a link in the case folder removes the link, never the file it points to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from wizard_helpers import AS_OF, focused_field_key, keys

from fleksjob_tui import content
from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.wizard.app import FleksjobApp
from fleksjob_tui.wizard.screens.editor import ConfirmScreen
from fleksjob_tui.wizard.screens.start import StartScreen

ROOT = Path(__file__).resolve().parent.parent.parent
KLAR = (ROOT / "fleksjob_tui" / "content" / "examples" / "klar.toml").read_text(encoding="utf-8")


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("FLEKSJOB_HOME", str(folder))
    return folder


@pytest.mark.parametrize("typed", ["31-12-9999", "01-01-9932", "9999-12-31", "01-01-1000"])
async def test_a_far_date_is_refused_where_it_is_typed(home, typed):
    path = home / "test.toml"
    storage.save_case(Case.new(role="union_rep", title="Test"), path)
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "tab", "text:10-05-1966", "tab")
        assert app.case.person.birth_date == dt.date(1966, 5, 10)
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:" + typed, "enter")
        field = app.screen.query_one("#f-person-birth_date")
        assert focused_field_key(app) == "person.birth_date"
        assert "1900" in field.error_text and "2199" in field.error_text, field.error_text
        assert app.case.person.birth_date == dt.date(1966, 5, 10)
    assert storage.load_case(path).person.birth_date == dt.date(1966, 5, 10)


async def test_start_screen_lists_a_far_dated_case_as_unreadable_and_opens_the_others(home):
    (home / "langt-ude.toml").write_text(KLAR + "\n[flexjob]\nstart = 9996-01-01\n",
                                         encoding="utf-8")
    (home / "opdateret.toml").write_text(
        KLAR.replace("updated = 2026-11-22T10:40:00Z", "updated = 0001-01-01T00:00:00+23:59"),
        encoding="utf-8")
    good = home / "god.toml"
    good.write_text(KLAR, encoding="utf-8")
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        entries = app.screen.entries
        assert sorted((e.path.name, e.readable) for e in entries) == [
            ("god.toml", True), ("langt-ude.toml", False), ("opdateret.toml", False)]
        menu = app.screen.query_one("#start-menu")
        prompts = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        unreadable = content.ui("start.unreadable", "da")
        assert sum(unreadable in p for p in prompts) == 2
        assert app.screen.highlighted_entry().path == good
        await keys(pilot, "enter")
        assert app.path == good


async def test_delete_on_a_link_removes_the_link_not_its_target(home, tmp_path):
    outside = tmp_path / "andet-sted"
    outside.mkdir()
    target = outside / "maal.toml"
    storage.save_case(Case.new(title="Udenfor", role="employee"), target)
    storage.save_case(Case.new(title="Udenfor 2", role="employee"), target)  # and its .bak
    link = home / "link.toml"
    link.symlink_to(target)
    before = target.read_bytes(), storage.backup_path(target).read_bytes()
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.highlighted_entry().path == link
        await keys(pilot, "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.screen.entries == []
    assert not link.is_symlink()
    assert (target.read_bytes(), storage.backup_path(target).read_bytes()) == before


async def test_export_window_never_writes_a_file_named_like_a_folder(tmp_path):
    """Issue 22, point 9, in the wizard's export window: "mappe/" with no such folder is
    refused in the window's error line; nothing named "mappe" is written."""
    import shutil

    from textual.widgets import Static
    from wizard_helpers import wizard_at

    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = tmp_path / "sag.toml"
    shutil.copy(ROOT / "fleksjob_tui" / "content" / "examples" / "klar.toml", path)
    async with wizard_at(path, "summary") as (app, pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path").value = str(tmp_path / "mappe") + "/"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        error = app.screen.query_one("#export-error", Static)
        assert error.has_class("-shown") and "mappe" in str(error.content)
    assert not (tmp_path / "mappe").exists()
