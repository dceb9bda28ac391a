"""Keys typed fast (several in one tmux send-keys, a macro): each takes its whole effect before
the next, so the order of the keys decides where the text lands and what is chosen — the same
as typed slowly. Found by new users at 100×30 in tmux (issue 11's trials)."""

from __future__ import annotations

import datetime as dt

import pytest
from wizard_helpers import burst, focused_field_key, keys, wizard_at

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case

_NAMED = {" ": "space", "-": "minus", ".": "full_stop", ",": "comma"}


def chars(text: str) -> list[str]:
    """The keys that type ``text``."""
    return [_NAMED.get(ch, ch) for ch in text]


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "sag.toml"
    storage.save_case(Case.new(role="union_rep", title="Mette Hansen - fleksjob"), path)
    return path


async def test_a_letter_then_text_and_enter_on_the_checklist_in_one_burst(case_file):
    async with wizard_at(case_file, "checklist", size=(100, 30)) as (app, pilot):
        assert focused_field_key(app) == "agreement.written"
        await burst(app, pilot, "j", *chars("15-08-2026"), "tab",
                    *chars("Kan ikke løfte tunge kasser"), "enter", *chars("Sidde stille"),
                    "tab", *chars("Hæve-sænke-bord"))
        a = app.case.agreement
        assert a.written == "yes"
        assert a.signed_on == dt.date(2026, 8, 15)
        assert a.difficult_functions == ["Kan ikke løfte tunge kasser", "Sidde stille"]
        assert a.accommodations == ["Hæve-sænke-bord"]
        assert focused_field_key(app) == "agreement.accommodations"


async def test_enter_on_a_question_then_a_letter_answers_the_next_question(case_file):
    """Enter on a Ja/Nej question moves on (late, from the question's own key binding); the
    letter typed after it belongs to the next question, and nothing moves on a second time."""
    async with wizard_at(case_file, "checklist", size=(100, 30)) as (app, pilot):
        await keys(pilot, "j")  # → the date
        await keys(pilot, "tab", "tab", "tab")  # → "Forsøg dokumenteret?"
        assert focused_field_key(app) == "agreement.attempt_documented"
        await burst(app, pilot, "enter", "j", "n")
        c = app.case.contacts
        assert app.case.agreement.attempt_documented is None
        assert (c.hr, c.home_municipality) == ("yes", "no")
        assert focused_field_key(app) == "contacts.union"


async def test_names_on_the_employment_step_land_in_their_own_fields(case_file):
    async with wizard_at(case_file, "employment", size=(100, 30)) as (app, pilot):
        assert focused_field_key(app) == "employment.employer"
        await burst(app, pilot, *chars("Nyt Firma"), "tab", *chars("Lager Syd"), "enter",
                    *chars("Pakker"), "tab", "3", "7", "tab", "2", "5", "tab", "H", "K", "tab",
                    "j", *chars("01-01-2020"), "enter", *chars("Lis Leder"), "tab",
                    *chars("Tom TR"), "enter", "3", "F", "enter", *chars("Hanne HR"))
        e, p = app.case.employment, app.case.people
        assert (e.employer, e.workplace, e.job_title) == ("Nyt Firma", "Lager Syd", "Pakker")
        assert (e.normal_weekly_hours, e.current_weekly_hours) == (37, 25)
        assert (e.collective_agreement, e.has_social_chapter) == ("HK", "yes")
        assert e.special_terms_start == dt.date(2020, 1, 1)
        assert (p.manager, p.union_rep, p.union, p.hr) == ("Lis Leder", "Tom TR", "3F",
                                                           "Hanne HR")


async def test_three_letters_answer_three_questions_on_personen(case_file):
    async with wizard_at(case_file, "person", size=(100, 30)) as (app, pilot):
        app.screen.pane.query_one("#f-person-self_employed").focus_input()
        await pilot.pause()
        assert focused_field_key(app) == "person.self_employed"
        await burst(app, pilot, "n", "n", "n")
        p = app.case.person
        assert (p.self_employed, p.receives_disability_pension) == (False, "no")
        assert p.disability_pension_claim_pending == "no"


async def test_a_measure_answered_in_one_burst(case_file):
    from fleksjob_tui.wizard.screens.measures import MeasureEditor

    async with wizard_at(case_file, "measures", size=(100, 30)) as (app, pilot):
        await keys(pilot, "enter")
        assert isinstance(app.screen, MeasureEditor)
        assert focused_field_key(app) == "measure.status"
        # (Hjalp's key is j: its first letter h is also "Hjalp ikke"'s, so h picks neither)
        await burst(app, pilot, "a", *chars("01-09-2026"), "tab", "tab", "j", "j", "j",
                    *chars("15-09-2026"))
        m = app.screen.measure
        assert (m.status, m.from_, m.to) == ("tried", dt.date(2026, 9, 1), None)
        assert (m.result, m.documented, m.approved_by_municipality) == ("helped", "yes", "yes")
        assert m.approved_on == dt.date(2026, 9, 15)


async def test_ticks_in_the_meeting_editor_in_one_burst(case_file):
    from fleksjob_tui.wizard.screens.meetings import MeetingEditor

    async with wizard_at(case_file, "meetings", size=(100, 30)) as (app, pilot):
        await keys(pilot, "enter")
        assert isinstance(app.screen, MeetingEditor)
        await burst(app, pilot, "tab", "space", "down", "space", "down", "space")
        assert app.screen.meeting.participants == ["employee", "manager", "union_rep"]


async def test_the_export_window_chosen_in_one_burst(case_file, tmp_path, monkeypatch):
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    monkeypatch.chdir(tmp_path)
    async with wizard_at(case_file, "summary", size=(100, 30)) as (app, pilot):
        await keys(pilot, "ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        # (the window starts on the choice of document)
        await burst(app, pilot, "down", "down", "space", "tab", "down", "down", "space",
                    "tab", "tab", "enter")
        assert not isinstance(app.screen, ExportScreen)
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".html", ".docx", ".md"))
    assert len(written) == 1 and written[0].endswith(".docx"), written
    assert "kommune" in written[0], written
