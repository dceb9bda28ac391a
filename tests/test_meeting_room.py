"""Ready for the meeting room (issue 11): nothing typed is lost, every item in reach, one key
per answer. Each test drives the wizard with the keys a person would press."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import OptionList
from wizard_helpers import AS_OF, focused_field_key, keys, wizard_at

from fleksjob_tui import storage
from fleksjob_tui.model import Case, Measure, Meeting
from fleksjob_tui.widgets.steplist import StepList


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    return tmp_path


def _save(case: Case, home, name="sag.toml"):
    path = home / name
    storage.save_case(case, path)
    return path


@pytest.fixture
def full_case(home):
    """A case with two "other" measures and three meetings: every list is long."""
    case = Case.new(role="union_rep", title="Møderum")
    case.person.self_employed = True  # the Selvstændig step is shown too
    case.measures.append(Measure(id="other", title="Hjemmearbejde"))
    case.measures.append(Measure(id="other", title="Andet redskab to"))
    for day in (1, 2, 3):
        case.meetings.append(Meeting(date=dt.date(2026, 6, day), summary=f"Møde {day}"))
    return _save(case, home)


def highlight_visible(app, ol: OptionList) -> bool:
    """The highlighted row's first line is inside the part of ``ol`` that is on screen."""
    line = ol._index_to_line[ol.highlighted]
    geo = app.screen.find_widget(ol)
    shown = geo.region.intersection(geo.clip)
    content = ol.content_region
    y = content.y + line - ol.scroll_offset.y
    inside_list = content.y <= y < content.bottom
    return inside_list and shown.y <= y < shown.bottom


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_list_of_every_step_keeps_the_highlight_in_view(full_case, size):
    async with wizard_at(full_case, "person", size=size) as (app, pilot):
        steps = app.screen.visible_steps()
        assert "self_employment" in steps
        for step in steps:
            await app.screen.show_step(step)
            await pilot.pause()
            lists = sorted(app.screen.query(OptionList), key=lambda ol: isinstance(ol, StepList))
            assert lists, step
            for ol in lists:
                if isinstance(ol, StepList):
                    await keys(pilot, "ctrl+l")  # as a person reaches it
                assert app.focused is ol, (step, ol.id)  # an item list has the cursor at once
                await keys(pilot, "home")
                seen = {ol.highlighted}
                for _ in range(ol.option_count - 1):
                    await keys(pilot, "down")
                    assert highlight_visible(app, ol), (step, ol.id, ol.highlighted)
                    seen.add(ol.highlighted)
                assert seen == set(range(ol.option_count)), (step, ol.id)
                for _ in range(ol.option_count - 1):
                    await keys(pilot, "up")
                    assert highlight_visible(app, ol), (step, ol.id, ol.highlighted)


@pytest.fixture
def case_file(home):
    return _save(Case.new(role="union_rep", title="Test"), home)


# ── 2. Lists do not wrap into an existing item ─────────────────────────────────────────────────
async def test_meeting_list_does_not_wrap_and_a_new_meeting_gets_the_cursor(case_file):
    async with wizard_at(case_file, "meetings") as (app, pilot):
        ol = app.screen.query_one("#meeting-list")
        await keys(pilot, "enter", "text:10-09-2025", "escape")
        assert len(app.case.meetings) == 1
        assert ol.highlighted == 0  # on the meeting just added
        await keys(pilot, "end", "down")
        assert ol.highlighted == 1  # stays on "+ Tilføj et møde", not round to the first
        await keys(pilot, "home", "up")
        assert ol.highlighted == 0
        await keys(pilot, "end", "enter", "text:01-10-2025", "escape")
        assert ol.highlighted == 1 and app.case.meetings[1].date == dt.date(2025, 10, 1)


async def test_measure_list_does_not_wrap_and_a_new_measure_gets_the_cursor(case_file):
    async with wizard_at(case_file, "measures") as (app, pilot):
        ol = app.screen.query_one("#measure-list")
        last = ol.option_count - 1
        await keys(pilot, "end", "down")
        assert ol.highlighted == last
        await keys(pilot, "home", "up")
        assert ol.highlighted == 0
        await keys(pilot, "end", "enter", "text:Hjemmearbejde", "enter", "escape")
        assert app.screen.pane.item_list is ol
        assert ol.get_option_at_index(ol.highlighted).id.startswith("other-")


