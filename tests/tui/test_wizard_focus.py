"""Where the cursor goes, and that nothing typed is lost on the way: a filled field is never
selected on arrival, a new measure's editor starts on its first question, the small windows'
buttons answer ← / →, and keys typed below a list are not dropped silently."""

from __future__ import annotations

import pytest
from wizard_helpers import burst, focused_field_key, keys, wizard_at

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "sag.toml"
    case = Case.new(role="union_rep", title="Mette Hansen - fleksjob")
    case.person.name = "Mette Hansen"
    storage.save_case(case, path)
    return path


async def test_tabbing_into_a_filled_field_keeps_its_text_and_types_after_it(case_file):
    async with wizard_at(case_file, "person", size=(100, 30)) as (app, pilot):
        app.screen.pane.query_one("#f-person-birth_date").focus_input()
        await pilot.pause()
        await keys(pilot, "shift+tab", "shift+tab")
        assert focused_field_key(app) == "case.title"
        await keys(pilot, "text:X")
        assert app.case.case.title == "Mette Hansen - fleksjobX"
        await burst(app, pilot, "tab", "Y")
        assert app.case.person.name == "Mette HansenY"


async def test_a_new_measure_of_ones_own_starts_on_its_first_question(case_file):
    from fleksjob_tui.wizard.screens.measures import MeasureEditor

    async with wizard_at(case_file, "measures", size=(100, 30)) as (app, pilot):
        await keys(pilot, "end", "enter", "text:Hjemmearbejde", "enter")
        assert isinstance(app.screen, MeasureEditor)
        assert focused_field_key(app) == "measure.status"
        await keys(pilot, "a")  # "Afprøvet": the name stays
        m = app.screen.measure
        assert (m.title, m.status) == ("Hjemmearbejde", "tried")


async def test_the_arrows_move_between_the_buttons_of_a_confirm_window(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    async with wizard_at(case_file, "meetings", size=(100, 30)) as (app, pilot):
        await keys(pilot, "enter", "text:01-06-2026", "escape")  # one meeting
        await keys(pilot, "up", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused.id == "confirm-no"
        await keys(pilot, "right")
        assert app.focused.id == "confirm-yes"
        await keys(pilot, "right")  # the last button: stays
        assert app.focused.id == "confirm-yes"
        await keys(pilot, "left")
        assert app.focused.id == "confirm-no"
        await keys(pilot, "right", "enter")
        assert app.case.meetings == []


async def test_letters_typed_on_the_meeting_list_say_once_where_typing_goes(case_file):
    async with wizard_at(case_file, "meetings", size=(100, 30)) as (app, pilot):
        await keys(pilot, "down", "down")
        assert app.focused is app.screen.pane.item_list
        await keys(pilot, "text:hej")
        told = [n.message for n in app._notifications]
        assert told == [
            "Tasterne skriver ikke i listen. Tryk Enter for at tilføje et møde "
            "(↑/↓ vælger et møde, Tab går videre)."
        ]


async def test_the_approval_date_is_asked_only_after_yes(case_file):
    from fleksjob_tui.wizard.screens.measures import MeasureEditor

    async with wizard_at(case_file, "measures", size=(100, 30)) as (app, pilot):
        await keys(pilot, "enter")
        assert isinstance(app.screen, MeasureEditor)
        date = app.screen.query_one("#f-measure-approved_on")
        assert not date.display
        app.screen.query_one("#f-measure-approved_by_municipality").focus_input()
        await pilot.pause()
        await keys(pilot, "n")
        assert focused_field_key(app) == "measure.note"
        await keys(pilot, "shift+tab", "j")
        assert date.display and focused_field_key(app) == "measure.approved_on"


async def test_the_long_help_of_a_measure_leaves_its_questions_in_view_at_80x24(case_file):
    from fleksjob_tui.case.model import MEASURE_IDS
    from fleksjob_tui.wizard.screens.measures import MeasureEditor

    async with wizard_at(case_file, "measures", size=(80, 24)) as (app, pilot):
        ol = app.screen.pane.item_list
        ol.highlighted = MEASURE_IDS.index("increased_absence")
        await keys(pilot, "enter")
        assert isinstance(app.screen, MeasureEditor)
        intro = str(app.screen.query_one(".step-intro").content)
        assert "F1" in intro and len(intro) < 320
        fields = app.screen.query_one(".editor-fields")
        status = app.screen.query_one("#f-measure-status")
        start = app.screen.query_one("#f-measure-from")
        assert start.region.bottom <= fields.region.bottom  # "Fra" is visible without scrolling
        assert "30 kalenderdage" in status.help_text  # the whole text under F1
        assert status.region.height > 0
