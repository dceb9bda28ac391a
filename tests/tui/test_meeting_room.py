"""Ready for the meeting room (issue 11): nothing typed is lost, every item in reach, one key
per answer. Each test drives the wizard with the keys a person would press."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import OptionList
from wizard_helpers import AS_OF, focused_field_key, keys, wizard_at

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case, Measure, Meeting
from fleksjob_tui.wizard.widgets.steplist import StepList


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
        # (the medical documentation is asked right after the assessment of the capacity)
        assert app.case.eligibility.medical_documentation == "unknown"
        assert focused_field_key(app) == "eligibility.relocation_retraining_examined"
        await keys(pilot, "right")  # the arrows only move the cursor
        assert focused_field_key(app) == "eligibility.relocation_retraining_examined"
        assert app.case.eligibility.relocation_retraining_examined is None


# ── 1. Editors keep a refused date ─────────────────────────────────────────────────────────────
@pytest.mark.parametrize("close", ["escape", "done"])
async def test_a_new_meeting_with_a_refused_date_is_not_closed(case_file, close):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen, EditorScreen

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
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen, EditorScreen

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
        await pilot.click("#confirm-yes")  # Kassér det ugyldige svar
        await pilot.pause()
        assert app.case.measure("changed_rota").from_ == dt.date(2025, 6, 1)


# ── 5. Delete on list items ────────────────────────────────────────────────────────────────────
async def test_delete_on_a_meeting_asks_with_keep_chosen(home):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

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
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

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


# ── 4. A read-only window is read-only; a changed file is noticed ──────────────────────────────
def test_fingerprint_sees_a_changed_file_and_not_a_touch(tmp_path):
    import os

    from fleksjob_tui.case import watch

    path = tmp_path / "a.toml"
    path.write_text("x = 1\n")
    seen = watch.fingerprint(path)
    assert watch.changed(seen, path) is None
    os.utime(path, ns=(seen.mtime_ns + 10**9, seen.mtime_ns + 10**9))  # touched: same bytes
    assert watch.changed(seen, path) is None
    path.write_text("x = 2\n")
    assert watch.changed(seen, path) is not None


async def _open_read_only(app, pilot):
    await pilot.pause()
    await pilot.click("#locked-read-only")
    await pilot.pause()
    assert app.read_only


async def test_read_only_window_takes_no_edits_and_says_so_once(case_file, other_holder):
    from fleksjob_tui.wizard.app import FleksjobApp

    before = case_file.read_bytes()
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_read_only(app, pilot)
        name = app.screen.query_one("#f-person-name Input")
        assert name.disabled
        await keys(pilot, "text:QQ", "j")
        assert app.case.person.name is None and name.value == ""
        said = [n for n in app._notifications if "kun til læsning" in n.message]
        assert len(said) == 1
        await app.screen.show_step("eligibility")
        await pilot.pause()
        assert app.screen.query_one("#f-eligibility-capacity_reduced Choice").disabled
        await app.screen.show_step("meetings")
        await pilot.pause()
        await keys(pilot, "enter")  # "+ Tilføj et møde": not in a read-only case
        assert app.case.meetings == []
        await keys(pilot, "ctrl+q")
    assert case_file.read_bytes() == before


async def test_read_only_export_writes_what_is_on_disk(case_file, other_holder, home):
    from fleksjob_tui.wizard.app import FleksjobApp

    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_read_only(app, pilot)
        app.case.person.name = "Kun på skærmen"  # e.g. left by code that slipped past
        await app.screen.show_step("summary")
        await pilot.pause()
        out = home / "pakke.md"
        app.screen.pane._export_chosen((out, "md"))
        await pilot.pause()
        assert "Kun på skærmen" not in out.read_text()


async def test_a_window_notices_a_changed_file_and_offers_to_load_it(case_file, monkeypatch):
    from fleksjob_tui.wizard.app import FleksjobApp
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    monkeypatch.setattr(FleksjobApp, "WATCH_INTERVAL", 0.05)
    async with wizard_at(case_file, "person") as (app, pilot):
        other = storage.load_case(case_file)
        other.person.name = "Fra det andet vindue"
        storage.save_case(other, case_file)
        for _ in range(200):  # up to 10 s: a loaded CI machine is slow to run the timer
            await pilot.pause(0.05)
            if isinstance(app.screen, ConfirmScreen):
                break
        assert isinstance(app.screen, ConfirmScreen)
        assert "ændret" in app.screen.question
        await pilot.click("#confirm-yes")  # load the new version
        for _ in range(100):  # the load runs after the window closes: slow on a loaded machine
            await pilot.pause(0.05)
            if app.case.person.name is not None:
                break
        assert app.case.person.name == "Fra det andet vindue"
        assert app.screen.query_one("#f-person-name Input").value == "Fra det andet vindue"


async def test_a_writing_window_does_not_save_over_a_change_it_has_not_seen(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    async with wizard_at(case_file, "person") as (app, pilot):
        other = storage.load_case(case_file)
        other.person.name = "Fra det andet vindue"
        storage.save_case(other, case_file)
        app.case.person.birth_date = dt.date(1970, 1, 1)
        app.case_changed()
        assert app.save() is False  # not over the other window's change
        await pilot.pause()
        assert storage.load_case(case_file).person.name == "Fra det andet vindue"
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-no")  # keep mine: now it is seen, and saved over
        await pilot.pause()
        assert app.save() is True
        saved = storage.load_case(case_file)
        assert saved.person.birth_date == dt.date(1970, 1, 1) and saved.person.name is None


# ── 11–14. What a meeting needs to write down ──────────────────────────────────────────────────
async def test_the_title_can_be_changed_and_the_start_list_shows_it(case_file, home):
    from fleksjob_tui.wizard.app import FleksjobApp

    async with wizard_at(case_file, "person") as (app, pilot):
        field = app.screen.query_one("#f-case-title")
        field.focus_input()
        await keys(pilot, "ctrl+u", "text:KL Sengeafsnit", "enter")
        assert app.case.case.title == "KL Sengeafsnit"
        assert app.title == "KL Sengeafsnit"
        await keys(pilot, "ctrl+q")
    app = FleksjobApp(as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one(OptionList)
        shown = "\n".join(str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count))
        assert "KL Sengeafsnit" in shown


async def test_people_and_hours_on_the_employment_step(case_file):
    async with wizard_at(case_file, "employment") as (app, pilot):
        await keys(pilot, "tab", "tab", "tab", "text:37", "enter", "text:25", "enter")
        assert app.case.employment.normal_weekly_hours == 37
        assert app.case.employment.current_weekly_hours == 25
        info = str(app.screen.query_one("#f-employment-current_weekly_hours .q-info").content)
        assert "37 → 25" in info
        app.screen.query_one("#f-people-manager").focus_input()
        await keys(pilot, "text:Mette Leder", "enter", "text:Jens TR", "enter", "text:FOA", "enter",
                   "text:Hanne HR", "enter")
        people = app.case.people
        assert (people.manager, people.union_rep, people.union, people.hr) == (
            "Mette Leder", "Jens TR", "FOA", "Hanne HR")
        await app.screen.show_step("measures")
        await pilot.pause()
        row = str(app.screen.query_one("#measure-list").get_option("reduced_hours").prompt)
        assert "37 → 25" in row
    saved = storage.load_case(case_file)
    assert saved.people.hr == "Hanne HR" and saved.employment.current_weekly_hours == 25


async def test_a_measure_can_be_recorded_as_approved_by_the_municipality(case_file):
    async with wizard_at(case_file, "measures") as (app, pilot):
        ol = app.screen.query_one("#measure-list")
        ol.highlighted = [o.id for o in ol.options].index("increased_absence")
        await keys(pilot, "enter", "a")  # Afprøvet (and on to the next question)
        app.screen.query_one("#f-measure-approved_by_municipality").focus_input()
        await keys(pilot, "j", "text:01-03-2025", "enter", "escape")
        m = app.case.measure("increased_absence")
        assert m.approved_by_municipality == "yes" and m.approved_on == dt.date(2025, 3, 1)
        row = str(ol.get_option("increased_absence").prompt)
        assert "godkendt af kommunen 01-03-2025" in row


# ── 12, 13, 15, 16 in the Overblik ─────────────────────────────────────────────────────────────
def _klar():
    from pathlib import Path

    return storage.load_case(Path(__file__).resolve().parents[2] / "examples" / "klar.toml")


def _summary(case, width=80):
    from fleksjob_tui.documents.summary import summary_text
    from fleksjob_tui.rules import assess

    return summary_text(case, assess(case, AS_OF, "da"), "da", width=width)


def test_summary_shows_people_hours_discussed_agreed_and_the_next_follow_up():
    case = _klar()
    case.people.manager, case.people.union_rep, case.people.union = "Mette", "Jens", "FOA"
    case.people.hr = "Hanne"
    case.employment.normal_weekly_hours, case.employment.current_weekly_hours = 37, 25
    case.follow_up.next_meeting = dt.date(2027, 1, 5)
    case.measures.append(Measure(id="increased_absence", status="ongoing",
                                 approved_by_municipality="yes", approved_on=dt.date(2025, 3, 1)))
    text = " ".join(_summary(case).split())
    assert "Leder: Mette" in text and "Tillidsrepræsentant: Jens (FOA)" in text
    assert "HR-kontakt: Hanne" in text
    measures = text[text.index("Afprøvede redskaber"):]
    assert "Nedsat timetal —" in measures and "37 →" in measures
    assert "godkendt af kommunen 01-03-2025" in text
    assert "drøftet: Ansættelse" in text and "aftalt: Nedsat tid" in text
    assert "Næste opfølgningsmøde: 05-01-2027" in text


def test_summary_wraps_measure_names_between_words():
    """Every measure tried: at every width the measure names break between words, never
    inside one ("tilrettelæggels / e")."""
    import re

    from fleksjob_tui import content
    from fleksjob_tui.case.model import MEASURE_IDS

    case = _klar()
    case.measures = [Measure(id=i, status="tried", result="partly", from_=dt.date(2025, 1, 1))
                     for i in MEASURE_IDS]
    words = {w for i in MEASURE_IDS for w in re.findall(r"\w+", content.text(
        "measures", f"{i}.title", "da"))}
    for width in range(60, 101):
        for line in _summary(case, width).splitlines():
            for token in re.findall(r"\w+", line):
                cut = [w for w in words if w.startswith(token) and w != token]
                assert not (len(token) >= 4 and cut and token not in words), (width, line)


def test_next_steps_name_the_home_municipality():
    case = _klar()
    case.case.role = "employee"
    case.person.home_municipality = "Vejle"
    from fleksjob_tui.documents.summary import next_steps
    from fleksjob_tui.rules import assess

    a = assess(case, AS_OF, "da")
    case.agreement.attempt_documented = "yes"
    for m in case.measures:
        m.documented = "yes"
    a = assess(case, AS_OF, "da")
    if a.status == "ready":
        assert any("Kontakt Vejle Kommune" in s or "kontakt Vejle Kommune" in s
                   for s in next_steps(case, a, "da"))
    case.case.role = "manager"
    case.contacts.home_municipality = "no"
    a = assess(case, AS_OF, "da")
    steps = next_steps(case, a, "da")
    assert any("Vejle Kommune" in s for s in steps), steps


def test_next_steps_say_no_meeting_is_logged_only_when_the_twelve_months_count():
    from fleksjob_tui.documents.summary import next_steps
    from fleksjob_tui.rules import assess

    case = _klar()
    said = lambda c: any("ikke skrevet møder ned" in s for s in next_steps(c, assess(c, AS_OF, "da"), "da"))  # noqa: E731
    assert not said(case)  # meetings are logged
    case.meetings = []
    assert said(case)
    case.person.birth_date = dt.date(1961, 1, 1)  # six years or less to the pension: exempt
    assert assess(case, AS_OF, "da").twelve_months.exemption is not None
    assert not said(case)


def test_the_pack_shows_people_hours_approval_discussed_and_the_next_meeting():
    from fleksjob_tui.documents.pack_render import render_markdown
    from fleksjob_tui.rules import assess

    case = _klar()
    case.people.manager, case.people.union_rep, case.people.union = "Mette", "Jens", "FOA"
    case.employment.normal_weekly_hours, case.employment.current_weekly_hours = 37, 25
    case.follow_up.next_meeting = dt.date(2027, 1, 5)
    case.measures.append(Measure(id="increased_absence", status="ongoing",
                                 approved_by_municipality="yes", approved_on=dt.date(2025, 3, 1)))
    md = render_markdown(case, assess(case, AS_OF, "da"), "da")
    assert "Mette" in md and "Jens (FOA)" in md
    assert "37 → 25 timer om ugen" in md
    assert "godkendt af kommunen 01-03-2025" in md
    assert "Næste opfølgningsmøde" in md and "05-01-2027" in md
    assert "Drøftet" in md and "Aftalt" in md
    assert md.index("01-06-2025") < md.index("08-09-2026")


# ── 6. fleksjob restore shows what it puts back and asks ───────────────────────────────────────
def _two_versions(home):
    path = home / "sag.toml"
    old = Case.new(title="A")
    old.person.name = "Gammel"
    old.measures.append(Measure(id="aids", status="tried"))
    old.meetings += [Meeting(date=dt.date(2025, 6, 1)), Meeting(date=dt.date(2025, 7, 1))]
    storage.save_case(old, path)
    new = storage.load_case(path)
    new.person.name = "Ny"
    storage.save_case(new, path, backup=True)
    return path


@pytest.mark.parametrize("answer, swapped", [("n", False), ("", False), ("j", True)])
def test_restore_shows_the_version_and_asks_first(home, monkeypatch, capsys, answer, swapped):
    from fleksjob_tui import cli

    path = _two_versions(home)
    asked = []
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or answer)
    code = cli.main(["restore", str(path)])
    out = capsys.readouterr().out
    assert asked and "[j/N]" in asked[0]
    assert "Person: Gammel" in out and "Redskaber: 1, møder: 2" in out and "gemt" in out
    assert storage.load_case(path).person.name == ("Gammel" if swapped else "Ny")
    assert code == (0 if swapped else 1)


def test_restore_yes_does_not_ask(home, monkeypatch, capsys):
    from fleksjob_tui import cli

    path = _two_versions(home)
    monkeypatch.setattr("builtins.input", lambda q: pytest.fail("asked"))
    assert cli.main(["restore", "--yes", str(path)]) == 0
    assert storage.load_case(path).person.name == "Gammel"


# ── 8. A way out of every multi-line field ─────────────────────────────────────────────────────
async def test_enter_on_an_empty_last_line_moves_on(case_file):
    async with wizard_at(case_file, "checklist") as (app, pilot):
        field = app.screen.query_one("#f-agreement-difficult_functions")
        assert "Tab" in str(field.query_one(".q-hint").content)
        field.focus_input()
        await keys(pilot, "text:tunge løft", "enter", "text:nattevagter", "enter")
        assert focused_field_key(app) == "agreement.difficult_functions"
        await keys(pilot, "enter")  # on the empty last line: on to the next field
        assert focused_field_key(app) == "agreement.accommodations"
        assert field.query_one("TextArea").text == "tunge løft\nnattevagter"
        assert app.case.agreement.difficult_functions == ["tunge løft", "nattevagter"]
        await keys(pilot, "enter")  # an empty field: Enter moves on as well
        assert focused_field_key(app) != "agreement.accommodations"


# ── 9. A reopened case resumes after the last answer ───────────────────────────────────────────
async def test_a_reopened_case_puts_the_cursor_after_the_last_answer(home):
    from fleksjob_tui.wizard.app import FleksjobApp

    case = Case.new(role="union_rep", title="T")
    case.case.last_step = "eligibility"
    case.eligibility.capacity_reduced = "yes"
    case.eligibility.capacity_assessed = "no"
    path = _save(case, home)
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.step == "eligibility"
        # the next question after "Er arbejdsevnen vurderet?" is the medical documentation
        assert focused_field_key(app) == "eligibility.medical_documentation"


async def test_a_new_case_starts_on_the_name_not_the_title(home):
    from fleksjob_tui.wizard.app import FleksjobApp

    path = _save(Case.new(role="union_rep", title="Sag 22-11-2026"), home)
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert focused_field_key(app) == "person.name"


# ── tripped over in tmux: Enter typed fast in a one-line answer ────────────────────────────────
async def test_keys_typed_across_enter_in_one_burst_land_in_their_own_fields(home):
    from wizard_helpers import burst

    from fleksjob_tui.wizard.app import FleksjobApp

    path = _save(Case.new(role="employee", title="T"), home)
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert focused_field_key(app) == "person.name"
        await burst(app, pilot, "K", "L", "enter", *"10-05-1966", "enter", *"Vejle", "enter",
                    "n", "n", "n")
        p = app.case.person
        assert (p.name, p.birth_date, p.home_municipality) == ("KL", dt.date(1966, 5, 10), "Vejle")
        assert (p.self_employed, p.receives_disability_pension) == (False, "no")
        assert p.disability_pension_claim_pending == "no"
