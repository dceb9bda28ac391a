"""The wizard driven by keyboard alone, as each kind of user would, from the start screen to a
saved case; the saved file is then checked through the rules engine."""

from __future__ import annotations

import datetime as dt

import pytest
from wizard_helpers import AS_OF, current_step, focused_field_key, keys

from fleksjob_tui.case import storage
from fleksjob_tui.rules import assess
from fleksjob_tui.wizard.app import FleksjobApp

ROLE_KEYS = {
    "employee": ["enter"],
    "union_rep": ["down", "enter"],
    "manager": ["down", "down", "enter"],
}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    return tmp_path


async def fill_whole_case(pilot, app) -> None:
    """Every step, filled in by keyboard only."""
    # 1 Personen
    assert current_step(app) == "person"
    assert focused_field_key(app) == "person.name"
    await keys(pilot, "text:AB", "enter", "text:10-05-1966", "enter", "text:Århus", "enter")
    await keys(pilot, "n", "n", "n", "d")  # one key per answer (sick leave: D = "Ja, delvist")
    assert focused_field_key(app) == "person.full_name"  # only for the municipality's version
    await keys(pilot, "text:Anne Berg", "enter", "enter")  # then Next
    # 2 Ansættelsen
    assert current_step(app) == "employment"
    await keys(pilot, "text:Region Midt", "enter", "text:Sengeafsnit 3", "enter")
    await keys(pilot, "text:Social- og sundhedsassistent", "enter", "text:37", "enter", "text:25")
    await keys(pilot, "enter", "text:OK24", "enter", "j", "text:01.06.2025", "enter")
    assert focused_field_key(app) == "people.manager"
    await keys(pilot, "text:Mette", "enter", "enter", "enter", "enter")
    # who sends the municipality's version, and the workplace contact's phone and e-mail
    assert focused_field_key(app) == "sender.name"
    await keys(pilot, "text:Mette, afdelingsleder", "enter", "enter", "text:86 12 34 56", "enter")
    await keys(pilot, "text:mette@regionmidt.dk", "enter", "enter")
    # 3 Tjekliste
    assert current_step(app) == "checklist"
    await keys(pilot, "j", "text:2025-06-01", "enter")
    assert focused_field_key(app) == "agreement.difficult_functions"
    await keys(pilot, "text:tunge løft", "enter", "text:nattevagter", "tab")
    await keys(pilot, "text:ingen løft over 10 kg", "tab")
    # attempt documented, HR, home municipality, union (one contact question for the municipality)
    await keys(pilot, "j", "j", "j", "j", "enter")
    # 4 Redskaber: open "Nedsat timetal" (the second measure) and fill it in
    assert current_step(app) == "measures"
    await keys(pilot, "down", "enter")
    assert focused_field_key(app) == "measure.status"
    await keys(pilot, "a", "text:01-06-2025", "enter", "text:01-12-2025", "enter")
    await keys(pilot, "d", "j", "enter", "text:Hjalp noget", "escape")  # not approved: no date asked
    assert current_step(app) == "measures"
    await keys(pilot, "ctrl+n")
    # 5 Betingelser
    assert current_step(app) == "eligibility"
    # capacity, assessed, medical documentation, relocation, acute, pointless, progressive,
    # then from whom the medical statement is and its date
    await keys(pilot, "j", "j", "j", "j", "n", "n", "n")
    assert focused_field_key(app) == "eligibility.medical_source"
    await keys(pilot, "text:egen læge", "enter", "text:12-03-2025", "enter", "enter", "enter")
    # 7 Møder (6 Selvstændig is skipped for an employee)
    assert current_step(app) == "meetings"
    await keys(pilot, "enter")  # "+ Tilføj et møde"
    assert focused_field_key(app) == "meeting.date"
    await keys(pilot, "text:01-06-2025", "enter", "space", "down", "space", "down", "space", "tab")
    await keys(pilot, "text:Aftale om skånehensyn", "tab", "text:Nedsat tid i 6 måneder", "escape")
    await keys(pilot, "ctrl+n")
    # 8 Økonomi
    assert current_step(app) == "economy"
    await keys(pilot, "text:200", "enter", "text:18", "enter", "enter", "text:2024", "enter")
    await keys(pilot, "ctrl+n")
    assert current_step(app) == "summary"