# ── 7. One key per answer ──────────────────────────────────────────────────────────────────────
async def test_a_letter_answers_and_moves_to_the_next_question(case_file):
    async with wizard_at(case_file, "eligibility") as (app, pilot):
        assert focused_field_key(app) == "eligibility.capacity_reduced"
        await keys(pilot, "j")
        assert app.case.eligibility.capacity_reduced == "yes"
        assert focused_field_key(app) == "eligibility.capacity_assessed"
        await keys(pilot, "n", "v")
        assert app.case.eligibility.capacity_assessed == "no"
        assert app.case.eligibility.relocation_retraining_examined == "unknown"
        assert focused_field_key(app) == "eligibility.acute_injury"
        await keys(pilot, "right")  # the arrows only move the cursor
        assert focused_field_key(app) == "eligibility.acute_injury"
        assert app.case.eligibility.acute_injury is None


# ── 1. Editors keep a refused date ─────────────────────────────────────────────────────────────
@pytest.mark.parametrize("close", ["escape", "done"])
async def test_a_new_meeting_with_a_refused_date_is_not_closed(case_file, close):
    from fleksjob_tui.screens.editor import ConfirmScreen, EditorScreen

    async with wizard_at(case_file, "meetings") as (app, pilot):
        await keys(pilot, "enter", "text:31-11-2025")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        if close == "escape":
            await keys(pilot, "escape")
        else:
            await keys(pilot, "tab", "tab", "tab", "tab")
            assert app.focused.id == "editor-done"
            await keys(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused.id == "confirm-no"
        assert str(app.focused.label) == "Ret datoen"
        await keys(pilot, "enter")
        assert app.screen is editor
        field = editor.query_one("#f-meeting-date")
        assert field.query_one("Input").value == "31-11-2025"
        assert "findes ikke" in field.error_text
        # Discard: the editor closes and the new, empty meeting is gone again.
        await keys(pilot, "escape")
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)
        assert app.case.meetings == []


async def test_a_refused_date_over_a_measure_date_is_not_dropped(case_file, home):
    from fleksjob_tui.screens.editor import ConfirmScreen, EditorScreen

    case = storage.load_case(case_file)
    case.measures.append(Measure(id="changed_rota", status="tried", from_=dt.date(2025, 6, 1)))
    storage.save_case(case, case_file)
    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "enter", "tab")
        assert focused_field_key(app) == "measure.from"
        await keys(pilot, "ctrl+u", "text:31-11-2025", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await keys(pilot, "enter")  # Ret datoen
        assert isinstance(app.screen, EditorScreen)
        await keys(pilot, "escape")
        await pilot.click("#confirm-yes")  # Kassér ændringerne
        await pilot.pause()
        assert app.case.measure("changed_rota").from_ == dt.date(2025, 6, 1)


# ── 5. Delete on list items ────────────────────────────────────────────────────────────────────
async def test_delete_on_a_meeting_asks_with_keep_chosen(home):
    from fleksjob_tui.screens.editor import ConfirmScreen

    case = Case.new(role="union_rep", title="T")
    case.meetings += [Meeting(date=dt.date(2025, 6, 1), summary="Første"),
                      Meeting(date=dt.date(2025, 7, 1), summary="Anden")]
    path = _save(case, home)
    async with wizard_at(path, "meetings") as (app, pilot):
        await keys(pilot, "home", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert "01-06-2025" in app.screen.question
        assert app.focused.id == "confirm-no"
        await keys(pilot, "enter")
        assert len(app.case.meetings) == 2
        await keys(pilot, "delete")
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert [m.summary for m in app.case.meetings] == ["Anden"]
    assert [m.summary for m in storage.load_case(path).meetings] == ["Anden"]


async def test_delete_on_a_measure_asks_and_clears_it(home):
    from fleksjob_tui.screens.editor import ConfirmScreen

    case = Case.new(role="union_rep", title="T")
    case.measures += [Measure(id="changed_rota", status="tried"),
                      Measure(id="other", title="Hjemmearbejde")]
    path = _save(case, home)
    async with wizard_at(path, "measures") as (app, pilot):
        await keys(pilot, "home", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Ændret vagtplan" in app.screen.question or "vagt" in app.screen.question.lower()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.case.measure("changed_rota") is None
        await keys(pilot, "end", "up", "delete")
        assert "Hjemmearbejde" in app.screen.question
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.case.measures == []
