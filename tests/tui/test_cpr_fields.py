"""A CPR-like number typed into any text field is held back (never written into the case, so
never saved), with a warning beside the field offering to remove it."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea
from wizard_helpers import AS_OF, keys

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case, Meeting
from fleksjob_tui.wizard.app import FleksjobApp
from fleksjob_tui.wizard.screens.meetings import MeetingEditor

CPR = "100566-1234"


@pytest.fixture
def case_file(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    case = Case.new(role="union_rep")
    case.case.title = "Test"
    path = tmp_path / "test.toml"
    storage.save_case(case, path)
    return path


def warning_shown(field) -> bool:
    return bool(field.query(".q-cpr"))


async def test_text_field_holds_back_the_number_and_removes_it(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#f-person-name")
        await keys(pilot, f"text:Åse {CPR}")
        assert warning_shown(field)
        text = str(field.query_one(".q-cpr-text").content)
        assert "CPR" in text and "IKKE gemt" in text
        assert app.case.person.name == "Åse"  # the number is held back
        assert app.save()
        assert "1234" not in case_file.read_text(encoding="utf-8")
        assert field.query_one(Input).value == f"Åse {CPR}"  # still there to see
        await keys(pilot, "ctrl+r")
        assert field.query_one(Input).value.strip() == "Åse"
        assert not warning_shown(field)
        assert app.case.person.name == "Åse"
        await keys(pilot, "ctrl+q")
    assert "100566" not in case_file.read_text(encoding="utf-8")


async def test_not_a_cpr_number_writes_the_text_as_typed(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#f-person-name")
        await keys(pilot, "text:Ordre 0101011234")
        assert warning_shown(field) and app.case.person.name == "Ordre"
        await pilot.click("#cpr-keep")
        await pilot.pause()
        assert not warning_shown(field)
        assert app.case.person.name == "Ordre 0101011234"
        await keys(pilot, "text:!")  # the same number does not warn again
        assert not warning_shown(field) and app.case.person.name == "Ordre 0101011234!"


async def test_list_field_holds_back_the_number(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "ctrl+n", "ctrl+n")
        field = app.screen.query_one("#f-agreement-difficult_functions")
        field.query_one(TextArea).focus()
        await keys(pilot, "text:Løft", "enter", f"text:Se {CPR}")
        assert warning_shown(field)
        assert app.case.agreement.difficult_functions == ["Løft", "Se"]
        field.query_one("#cpr-remove").press()
        await pilot.pause()
        assert not warning_shown(field)
        assert field.query_one(TextArea).text == "Løft\nSe"
        assert app.case.agreement.difficult_functions == ["Løft", "Se"]


async def test_note_field_in_an_editor_marks_the_removed_number(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        meeting = Meeting()
        app.case.meetings.append(meeting)
        app.push_screen(MeetingEditor(meeting, "da", "Møde"))
        await pilot.pause()
        field = app.screen.query_one("#f-meeting-summary")
        field.query_one(TextArea).focus()
        await keys(pilot, f"text:Talte med Åse ({CPR}) om tid")
        assert warning_shown(field)
        assert "1234" not in (meeting.summary or "")
        await keys(pilot, "ctrl+r")
        assert field.query_one(TextArea).text == "Talte med Åse ([CPR fjernet]) om tid"
        assert meeting.summary == "Talte med Åse ([CPR fjernet]) om tid"
        assert app.save()
    assert "100566" not in case_file.read_text(encoding="utf-8")


async def test_number_already_in_the_file_does_not_warn_until_changed(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    case = Case.new(role="union_rep")
    case.person.name = f"Gammel {CPR}"
    path = tmp_path / "gammel.toml"
    storage.save_case(case, path)
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#f-person-name")
        assert not warning_shown(field)
        field.focus_input()  # a reopened case resumes after the last answer: back to the name
        await pilot.pause()
        await keys(pilot, "end", "text:x")
        assert warning_shown(field) and app.case.person.name == "Gammel x"


async def test_in_a_browser_the_warning_names_a_key_that_reaches_the_page(case_file):
    """A browser reloads the page on Ctrl+R: there the warning names F8, and F8 removes it."""
    from fleksjob_tui.web.driver import ServeDriver

    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        ServeDriver._for_the_browser(app)
        await pilot.pause()
        field = app.screen.query_one("#f-person-name")
        await keys(pilot, f"text:Åse {CPR}")
        text = str(field.query_one(".q-cpr-text").content)
        assert "F8" in text and "Ctrl+R" not in text, text
        await keys(pilot, "f8")
        assert field.query_one(Input).value.strip() == "Åse"
        assert not warning_shown(field)
