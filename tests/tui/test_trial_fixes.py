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


# ── 2. Danish dates; a refusal that never shows an old value over a new one ─────────────────
def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_day_slash_month_date_is_taken_in_the_wizard(case_file):
    from fleksjob_tui.wizard.widgets.datefield import DateField

    async with wizard_at(case_file, "person") as (app, pilot):
        field = app.screen.query(DateField).first()
        field.focus_input()
        await keys(pilot, "ctrl+u", "text:14/5-1968", "tab")
        assert app.case.person.birth_date == dt.date(1968, 5, 14)
        assert not field.error_text


async def test_the_toast_about_a_refused_answer_does_not_quote_the_old_value(case_file):
    from fleksjob_tui.wizard.widgets.datefield import DateField

    async with wizard_at(case_file, "person") as (app, pilot):
        field = app.screen.query(DateField).first()
        field.focus_input()
        await keys(pilot, "ctrl+u", "text:31-4-1968", "ctrl+n")
        said = toasts(app)
        assert said and field.label_text in said[-1], said
        await keys(pilot, "ctrl+u", "text:30-4-1968", "tab")
        assert not any("31-4-1968" in t for t in toasts(app)), toasts(app)


# ── 3. A letter that picks no answer says so on the question's line ─────────────────────────
async def test_a_shared_letter_says_which_letters_pick_and_stays_on_the_question(case_file):
    from wizard_helpers import focused_field_key

    from fleksjob_tui.wizard.widgets.choice import Choice

    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "enter", "i")
        choice = app.focused
        assert isinstance(choice, Choice) and focused_field_key(app) == "measure.status"
        assert app.case.measure("changed_rota").status is None
        said = choice.render().plain
        assert ("»i« passer til flere svar – tryk k for Ikke afprøvet, g for I gang eller "
                "r for Ikke relevant.") in said, said
        await keys(pilot, "x")
        assert "»x« er ikke et svar her – tryk k, a, g eller r." in \
            choice.render().plain
        await keys(pilot, "g")  # now knowingly: I gang, and on
        assert app.case.measure("changed_rota").status == "ongoing"
        assert "passer" not in choice.render().plain and "ikke et svar" not in choice.render().plain


def test_the_letter_for_a_document_is_the_one_a_person_presses():
    from fleksjob_tui import content
    from fleksjob_tui.documents import DOCUMENTS
    from fleksjob_tui.wizard.widgets.choice import hotkeys

    labels = [content.text("documents", f"document.{d}", "da") for d in DOCUMENTS]
    keys_ = dict(zip(DOCUMENTS, hotkeys(labels), strict=True))
    assert keys_["municipality"] == "k"  # "Dokumentation til kommunen": k, not t
    assert hotkeys(["Ja", "Nej", "Ved ikke"]) == ["j", "n", "v"]
    assert hotkeys(["Ikke afprøvet", "Afprøvet", "I gang", "Ikke relevant"]) == \
        ["k", "a", "g", "r"]


# ── 6. A new case's suggested title: selected when the cursor comes to it, typing replaces it
async def test_a_suggested_title_is_replaced_by_what_is_typed_a_given_one_kept(home):
    from wizard_helpers import AS_OF, focused_field_key

    from fleksjob_tui.wizard.app import FleksjobApp

    app = FleksjobApp(None, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "enter", "enter")  # a new case, the first role
        await pilot.pause(0.3)
        assert focused_field_key(app) == "person.name"  # (the title is one Shift+Tab up)
        await keys(pilot, "text:Jens", "shift+tab")
        assert focused_field_key(app) == "case.title"
        await keys(pilot, "text:Jens K lager", "tab")
        assert app.case.case.title == "Jens K lager"  # not "Sag 22-11-2026Jens K lager"
        await keys(pilot, "shift+tab", "text:x")  # a title the person typed: typing adds to it
        assert app.screen.query_one("#f-case-title .q-input").value == "Jens K lagerx"