@pytest.mark.parametrize("role", ["employee", "union_rep", "manager"])
async def test_each_role_fills_a_case_by_keyboard_and_it_is_saved(home, role):
    app = FleksjobApp(as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "enter", *ROLE_KEYS[role])  # Start en ny sag → who fills it in
        await pilot.pause()
        label = app.screen.query_one("#f-person-birth_date").label_text
        assert label == ("Din fødselsdato" if role == "employee" else "Medarbejderens fødselsdato")
        await fill_whole_case(pilot, app)
        path = app.path
        await keys(pilot, "ctrl+q")
    assert path is not None and path.exists() and path.parent == home
    case = storage.load_case(path)
    assert case.case.role == role
    assert case.case.last_step == "summary"
    assert case.person.name == "AB" and case.person.full_name == "Anne Berg"
    assert str(case.person.birth_date) == "1966-05-10"
    assert case.person.home_municipality == "Århus"
    assert case.person.self_employed is False
    assert case.person.receives_disability_pension == "no"
    assert case.person.sick_leave == "partly"
    assert case.employment.employer == "Region Midt"
    assert case.employment.normal_weekly_hours == 37 and case.employment.current_weekly_hours == 25
    assert case.people.manager == "Mette"
    assert case.sender.name == "Mette, afdelingsleder" and case.sender.contact_name is None
    assert case.sender.contact_phone == "86 12 34 56"
    assert case.sender.contact_email == "mette@regionmidt.dk"
    assert case.eligibility.medical_source == "egen læge"
    assert str(case.eligibility.medical_date) == "2025-03-12"
    assert case.employment.has_social_chapter == "yes"
    assert str(case.employment.special_terms_start) == "2025-06-01"
    assert case.agreement.written == "yes"
    assert str(case.agreement.signed_on) == "2025-06-01"
    assert case.agreement.difficult_functions == ["tunge løft", "nattevagter"]
    assert case.agreement.accommodations == ["ingen løft over 10 kg"]
    assert case.contacts.union == "yes"
    (measure,) = case.measures
    assert measure.id == "reduced_hours" and measure.status == "tried"
    assert (str(measure.from_), str(measure.to)) == ("2025-06-01", "2025-12-01")
    assert measure.result == "partly" and measure.documented == "yes"
    assert measure.note == "Hjalp noget"
    (meeting,) = case.meetings
    assert str(meeting.date) == "2025-06-01"
    assert meeting.participants == ["employee", "manager", "union_rep"]
    assert meeting.summary == "Aftale om skånehensyn"
    assert meeting.agreed == "Nedsat tid i 6 måneder"
    assert (case.economy.hourly_wage, case.economy.paid_hours_per_week) == (200, 18)
    assert case.economy.year == 2024
    assessment = assess(case, AS_OF)
    assert assessment.status == "ready", [f.id for f in assessment.findings]


async def test_a_finished_case_can_be_deleted_from_the_start_screen(home):
    """Delete on a saved case asks first (Enter on the default keeps it), then removes the
    file and its kept previous version; the list shows what is left."""
    from fleksjob_tui.case.model import Case
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    keep, gone = home / "a-behold.toml", home / "b-slet.toml"
    older = Case.new(title="Behold mig", role="employee")
    older.case.updated = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    storage.save_case(older, keep, touch=False)
    doomed = Case.new(title="Slet mig", role="employee")
    doomed.person.name = "J.J."
    storage.save_case(doomed, gone)
    storage.save_case(doomed, gone)  # and a .bak
    app = FleksjobApp(as_of=AS_OF, folder=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The newest case is under the cursor: Enter would go on with it.
        assert app.screen.highlighted_entry().path == gone
        await keys(pilot, "home", "delete")  # "Start en ny sag": nothing to delete
        assert not isinstance(app.screen, ConfirmScreen)
        # The caseload (issue 25) lists both by next date ("nu"), then by title: "Slet mig" second.
        await keys(pilot, "down", "down", "down", "down", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert '"Slet mig · J.J."' in app.screen.question
        await keys(pilot, "enter")  # "Nej, behold" has the focus
        assert gone.exists()
        await keys(pilot, "delete")
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert not gone.exists() and not storage.backup_path(gone).exists()
        assert keep.exists()
        assert [e.title for e in app.screen.entries] == ["Behold mig"]
