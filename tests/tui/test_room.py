"""Issue 24: every key does what the screen says (F1 in every window, one letter rule, …)."""

from __future__ import annotations

import pytest
from wizard_helpers import focused_field_key, keys, wizard_at

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.wizard.widgets.choice import hotkeys


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def case_file(home):
    case = Case.new(role="union_rep")
    case.case.title = "Test"
    path = home / "test.toml"
    storage.save_case(case, path)
    return path


@pytest.mark.parametrize("step", ["measures", "meetings"])
async def test_f1_opens_help_inside_an_editor(case_file, step):
    from fleksjob_tui.wizard.widgets.help import HelpScreen

    async with wizard_at(case_file, step) as (app, pilot):
        await keys(pilot, "enter")
        editor = app.screen
        await keys(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await keys(pilot, "escape")
        assert app.screen is editor


def test_first_letter_of_a_label_never_picks_another_label():
    labels = ["Ikke afprøvet", "Afprøvet", "I gang", "Ikke relevant"]
    keys_ = hotkeys(labels)
    assert len(set(keys_)) == len(labels) and None not in keys_
    firsts = [label[0].lower() for label in labels]
    for i, key in enumerate(keys_):
        others = firsts[:i] + firsts[i + 1:]
        assert key not in others, (labels[i], key)
    assert hotkeys(["Ja", "Nej", "Ved ikke"]) == ["j", "n", "v"]


async def test_a_shared_first_letter_answers_nothing(case_file):
    async with wizard_at(case_file, "measures") as (app, pilot):
        await keys(pilot, "enter")  # Ændret vagtplan
        await keys(pilot, "i")
        assert app.case.measure("changed_rota").status is None
        assert focused_field_key(app) == "measure.status"


def test_keys_are_named_in_one_notation():
    from fleksjob_tui.wizard.widgets.keynames import key_name

    assert key_name("ctrl+e", "da") == "Ctrl+E"
    assert key_name("ctrl+n", "en") == "Ctrl+N"
    assert key_name("delete", "da") == "Delete"
    assert key_name("f1", "da") == "F1"
    assert key_name("escape", "da") == "Esc"


async def test_the_footer_writes_ctrl_e_not_caret_e(case_file):
    async with wizard_at(case_file, "person") as (app, pilot):
        shown = " ".join(app.get_key_display(b.binding) for b in app.screen.active_bindings.values()
                         if b.binding.show)
        assert "^" not in shown
        assert "Ctrl+N" in shown and "F1" in shown


@pytest.mark.parametrize("typed", ["ved ikke", "?", "Ved ikke"])
async def test_a_date_not_known_is_accepted_as_no_date(case_file, typed):
    from fleksjob_tui.wizard.widgets.inputs import Input

    async with wizard_at(case_file, "person") as (app, pilot):
        field = app.screen.query_one("#f-person-birth_date")
        field.focus_input()
        await pilot.pause()
        assert "ved ikke" in field.query_one(Input).placeholder
        await keys(pilot, "text:01-01-1960", "enter")
        assert app.case.person.birth_date is not None
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:" + typed, "enter")
        assert field.error_text == ""
        assert app.case.person.birth_date is None
        assert focused_field_key(app) != "person.birth_date"  # accepted: on to the next


async def test_amounts_come_back_in_danish_form(home):
    from fleksjob_tui.wizard.widgets.inputs import Input

    case = Case.new(role="union_rep")
    case.case.title = "Test"
    case.economy.hourly_wage = 178.5
    case.economy.full_time_monthly_wage = 28900
    path = home / "n.toml"
    storage.save_case(case, path)
    async with wizard_at(path, "economy") as (app, pilot):
        shown = {field.id: field.query_one(Input).value
                 for field in app.screen.query("NumberField")}
        assert shown["f-economy-hourly_wage"] == "178,50"
        assert shown["f-economy-full_time_monthly_wage"] == "28.900"


async def test_export_window_starts_on_the_choices_names_the_file_from_the_title(home):
    from fleksjob_tui.wizard.screens.summary import ExportScreen
    from fleksjob_tui.wizard.widgets.inputs import Input

    case = Case.new(role="union_rep")
    case.case.title = "Fleksjob for Åse"
    path = home / "sag-06-12-2026.toml"
    storage.save_case(case, path)
    async with wizard_at(path, "summary") as (app, pilot):
        await keys(pilot, "ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.focused.id == "export-document"
        name = app.screen.query_one("#export-path", Input).value
        assert name == str(home / "fleksjob-for-aase.html")
        await keys(pilot, "u")  # the draft agreement: a letter answers, never types into the name
        assert app.screen.query_one("#export-path", Input).value.endswith(
            "fleksjob-for-aase-aftale.html")
        assert app.screen.focused.id == "export-format"
        await keys(pilot, "enter")  # Enter saves what the window shows
        assert not isinstance(app.screen, ExportScreen)
        saved = home / "fleksjob-for-aase-aftale.html"
        assert saved.exists()
        said = str(app.screen.query_one("#summary-saved").render())  # not a toast over the text
        assert "Udkast til skriftlig aftale" in said and str(saved) in said
        assert "Dokumentationen er gemt" not in said


async def test_focus_is_plain_to_see_without_colour(case_file, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    from fleksjob_tui.wizard.widgets.choice import Choice
    from fleksjob_tui.wizard.widgets.inputs import Input

    async with wizard_at(case_file, "person") as (app, pilot):
        assert app.no_color
        field = app.screen.query_one("#f-person-birth_date")
        field.focus_input()
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert app.focused.styles.text_style.reverse
        app.screen.query(Choice).first().focus()
        await pilot.pause()
        assert app.focused.styles.border_left[0] != ""  # a bar beside the question


async def test_typing_after_coming_back_into_a_list_starts_a_new_line(home):
    case = Case.new(role="union_rep")
    case.case.title = "Test"
    case.agreement.difficult_functions = ["Stå i lang tid"]
    path = home / "l.toml"
    storage.save_case(case, path)
    async with wizard_at(path, "checklist") as (app, pilot):
        app.screen.query_one("#f-agreement-difficult_functions").focus_input()
        await pilot.pause()
        await keys(pilot, "text:Bære spande")
        assert app.case.agreement.difficult_functions == ["Stå i lang tid", "Bære spande"]


async def test_discarding_a_refused_date_keeps_the_other_answers(home):
    import datetime as dt

    from fleksjob_tui.case.model import Measure
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen, EditorScreen

    case = Case.new(role="union_rep")
    case.case.title = "Test"
    case.measures.append(Measure(id="changed_rota", status="tried", from_=dt.date(2025, 6, 1)))
    path = home / "d.toml"
    storage.save_case(case, path)
    async with wizard_at(path, "measures") as (app, pilot):
        await keys(pilot, "enter")
        editor = app.screen
        editor.query_one("#f-measure-note").focus_input()
        await pilot.pause()
        await keys(pilot, "text:Virker godt")
        editor.query_one("#f-measure-from").focus_input()
        await pilot.pause()
        await keys(pilot, "end", "ctrl+u", "text:31-11-2025", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        # says exactly what happens (issue 24's second trial): only the refused answer goes
        assert app.screen.yes == "Kassér det ugyldige svar"
        assert "Alt andet, du har skrevet i vinduet, bliver gemt" in app.screen.question
        await pilot.click("#confirm-yes")  # Kassér det ugyldige svar
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)
        measure = app.case.measure("changed_rota")
        assert measure.from_ == dt.date(2025, 6, 1)
        assert measure.note == "Virker godt"


@pytest.mark.parametrize("step", ["employment", "person", "eligibility", "economy"])
@pytest.mark.parametrize("example", [None, "klar", "mangler-dokumentation"])
async def test_the_focused_question_is_whole_in_view_above_the_key_bar(case_file, step, example):
    """One scroll-into-view rule: the question with the cursor (its label, its answer and the
    line under it) is scrolled wholly into view, never left under the key bar."""
    from textual.widgets import Footer

    from fleksjob_tui.wizard.widgets.fields import QuestionField

    if example:
        from fleksjob_tui.case.examples import load as load_example

        storage.save_case(load_example(example), case_file)
    async with wizard_at(case_file, step) as (app, pilot):
        footer = app.screen.query_one(Footer)
        for _ in range(14):
            await keys(pilot, "tab")
            field = next((a for a in app.focused.ancestors_with_self
                          if isinstance(a, QuestionField)), None)
            if field is None:
                continue
            view = app.screen.pane.region

            def whole(field=field, view=view) -> bool:
                return view.y <= field.region.y and field.region.bottom <= view.bottom

            for _ in range(20):  # the scroll comes after the refresh that shows the focus
                if whole():
                    break
                await pilot.pause()
            assert whole(), field
            assert field.region.bottom <= footer.region.y, field


@pytest.mark.parametrize("step,size", [("measures", (80, 24)), ("meetings", (80, 24)),
                                       ("meetings", (100, 30))])
async def test_the_focused_question_of_an_editor_is_whole_in_view(case_file, step, size):
    from fleksjob_tui.wizard.widgets.fields import QuestionField

    async with wizard_at(case_file, step, size=size) as (app, pilot):
        await keys(pilot, "enter")
        view = app.screen.query_one(".editor-fields").region
        for _ in range(10):
            field = next((a for a in app.focused.ancestors_with_self
                          if isinstance(a, QuestionField)), None)
            if field is not None:
                assert view.y <= field.region.y and field.region.bottom <= view.bottom, field
            await keys(pilot, "tab")


async def test_a_window_with_nothing_unsaved_offers_loading_the_new_version_first(case_file,
                                                                                 monkeypatch):
    """The second (read-only) window is told the case changed: loading it loses nothing, so
    it is the answer Enter gives and it is not coloured as a danger."""
    from fleksjob_tui.wizard.app import FleksjobApp
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    monkeypatch.setattr(FleksjobApp, "WATCH_INTERVAL", 0.05)
    async with wizard_at(case_file, "person") as (app, pilot):
        other = storage.load_case(case_file)
        other.person.name = "Fra det andet vindue"
        storage.save_case(other, case_file)
        for _ in range(200):
            await pilot.pause(0.05)
            if isinstance(app.screen, ConfirmScreen):
                break
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause()  # the window's first frame: the cursor on its default answer
        assert app.focused is not None and app.focused.id == "confirm-yes"
        assert app.screen.query_one("#confirm-yes").variant != "error"
        await keys(pilot, "enter")
        assert app.case.person.name == "Fra det andet vindue"


async def test_in_a_browser_help_and_hints_name_the_browsers_keys(case_file):
    """Under fleksjob serve the footer says PgDn / PgUp / F3 / F10 (the browser keeps Ctrl+N and
    Ctrl+Q for itself): the help and the hints name the same keys, in the same notation."""
    from fleksjob_tui.web.driver import ServeDriver

    async with wizard_at(case_file, "person") as (app, pilot):
        ServeDriver._for_the_browser(app)
        _title, body = app.screen.help_text()
        assert "PgDn" in body and "PgUp" in body and "F3" in body
        assert "Ctrl+N" not in body and "Ctrl+B" not in body and "Ctrl+L" not in body
        await keys(pilot, "pageup")  # back on the first step: the hint says why
        said = " ".join(n.message for n in app._notifications)
        assert "PgDn" in said and "Ctrl+N" not in said
    async with wizard_at(case_file, "person") as (app, pilot):  # in a terminal: its own keys
        _title, body = app.screen.help_text()
        assert "Ctrl+N" in body and "Ctrl+B" in body and "Ctrl+L" in body


async def test_next_pressed_again_on_the_last_step_does_not_stack_messages(case_file):
    async with wizard_at(case_file, "summary") as (app, pilot):
        for _ in range(3):
            await keys(pilot, "ctrl+n")
        said = [n.message for n in app._notifications if "sidste trin" in n.message]
        assert len(said) == 1, said


async def test_the_meeting_list_uses_the_width_it_has(home):
    import datetime as dt

    from fleksjob_tui.case.model import Meeting

    words = "Vi talte om vagtplanen og om at flytte de tunge løft til formiddagen hver dag"
    case = Case.new(role="union_rep", title="T")
    case.meetings.append(Meeting(date=dt.date(2025, 6, 1), summary=words))
    path = home / "m.toml"
    storage.save_case(case, path)
    async with wizard_at(path, "meetings", size=(200, 30)) as (app, pilot):
        ol = app.screen.query_one("#meeting-list")
        shown = "\n".join(ol.render_line(y).text for y in range(ol.size.height))
        assert words in shown, shown
    async with wizard_at(path, "meetings", size=(80, 24)) as (app, pilot):
        ol = app.screen.query_one("#meeting-list")
        lines = [ol.render_line(y).text.rstrip() for y in range(ol.size.height)]
        assert any(line.endswith("…") for line in lines), lines  # cut where the list ends


async def test_a_note_shows_four_lines_so_the_first_stays_in_view(case_file):
    async with wizard_at(case_file, "meetings", size=(100, 30)) as (app, pilot):
        await keys(pilot, "enter")
        app.screen.query_one("#f-meeting-summary").focus_input()
        await pilot.pause()
        await keys(pilot, "text:Første", "enter", "text:Anden", "enter", "text:Tredje", "enter",
                   "text:Fjerde")
        area = app.focused
        assert area.text.startswith("Første") and area.scroll_offset.y == 0


async def test_in_a_browser_export_has_a_key_that_reaches_the_page(case_file):
    """A browser keeps Ctrl+E for itself (the search in the address bar): in the browser the
    footer and the last step's hint name F4, and F4 opens the export window; the terminal keeps
    Ctrl+E."""
    from fleksjob_tui.web.driver import ServeDriver
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    async with wizard_at(case_file, "summary") as (app, pilot):
        ServeDriver._for_the_browser(app)
        app.refresh_bindings()
        await pilot.pause()
        footer = " ".join(app.get_key_display(b) for (_n, b, *_r) in app.active_bindings.values()
                          if b.show)
        assert "F4" in footer and "Ctrl+E" not in footer, footer
        await keys(pilot, "ctrl+n")  # past the last step: the hint names the keys
        said = " ".join(n.message for n in app._notifications)
        assert "Tryk F4" in said and "Ctrl+E" not in said, said
        await keys(pilot, "f4")
        assert isinstance(app.screen, ExportScreen)
    async with wizard_at(case_file, "summary") as (app, pilot):  # in a terminal: Ctrl+E
        await keys(pilot, "ctrl+e")
        assert isinstance(app.screen, ExportScreen)


@pytest.mark.parametrize("key", ["f4", "ctrl+e"])
async def test_export_keys_work_from_a_middle_step(case_file, key):
    """Help and the README say export works from every step: F4 (the browser's key) as well as
    Ctrl+E, also with the cursor in a text field (found in a meeting: F4 worked on Overblik only)."""
    from fleksjob_tui.wizard.screens.summary import ExportScreen

    async with wizard_at(case_file, "employment") as (app, pilot):
        assert app.focused is not None
        await keys(pilot, key)
        assert isinstance(app.screen, ExportScreen)


async def test_at_60x20_the_screen_names_the_step_where_the_step_list_is_gone(case_file):
    """The step list is hidden below 80 columns: a line above the step says which step and how
    far ("Trin 2 af 8 · Ansættelsen"), and stays when the step is scrolled down."""
    async with wizard_at(case_file, "employment", size=(60, 20)) as (app, pilot):
        where = app.screen.query_one("#step-where")
        assert where.display and where.region.height == 1 and where.region.y <= 2
        text = str(where.render())
        assert "Trin 2 af 8" in text and "Ansættelsen" in text, text
        app.screen.pane.scroll_end(animate=False)  # the step's title scrolled out of view
        await pilot.pause()
        assert where.region.height == 1 and "Trin 2 af 8" in str(where.render())
    async with wizard_at(case_file, "employment", size=(100, 30)) as (app, pilot):
        assert not app.screen.query_one("#step-where").display  # the step list says it there


async def test_a_date_not_known_is_recorded_and_the_plan_names_who_finds_it(case_file):
    """"?" in a date: recorded as not known (saved with the case), and the step's findings say
    who can find it; a date typed later clears it."""
    async with wizard_at(case_file, "employment") as (app, pilot):
        field = app.screen.query_one("#f-employment-special_terms_start")
        field.focus_input()
        await pilot.pause()
        await keys(pilot, "text:?", "tab")
        assert app.case.case.unknown_dates == ["employment.special_terms_start"]
        found = [f for f in app.assessment.findings if f.id == "date_not_known"]
        assert found and found[0].responsible == "manager"
        info = str(field.query_one(".q-info").content)  # said beside the field too
        # By the next follow-up meeting when one is planned, else as soon as possible.
        by = app.case.follow_up.next_meeting
        assert found[0].due == (by if by and by > app.assessment.as_of else None)
        assert "Ikke kendt" in info and ("senest" if found[0].due else "så hurtigt") in info, info
        assert app.save()
        assert storage.load_case(case_file).case.unknown_dates == [
            "employment.special_terms_start"]
        field.focus_input()
        await pilot.pause()
        assert field.query_one(".q-input").value in ("", "?")
        await keys(pilot, "end", "backspace", "text:01-06-2025", "tab")
        assert app.case.case.unknown_dates == []
        assert not [f for f in app.assessment.findings if f.id == "date_not_known"]


async def test_the_role_window_takes_the_letter_it_shows(case_file):
    """"Hvem udfylder sagen?": the labels all begin "Jeg er …"; the window names a letter for
    each (m, t, l — as the plain conversation does) and the letter picks it."""
    from fleksjob_tui.wizard.screens.role import RoleScreen

    async with wizard_at(case_file, "person") as (app, pilot):
        got: list = []
        app.push_screen(RoleScreen("da"), callback=got.append)
        await pilot.pause()
        hint = " ".join(str(s.content) for s in app.screen.query(".step-intro"))
        assert "m, t eller l" in hint, hint
        await keys(pilot, "t")
        assert got == ["union_rep"]


async def test_at_60_columns_the_footer_still_shows_f1(case_file):
    """The footer is cut at the right in a narrow window: help (F1) comes first, so a person
    who is stuck sees where to ask."""
    from textual.widgets._footer import FooterKey

    async with wizard_at(case_file, "person", size=(60, 20)) as (app, pilot):
        await pilot.pause()
        (f1,) = [k for k in app.screen.query(FooterKey) if k.key == "f1"]
        assert f1.region.width > 0 and f1.region.right <= 60, f1.region
