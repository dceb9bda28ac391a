"""Issue 24, the second pair of new-user trials: what they tripped over, each at its mechanism."""

from __future__ import annotations

import datetime as dt

from wizard_helpers import keys, wizard_at

from fleksjob_tui.case import storage

# home and case_file: tests/tui/conftest.py


def on_disk(path):
    return storage.load_case(path)


# ── 1. Ctrl+Q in a new item with a refused date keeps the item and its accepted answers ────────
async def test_quitting_a_new_measure_with_a_refused_date_keeps_the_measure(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen
    from fleksjob_tui.wizard.screens.measures import MeasureEditor

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "end", "enter", "text:Jobcoach", "enter")
        assert isinstance(app.screen, MeasureEditor)
        await keys(pilot, "g", "text:15-4-2025", "tab", "text:31-4-2025", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "'31-4-2025' findes ikke" in question
        assert "ikke gemt endnu" not in question
        assert "Jobcoach gemmes, når du afslutter" in question, question
        assert "kun det ugyldige svar går tabt" in question
        await pilot.click("#confirm-yes")  # "Afslut alligevel"
        await pilot.pause()
        assert app.return_code == 0
    [measure] = on_disk(case_file).measures
    assert measure.title == "Jobcoach" and measure.status == "ongoing"
    assert measure.from_ == dt.date(2025, 4, 15) and measure.to is None


async def test_quitting_a_new_meeting_with_a_refused_date_keeps_its_notes(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    async with wizard_at(case_file, "meetings") as (app, pilot):
        await keys(pilot, "end", "enter", "tab", "space", "shift+tab", "text:31-02-2025",
                   "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Nyt møde gemmes, når du afslutter" in app.screen.question, app.screen.question
        await pilot.click("#confirm-yes")
        await pilot.pause()
    [meeting] = on_disk(case_file).meetings
    assert meeting.date is None and meeting.participants == ["employee"]