# ── 4, 5. The export window: F1 and a key line; a file name a person can read ──────────────
def titled_case(home, name="sag-06-12-2026.toml"):
    from fleksjob_tui.case.model import Case

    case = Case.new(role="employee")
    case.case.title = "Jens Kristensen lager kommune og en lang titel"
    path = home / name
    storage.save_case(case, path)
    return path


async def test_f1_and_the_key_line_in_the_export_window(home):
    from textual.widgets import Footer

    from fleksjob_tui.wizard.screens.summary import ExportScreen
    from fleksjob_tui.wizard.widgets.help import HelpScreen

    async with wizard_at(titled_case(home), "summary") as (app, pilot):
        await keys(pilot, "ctrl+e")
        export = app.screen
        assert isinstance(export, ExportScreen)
        assert export.query(Footer)
        await keys(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await keys(pilot, "escape")
        assert app.screen is export


async def test_the_export_window_shows_the_folder_and_the_whole_file_name(home):
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    async with wizard_at(titled_case(home), "summary") as (app, pilot):
        await keys(pilot, "ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        where = app.screen.query_one("#export-where").render()
        lines = str(where).splitlines()
        assert any(str(home) in line for line in lines), lines
        assert any(line.strip().endswith("jens-kristensen-lager-kommune-og-en-lang-titel.html")
                   for line in lines), lines
        await keys(pilot, "k")  # the municipality's: the name follows
        lines = str(app.screen.query_one("#export-where").render()).splitlines()
        assert any(line.strip().endswith("titel-kommune.html") for line in lines), lines


async def test_minutes_are_named_from_the_case_title_like_every_export(home):
    from fleksjob_tui.case.model import Meeting

    path = titled_case(home)
    case = on_disk(path)
    case.meetings.append(Meeting(date=dt.date(2026, 11, 2), summary="Første"))
    storage.save_case(case, path)
    async with wizard_at(path, "meetings") as (app, pilot):
        await keys(pilot, "home", "enter")
        written = app.screen.write_minutes()
    assert written is not None
    assert written.name.startswith("jens-kristensen-lager-kommune-og-en-lang-titel-"), written


# ── 11. Ctrl+E opens the export window from every step ─────────────────────────────────────
async def test_ctrl_e_exports_from_any_step(home):
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    path = titled_case(home)
    for step in ("person", "measures", "economy"):
        async with wizard_at(path, step) as (app, pilot):
            await keys(pilot, "ctrl+e")
            assert isinstance(app.screen, ExportScreen), step
            await keys(pilot, "enter")  # saves what the window shows
            assert not isinstance(app.screen, ExportScreen)
            assert app.screen.step == step  # and the person is where they were
        written = home / "jens-kristensen-lager-kommune-og-en-lang-titel.html"
        assert written.exists(), step
        written.unlink()


# ── 12. Fuldtidsløn: full time means the agreement's full-time hours ───────────────────────
async def test_the_full_time_wage_question_says_full_time_is_the_agreements_37_hours(case_file):
    async with wizard_at(case_file, "economy") as (app, pilot):
        await pilot.pause(0.3)
        field = app.screen.query_one("#f-economy-full_time_monthly_wage")
        shown = " ".join(str(s.render()) for s in field.query(".q-info"))
        assert "37 timer om ugen" in shown and "overenskomst" in shown, shown


# ── 9. A meeting's notes keep their line breaks in the Overblik ─────────────────────────────
def test_meeting_notes_keep_their_lines_in_the_summary():
    from fleksjob_tui.case.model import Case, Meeting
    from fleksjob_tui.documents.summary import summary_text
    from fleksjob_tui.rules import assess

    case = Case.new(role="employee")
    case.meetings.append(Meeting(date=dt.date(2026, 11, 2), participants=["employee"],
                                 summary="Ondt i ryggen om morgenen\nVil prøve kortere dage",
                                 agreed="Starter kl. 9\nNyt møde om en måned"))
    text = summary_text(case, assess(case, dt.date(2026, 12, 1)), "da", width=80)
    flat = [line.strip() for line in text.splitlines()]
    assert any(line.endswith("Ondt i ryggen om morgenen") for line in flat), text
    assert any(line.startswith("Vil prøve kortere dage") for line in flat), text
    assert any(line.startswith("Nyt møde om en måned") for line in flat), text


# ── 10. A measure's row: label and value together, one case style ─────────────────────────
def test_a_measures_state_breaks_only_between_parts_in_one_case_style():
    from fleksjob_tui.case.model import Measure
    from fleksjob_tui.wizard.screens.measures import measure_state, state_lines

    m = Measure(id="aids", status="tried", from_=dt.date(2025, 3, 1), to=dt.date(2025, 5, 14),
                result="partly", documented="no")
    state = measure_state(m, "da")
    assert "dokumenteret: nej" in state and "NEJ" not in state
    assert "NO" not in measure_state(m, "en")
    for width in range(20, 80):
        lines = state_lines(state, width)
        assert " ".join(lines).replace(" · ", " ").replace(" ·", "") == state.replace(" · ", " ")
        assert not any(line.endswith(("dokumenteret:", "resultat:")) for line in lines), lines
        assert all(len(line) <= max(width, 35) for line in lines), (width, lines)


async def test_the_measure_list_keeps_each_label_with_its_value_at_80_columns(home):
    from fleksjob_tui.case.model import Case, Measure

    case = Case.new(role="employee")
    case.case.title = "Test"
    case.measures.append(Measure(id="changed_rota", status="tried", from_=dt.date(2025, 3, 1),
                                 to=dt.date(2025, 5, 14), result="partly", documented="no"))
    path = home / "m.toml"
    storage.save_case(case, path)
    async with wizard_at(path, "measures") as (app, pilot):
        await pilot.pause(0.3)
        shown = app.export_screenshot()
        import re

        plain = re.sub(r"<[^>]+>", "", shown).replace("&#160;", " ")
        assert "resultat:" in plain
        for line in plain.splitlines():
            assert not line.rstrip(" ▎│").endswith(("resultat:", "dokumenteret:")), line


# ── 8. Saved: said beside the button on Overblik, not in a toast over the text ──────────────
async def test_an_export_from_the_overblik_is_said_beside_its_button_not_over_the_text(home):
    async with wizard_at(titled_case(home), "summary") as (app, pilot):
        await keys(pilot, "ctrl+e", "enter")
        await pilot.pause()
        assert toasts(app) == []
        said = str(app.screen.query_one("#summary-saved").render())
        assert "Gemt: Dokumentationsskema" in said and "titel.html" in said, said


async def test_an_export_from_another_step_is_a_short_toast(home):
    async with wizard_at(titled_case(home), "person") as (app, pilot):
        await keys(pilot, "ctrl+e", "enter")
        await pilot.pause()
        [note] = list(app._notifications)
        assert note.timeout <= 5 and "Gemt:" in note.message


# ── 2. A refused date's whole message is in view (it sat under the key bar at 80x24) ───────
async def test_a_refused_dates_whole_message_is_above_the_key_bar(home):
    from fleksjob_tui.case.model import Case

    case = Case.new(role="employee")
    case.case.title = "Test"
    path = home / "e.toml"
    storage.save_case(case, path)
    async with wizard_at(path, "employment") as (app, pilot):
        await pilot.pause(0.3)
        field = app.screen.query_one("#f-employment-special_terms_start")
        field.focus_input()
        await pilot.pause(0.2)
        await keys(pilot, "text:marts 2025", "enter")
        await pilot.pause(0.3)
        box = field._error_box
        assert box is not None and "Skriv en hel dato" in str(box.render())
        footer_top = app.size.height - 1
        assert box.region.height >= 2 and box.region.bottom <= footer_top, (box.region, footer_top)
