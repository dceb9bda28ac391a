"""Issue 22 (again): the editor never writes a case the model refuses on load. A rule between
two fields (a measure's "to" not before its "from", an own measure's name) refuses in the
wizard like a bad date: a line under the field, nothing written, named by Ctrl+Q."""

from __future__ import annotations

import datetime as dt

import pytest
from wizard_helpers import keys, wizard_at

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case, Measure


@pytest.fixture
def case_file(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir(mode=0o700)
    case = Case.new(role="union_rep")
    case.case.title = "Test"
    path = tmp_path / "home" / "test.toml"
    storage.save_case(case, path)
    return path


def test_a_refused_assignment_leaves_the_model_as_it_was():
    m = Measure(id="aids", status="tried", from_=dt.date(2026, 1, 1))
    with pytest.raises(ValueError):
        m.to = dt.date(2025, 1, 1)
    assert m.to is None
    other = Measure(id="other", title="Stol")
    with pytest.raises(ValueError):
        other.title = " "
    assert other.title == "Stol"


async def test_a_to_before_from_is_refused_in_the_measure_editor(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen
    from fleksjob_tui.wizard.widgets.datefield import DateField

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "home", "enter", "tab", "text:01-01-2026", "tab",
                   "text:01-01-2025", "tab")
        to_field = [f for f in app.screen.query(DateField) if f.attr == "to"][0]
        assert to_field.error_text, "no refusal under 'Til'"
        await pilot.pause(0.8)
        for m in storage.load_case(case_file).measures:  # the file opens, and holds no such period
            assert m.to is None or m.from_ is None or m.to >= m.from_
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and app.return_code is None
        assert to_field.error_text in app.screen.question
        await keys(pilot, "ctrl+q")
    loaded = storage.load_case(case_file)  # the model accepts the file
    for m in loaded.measures:
        assert m.to is None or m.from_ is None or m.to >= m.from_


async def test_the_refusal_goes_when_from_is_moved_back(case_file):
    from fleksjob_tui.wizard.widgets.datefield import DateField

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "home", "enter", "tab", "text:01-01-2026", "tab",
                   "text:01-01-2025", "tab", "shift+tab", "shift+tab", "ctrl+u",
                   "text:01-01-2024", "tab")
        fields = {f.attr: f for f in app.screen.query(DateField)}
        assert not fields["to"].error_text
        assert str(app.screen.measure.to) == "2025-01-01"
        assert str(app.screen.measure.from_) == "2024-01-01"


async def test_an_own_measure_emptied_of_its_name_is_refused_and_named_by_ctrl_q(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "end", "enter", "text:Ny stol", "enter")
        await pilot.pause()
        app.screen.query_one("#f-measure-title").focus_input()
        await keys(pilot, "ctrl+u")
        assert "Skriv et navn" in app.screen.query_one("#f-measure-title").error_text
        assert app.case.measures[-1].title == "Ny stol"
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and "Skriv et navn" in app.screen.question
        await keys(pilot, "ctrl+q")
    assert storage.load_case(case_file).measures[-1].title == "Ny stol"


async def test_a_new_own_measure_named_like_a_cpr_number_warns_before_it_is_added(case_file):
    from fleksjob_tui.wizard.screens.editor import AskTextScreen

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "end", "enter", "text:010203-1234", "enter")
        assert isinstance(app.screen, AskTextScreen)
        assert "CPR-nummer" in str(app.screen.query_one("#ask-error").content)
        assert app.case.measures == []
        await keys(pilot, "ctrl+u", "text:Ny stol", "enter")  # a name without it: added
        await pilot.pause()
        assert app.case.measures[-1].title == "Ny stol"
    assert all("1234" not in (m.title or "") for m in storage.load_case(case_file).measures)


async def test_a_name_said_not_to_be_a_cpr_number_is_taken_on_the_second_enter(case_file):
    from fleksjob_tui.wizard.screens.editor import AskTextScreen

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "end", "enter", "text:Ordre 010203-1234", "enter")
        assert isinstance(app.screen, AskTextScreen)
        await keys(pilot, "enter")
        await pilot.pause()
        assert app.case.measures[-1].title == "Ordre 010203-1234"
