"""Issue 22: nothing lost on the way out. Opening and quitting without a change leaves the file
as it is (a hand-written comment survives); Ctrl+Q in an editor asks like a step; a new meeting
or measure reaches the file once its date is valid, or on the way out with its accepted answers."""

from __future__ import annotations

import pytest
from wizard_helpers import AS_OF, keys, wizard_at

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.wizard.app import FleksjobApp

# home and case_file: tests/tui/conftest.py


@pytest.fixture
def commented(case_file):
    """The case as a person edited it by hand: a comment, and no language set."""
    text = case_file.read_text(encoding="utf-8")
    text = text.replace('language = "da"\n', "")
    case_file.write_text("# Skrevet i hånden – må ikke forsvinde\n" + text, encoding="utf-8")
    assert storage.load_case(case_file).case.language is None
    return case_file


@pytest.mark.parametrize("wait", [0, 0.7])
async def test_opening_and_quitting_without_a_change_leaves_the_file_alone(commented, wait):
    before = commented.read_bytes()
    mtime = commented.stat().st_mtime_ns
    app = FleksjobApp(commented, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(wait)
        await keys(pilot, "ctrl+q")
        assert app.return_code == 0
    assert commented.read_bytes() == before and commented.stat().st_mtime_ns == mtime
    assert not storage.backup_path(commented).exists()


async def test_opening_and_the_app_ending_otherwise_leaves_the_file_alone(commented):
    before = commented.read_bytes()
    app = FleksjobApp(commented, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert commented.read_bytes() == before


async def test_a_real_change_is_written_and_the_hand_edited_file_kept_as_backup(commented):
    before = commented.read_bytes()
    app = FleksjobApp(commented, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:Bent", "tab", "ctrl+q")
    assert storage.load_case(commented).person.name == "Bent"
    assert storage.backup_path(commented).read_bytes() == before


# ── Ctrl+Q in an editor ──────────────────────────────────────────────────────────────────────
def on_disk(path) -> Case:
    return storage.load_case(path)


def date_text(app) -> str:
    from fleksjob_tui.wizard.widgets.datefield import DateField

    return app.screen.query(DateField).first().query_one(".q-input").value


async def test_a_new_meeting_is_written_only_once_its_date_is_valid(case_file):
    from fleksjob_tui.wizard.screens.meetings import MeetingEditor

    async with wizard_at(case_file, "meetings") as (app, pilot):
        await keys(pilot, "end", "enter", "tab", "space")  # a new meeting; "Medarbejder" ticked
        assert isinstance(app.screen, MeetingEditor)
        assert app.case.meetings[0].participants == ["employee"]
        await pilot.pause(0.8)  # past the autosave
        assert on_disk(case_file).meetings == []  # no date yet: not in the file
        await keys(pilot, "shift+tab", "text:31-02-2025")
        await pilot.pause(0.8)
        assert on_disk(case_file).meetings == []
        await keys(pilot, "ctrl+u", "text:28-02-2025")
        await pilot.pause(0.8)
        [meeting] = on_disk(case_file).meetings
        assert str(meeting.date) == "2025-02-28" and meeting.participants == ["employee"]


async def test_ctrl_q_in_a_meeting_editor_asks_and_keeps_the_refused_date(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen
    from fleksjob_tui.wizard.screens.meetings import MeetingEditor

    async with wizard_at(case_file, "meetings") as (app, pilot):
        await keys(pilot, "end", "enter", "tab", "space", "shift+tab", "text:31-02-2025")
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and app.return_code is None
        question = app.screen.question
        assert question.startswith("Et svar er ikke gemt:")
        assert "'31-02-2025' findes ikke" in question
        assert "Nyt møde gemmes, når du afslutter" in question, question
        await keys(pilot, "enter")  # "Tilbage til sagen"
        assert isinstance(app.screen, MeetingEditor)
        assert date_text(app) == "31-02-2025"  # where the person left it
        await keys(pilot, "ctrl+q")
        await pilot.click("#confirm-yes")  # "Afslut alligevel"
        await pilot.pause()
        assert app.return_code == 0
    # the meeting with what was accepted (who took part); only the refused date is lost
    [meeting] = on_disk(case_file).meetings
    assert meeting.date is None and meeting.participants == ["employee"]
    assert not (case_file.parent / "test.toml.lock").exists()


async def test_ctrl_q_in_an_editor_of_an_existing_meeting_names_the_refused_date(case_file):
    import datetime as dt

    from fleksjob_tui.case.model import Meeting
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    case = on_disk(case_file)
    case.meetings.append(Meeting(date=dt.date(2025, 6, 1), summary="Første"))
    storage.save_case(case, case_file)
    async with wizard_at(case_file, "meetings") as (app, pilot):
        await keys(pilot, "home", "enter", "ctrl+u", "text:32-06-2025", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert question.startswith("Et svar er ikke gemt:") and "32-06-2025" in question
        assert "ikke gemt endnu" not in question  # the meeting itself is in the file
        await keys(pilot, "escape")
        assert date_text(app) == "32-06-2025"
    assert str(on_disk(case_file).meetings[0].date) == "2025-06-01"


async def test_ctrl_q_in_a_new_measure_with_a_refused_date_asks(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen
    from fleksjob_tui.wizard.screens.measures import MeasureEditor

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "home", "enter")
        assert isinstance(app.screen, MeasureEditor)
        await keys(pilot, "tab", "text:31-13-2025")  # "Fra" (the status first)
        await pilot.pause(0.8)
        assert on_disk(case_file).measures == []
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        # exactly what is lost: the date (the measure holds nothing else yet)
        assert app.screen.question.startswith("Et svar er ikke gemt:\nFra (dato): '31-13-2025'")
        await keys(pilot, "enter")
        assert isinstance(app.screen, MeasureEditor)
        assert date_text(app) == "31-13-2025"


async def test_ctrl_q_while_naming_a_new_measure_says_the_name_is_lost(case_file):
    from fleksjob_tui.wizard.screens.editor import AskTextScreen, ConfirmScreen

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "end", "enter", "text:Ny stol", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "»Ny stol« er ikke tilføjet endnu" in app.screen.question
        await keys(pilot, "enter")
        assert isinstance(app.screen, AskTextScreen)
        assert app.screen.query_one("#ask-input").value == "Ny stol"


async def test_ctrl_q_without_anything_typed_in_an_editor_quits_at_once(case_file):
    async with wizard_at(case_file, "meetings") as (app, pilot):
        await keys(pilot, "end", "enter", "ctrl+q")  # an empty new meeting: nothing to lose
        assert app.return_code == 0
    assert on_disk(case_file).meetings == []


async def test_a_new_case_is_written_at_once(home):
    """No change is no reason to write — but a new case has no file yet: it is written."""
    app = FleksjobApp(None, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")  # "Start en ny sag"
        await keys(pilot, "enter")  # the first role
        await pilot.pause()
        assert app.path is not None and app.path.exists()
        await keys(pilot, "ctrl+q")
    assert storage.load_case(app.path).case.title


async def test_changing_step_in_a_hand_edited_file_keeps_it_as_backup(case_file):
    """Issue 22 (again): moving to another step writes case.last_step; the first write of a
    session — whatever made it — keeps the file as it was (its comments) as .bak."""
    commented = case_file
    commented.write_text("# Skrevet i hånden\n" + commented.read_text(encoding="utf-8"),
                         encoding="utf-8")
    before = commented.read_bytes()
    app = FleksjobApp(commented, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "ctrl+n", "ctrl+q")
    assert storage.load_case(commented).case.last_step != "person"
    assert storage.backup_path(commented).read_bytes() == before
