"""The start screen (issue 11, point 10): the cursor is on the case worked on last, never on a
file that cannot be read; Delete on an empty list says that there is nothing to delete, and the
footer does not offer it. Driven with the keys a person would press (Pilot)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from wizard_helpers import AS_OF, keys

from fleksjob_tui import content
from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.wizard.app import FleksjobApp
from fleksjob_tui.wizard.screens.editor import ConfirmScreen
from fleksjob_tui.wizard.screens.start import StartScreen


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    return tmp_path


def saved(home, name: str, title: str, updated: dt.datetime, file_time: float | None = None):
    case = Case.new(title=title, role="employee")
    case.case.updated = updated
    path = home / name
    storage.save_case(case, path, touch=False, backup=False)
    if file_time is not None:
        os.utime(path, (file_time, file_time))
    return path


def footer_texts(app) -> list[str]:
    from textual.widgets._footer import FooterKey

    return [key.description for key in app.screen.query(FooterKey)]


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_cursor_on_the_case_worked_on_last_not_on_a_broken_file(home):
    """By the case's own `updated`: not by the file's time (a copied file is new on disk), and
    never on a file that cannot be read, even when that file is the newest in the folder."""
    now = dt.datetime.now().timestamp()
    saved(home, "a.toml", "Gammel sag", dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC), now - 3000)
    last = saved(home, "b.toml", "Sidst arbejdet med",
                 dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC), now - 2000)
    saved(home, "c.toml", "Kopieret i går", dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC), now - 10)
    (home / "odelagt.toml").write_text('[case\ntitle = "halv', encoding="utf-8")  # newest file
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert [e.ok for e in app.screen.entries].count(False) == 1
        assert app.screen.highlighted_entry().path == last
        await keys(pilot, "enter")  # Enter goes on with it
        assert app.path == last and app.case.case.title == "Sidst arbejdet med"


async def test_only_broken_files_leave_the_cursor_on_new_case(home):
    (home / "odelagt.toml").write_text("ikke toml [", encoding="utf-8")
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.highlighted_entry() is None
        menu = app.screen.query_one("#start-menu")
        assert menu.get_option_at_index(menu.highlighted).id == "new"


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_delete_on_an_empty_list_says_there_is_nothing_to_delete(home, lang):
    app = FleksjobApp(as_of=AS_OF, folder=home, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        offered = content.ui("key.delete_case", lang)
        assert offered not in footer_texts(app)
        await keys(pilot, "delete")
        assert not isinstance(app.screen, ConfirmScreen)
        assert content.text("start", "nothing_to_delete", lang) in notes(app)
        await keys(pilot, "down", "down", "delete")  # anywhere in the list
        assert notes(app).count(content.text("start", "nothing_to_delete", lang)) == 2


async def test_delete_is_offered_while_there_is_a_case_and_not_after_the_last(home):
    only = saved(home, "sag.toml", "Den eneste", dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Slet sag" in footer_texts(app)
        await keys(pilot, "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert not only.exists()
        assert app.screen.entries == []
        await pilot.pause()
        assert "Slet sag" not in footer_texts(app)
        await keys(pilot, "delete")
        assert not isinstance(app.screen, ConfirmScreen)
        assert content.text("start", "nothing_to_delete", "da") in notes(app)


async def test_a_file_broken_after_it_was_listed_shows_its_error_when_chosen(home):
    """The list comes from the folder's index; choosing a case reads and validates the file
    again, so a file broken since is not opened but explained."""
    path = saved(home, "sag.toml", "Var fin", dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.highlighted_entry().path == path
        path.write_text("[case\n", encoding="utf-8")
        await keys(pilot, "enter")
        assert isinstance(app.screen, StartScreen) and app.case is None
        assert app.screen.query_one("#start-error").has_class("-shown")


async def test_a_long_list_is_all_there_and_the_cursor_past_broken_files(home):
    """The first screenful is painted first and the rest added just after: every case can be
    reached (End goes to the oldest), and the cursor finds the newest readable case even
    behind more broken files than the first screenful holds."""
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(60):
        saved(home, f"sag-{i:02d}.toml", f"Sag {i:02d}", base + dt.timedelta(days=i))
    for i in range(35):  # newer on disk than every case
        (home / f"brud-{i:02d}.toml").write_text("[case\n", encoding="utf-8")
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#start-menu")
        for _ in range(100):  # the rest of the list is added just after the first paint
            if menu.option_count == 3 + 95:
                break
            await pilot.pause(0.05)
        assert menu.option_count == 3 + 95
        assert app.screen.highlighted_entry().title == "Sag 59"
        await keys(pilot, "end")
        # The caseload (issue 25) lists the files that cannot be read last.
        assert app.screen.highlighted_entry().path.name == "brud-34.toml"
