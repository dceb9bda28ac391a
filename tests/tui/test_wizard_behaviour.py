"""Navigation keeps answers, the step list jumps, bad dates are refused, a reopened case resumes."""

from __future__ import annotations

import datetime as dt

import pytest
from wizard_helpers import AS_OF, current_step, focused_field_key, keys, wizard_at

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case, Measure, Meeting
from fleksjob_tui.wizard.app import FleksjobApp
from fleksjob_tui.wizard.widgets.steplist import StepList


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path))
    return tmp_path


def saved_case(path) -> Case:
    return storage.load_case(path)


@pytest.fixture
def case_file(home):
    case = Case.new(role="union_rep")
    case.case.title = "Test"
    path = home / "test.toml"
    storage.save_case(case, path)
    return path


async def test_back_and_forth_keeps_every_answer(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "text:KL", "enter", "text:01-02-1970", "enter", "text:Odense")
        await keys(pilot, "ctrl+n", "text:Odense Kommune", "ctrl+n")
        assert current_step(app) == "checklist"
        await keys(pilot, "j", "ctrl+b", "ctrl+b")
        assert current_step(app) == "person"
        screen = app.screen
        assert screen.query_one("#f-person-name Input").value == "KL"
        assert screen.query_one("#f-person-birth_date Input").value == "01-02-1970"
        assert screen.query_one("#f-person-home_municipality Input").value == "Odense"
        await keys(pilot, "ctrl+n")
        assert app.screen.query_one("#f-employment-employer Input").value == "Odense Kommune"
        await keys(pilot, "ctrl+n")
        assert app.screen.query_one("#f-agreement-written Choice").value == "yes"
    case = saved_case(case_file)
    assert case.person.name == "KL" and case.person.birth_date == dt.date(1970, 2, 1)
    assert case.employment.employer == "Odense Kommune"
    assert case.agreement.written == "yes"


async def test_jump_from_step_list_lands_on_that_step(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "ctrl+l")
        assert isinstance(app.focused, StepList)
        await keys(pilot, "down", "down", "down", "down", "enter")  # 5 Betingelser
        assert current_step(app) == "eligibility"
        assert focused_field_key(app) == "eligibility.capacity_reduced"
        # by mouse too
        await pilot.click(StepList, offset=(3, 3))
        await pilot.pause()
        assert current_step(app) == "employment"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("31-02-1970", "findes ikke"),  # impossible date
        ("1970/02/01", "dd-mm-åååå"),  # wrong form
        ("1-2-70", "fire cifre"),  # two-digit year
    ],
)
async def test_bad_dates_are_refused_with_a_message_and_change_nothing(case_file, typed, message):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "tab", "text:10-05-1966", "tab")  # a good date first
        assert app.case.person.birth_date == dt.date(1966, 5, 10)
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:" + typed, "enter")
        field = app.screen.query_one("#f-person-birth_date")
        assert focused_field_key(app) == "person.birth_date"  # Enter did not move on
        assert message in field.error_text, field.error_text
        assert app.case.person.birth_date == dt.date(1966, 5, 10)
        await keys(pilot, "tab")
        assert message in field.error_text
    assert saved_case(case_file).person.birth_date == dt.date(1966, 5, 10)


async def test_step_status_says_not_saved_while_a_refused_date_is_there(case_file):
    """The step's status must not say "nothing missing" while the field beside it says the
    typed date was refused (it is not in the case); fixing the date takes the line away."""
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def status() -> str:
            return str(app.screen.pane.query_one(".step-findings").content)

        await keys(pilot, "tab", "text:10-05-1966", "tab")
        info = app.screen.query_one("#f-person-birth_date .q-info")
        assert info.display and "Folkepensionsalder" in str(info.content)
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:31-02-1970", "tab")
        assert app.case.person.birth_date == dt.date(1966, 5, 10)  # the refused date changed nothing
        assert not info.display  # its pension line belongs to the old date: hidden meanwhile
        assert "Ikke gemt: Medarbejderens fødselsdato" in status()
        assert "findes ikke" in status()
        assert "Intet mangler" not in status()
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:28-02-1970", "tab")
        assert app.case.person.birth_date == dt.date(1970, 2, 28)
        assert "Ikke gemt" not in status()
        assert info.display and "28-02" in str(info.content)


from wizard_helpers import burst  # noqa: E402  (keys arriving together)


async def test_keys_that_arrive_together_take_effect_in_order(case_file):
    """Textual 8.2 runs an editing key (Backspace, Ctrl+K …) after the characters typed behind
    it when they arrive in one burst; the fields must apply them in the order pressed."""
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert focused_field_key(app) == "person.name"
        await burst(app, pilot, "a", "b", "c", "backspace", "d")
        assert app.case.person.name == "abd"
        await keys(pilot, "tab", "text:10-05-1966", "tab", "shift+tab")
        assert focused_field_key(app) == "person.birth_date"
        await burst(app, pilot, "end", "ctrl+u", *"3-3-1973")
        assert app.screen.query_one("#f-person-birth_date .q-input").value == "3-3-1973"
        await keys(pilot, "tab")
        assert app.case.person.birth_date == dt.date(1973, 3, 3)
    assert saved_case(case_file).person.birth_date == dt.date(1973, 3, 3)


async def test_reopening_restores_every_field_and_the_last_step(home):
    path = home / "fuld.toml"
    case = Case.new(role="manager")
    case.person.name = "ÅÆØ"
    case.person.birth_date = dt.date(1966, 5, 10)
    case.agreement.difficult_functions = ["tunge løft", "nattevagter"]
    case.measures.append(Measure(id="aids", status="ongoing", documented="no"))
    case.meetings.append(Meeting(date=dt.date(2025, 6, 1), participants=["manager"], summary="Møde"))
    storage.save_case(case, path)

    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert current_step(app) == "person"
        await keys(pilot, "ctrl+n", "ctrl+n")
        assert current_step(app) == "checklist"
        area = app.screen.query_one("#f-agreement-difficult_functions TextArea")
        assert area.text == "tunge løft\nnattevagter"
        await keys(pilot, "ctrl+q")
    before = saved_case(path)
    assert before.case.last_step == "checklist"

    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert current_step(app) == "checklist"
        assert app.case == before
        await keys(pilot, "ctrl+b", "ctrl+b")
        assert app.screen.query_one("#f-person-name Input").value == "ÅÆØ"
        assert app.screen.query_one("#f-person-birth_date Input").value == "10-05-1966"
        await app.screen.show_step("measures")
        await pilot.pause()
        text = str(app.screen.query_one("#measure-list").get_option("aids").prompt)
        assert "I gang" in text and "dokumenteret: NEJ" in text
        await app.screen.show_step("meetings")
        await pilot.pause()
        assert "01-06-2025" in str(app.screen.query_one("#meeting-list").get_option("meeting-0").prompt)


async def test_help_key_shows_plain_danish_and_the_reference(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.show_step("eligibility")
        # capacity → assessed → medical documentation → relocation → acute injury
        await keys(pilot, "tab", "tab", "tab", "tab", "f1")
        body = str(app.screen.query_one(".help-body").content)
        ref = str(app.screen.query_one(".help-ref").content)
        assert "glidende nedslidning" in body
        assert "LAB § 119, stk. 3" in ref
        await keys(pilot, "escape")
        assert focused_field_key(app) == "eligibility.acute_injury"


async def test_english_with_lang_en(case_file):
    app = FleksjobApp(case_file, lang="en", as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#f-person-name").label_text == "Name or initials"
        assert "Next" in str(app.screen.query_one("#nav-next").label)


async def test_too_small_terminal_says_how_large_it_must_be(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#too-small")
        assert note.display and "60" in str(note.content) and "20" in str(note.content)
        assert not app.screen.query_one("#wizard-body").display
        await keys(pilot, "ctrl+n")
        assert current_step(app) == "person"  # nothing moves behind the note
    async with FleksjobApp(case_file, as_of=AS_OF).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Big enough: the note is not shown (and not even made).
        assert not any(note.display for note in pilot.app.screen.query("#too-small"))


async def test_too_small_note_comes_and_goes_with_the_terminal_size(case_file):
    # Made only when first needed (not built for the first paint): then shown and hidden again.
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        note = app.screen.query_one("#too-small")
        assert note.display and "60" in str(note.content)
        assert not app.screen.query_one("#wizard-body").display
        assert app.screen.children[-1] is app.screen.query_one("Footer")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not note.display and app.screen.query_one("#wizard-body").display
        # Big enough again: the footer shows Next, Back and the step list's keys again.
        await pilot.pause()
        shown = {key.key for key in app.screen.query("Footer FooterKey")}
        assert {"ctrl+n", "ctrl+b", "ctrl+l"} <= shown, shown


async def test_back_on_the_first_step_says_why_nothing_moves(case_file):
    # Found by a new user: Ctrl+N on the last step explained itself, Ctrl+B on the first did not.
    async with wizard_at(case_file, "person") as (app, pilot):
        await keys(pilot, "ctrl+b")
        assert current_step(app) == "person"
        assert any("første trin" in n.message for n in app._notifications)


async def test_the_cursor_comes_back_after_the_terminal_was_too_small(case_file):
    # Found by a new user: after "too small" and back, no widget had the cursor (keys went
    # nowhere). It goes back where it was.
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "tab")
        before = app.focused
        assert before is not None
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert app.focused is before


async def test_the_step_list_over_the_step_goes_when_the_cursor_leaves_it(case_file):
    # Narrow terminal: Ctrl+L shows the list over the step; Tab away or Esc hides it again
    # (it stayed drawn over the step, covering the field that had the cursor).
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        steps = app.screen.query_one(StepList)
        for leave in ("tab", "escape"):
            await keys(pilot, "ctrl+l")
            assert steps.has_class("-shown") and app.focused is steps
            await keys(pilot, leave)
            assert not steps.has_class("-shown"), leave
            assert app.focused is not None and app.focused is not steps, leave
            assert not steps.display


async def test_refusal_line_comes_under_the_input_above_the_info_line(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#f-person-birth_date")
        await keys(pilot, "tab", "text:10-05-1966", "tab", "shift+tab", "end", "ctrl+u",
                   "text:31-02-1970", "tab")
        kinds = [next(iter(c.classes - {"-shown", "-valid"}), "") for c in field.children]
        assert kinds == ["q-label", "q-input", "q-error", "q-info"], kinds
        assert "findes ikke" in field.error_text and field.has_class("-refused")
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:10-05-1966", "tab")
        assert field.error_text == "" and not field.has_class("-refused")
        assert field.query_one(".q-info").display


async def test_self_employed_adds_the_step_and_adapts_the_others(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "self_employment" not in app.screen.visible_steps()
        await keys(pilot, "tab", "tab", "tab", "j")
        assert app.case.person.self_employed is True
        assert "self_employment" in app.screen.visible_steps()
        await keys(pilot, "ctrl+n")
        assert not app.screen.query("#f-employment-special_terms_start")
        await keys(pilot, "ctrl+n")
        assert not app.screen.query("#f-agreement-written")
        # one contact question: the home municipality (no workplace HR or jobcentre question)
        assert app.screen.query("#f-contacts-home_municipality")
        assert not app.screen.query("#f-contacts-hr")
        assert not app.screen.query("#f-contacts-jobcenter")


async def test_example_case_opens_read_only_and_is_not_written(home):
    app = FleksjobApp(as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "down", "down", "enter", "enter")
        assert app.read_only and app.path is None
        assert app.case.person.name
        await keys(pilot, "ctrl+n", "ctrl+q")
    assert list(home.glob("*.toml")) == []


async def test_arrows_move_without_answering_and_enter_or_space_answers(case_file):
    async with wizard_at(case_file, "checklist") as (app, pilot):
        assert focused_field_key(app) == "agreement.written"
        await keys(pilot, "right")
        assert app.case.agreement.written is None  # moving is not answering
        await keys(pilot, "tab", "shift+tab", "enter")
        assert app.case.agreement.written is None  # Enter alone passes a question by
        await keys(pilot, "shift+tab", "right", "enter")  # the cursor moved to "Nej"
        assert app.case.agreement.written == "no"
        assert focused_field_key(app) == "agreement.signed_on"
        await keys(pilot, "shift+tab", "left", "space")
        assert app.case.agreement.written == "yes"


async def test_measure_status_has_a_distinct_key_for_each_answer(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.show_step("measures")
        await keys(pilot, "enter")  # Ændret vagtplan
        for key, status in [("a", "tried"), ("g", "ongoing"), ("r", "not_relevant"), ("k", "not_tried")]:
            await keys(pilot, key)  # answers and moves on: back to the question
            assert focused_field_key(app) == "measure.from"
            await keys(pilot, "shift+tab")
            assert app.case.measure("changed_rota").status == status
        await keys(pilot, "escape")


async def test_a_refused_date_stops_next_with_a_message(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "tab", "text:31-02-1966", "ctrl+n")
        assert current_step(app) == "person"
        assert focused_field_key(app) == "person.birth_date"
        assert "findes ikke" in app.screen.query_one("#f-person-birth_date").error_text
        await keys(pilot, "end", "ctrl+u", "text:28-02-1966", "ctrl+n")
        assert current_step(app) == "employment"
    assert saved_case(case_file).person.birth_date == dt.date(1966, 2, 28)


async def test_a_birth_date_in_the_future_is_refused(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "tab", "text:12-03-2030", "enter")
        assert "efter dags dato" in app.screen.query_one("#f-person-birth_date").error_text
        assert app.case.person.birth_date is None


async def test_two_meetings_by_keyboard_and_delete_asks_first(case_file):
    async with wizard_at(case_file, "meetings") as (app, pilot):
        for day, text in [("10-09-2025", "Første"), ("01-10-2025", "Anden")]:
            await keys(pilot, "end", "enter", "text:" + day, "enter", "space", "tab", "text:" + text,
                       "escape")
        assert [m.summary for m in app.case.meetings] == ["Første", "Anden"]
        assert app.case.meetings[0].participants == ["employee"]
        # open the first meeting, press Slet, and say no; then yes
        await keys(pilot, "up", "up", "enter")
        editor = app.screen
        await pilot.click("#editor-delete")
        await pilot.pause()
        await keys(pilot, "enter")  # the focused answer is "Nej, behold"
        assert app.screen is editor and len(app.case.meetings) == 2
        await pilot.click("#editor-delete")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert [m.summary for m in app.case.meetings] == ["Anden"]
    assert [m.summary for m in saved_case(case_file).meetings] == ["Anden"]


async def test_step_titles_are_numbered_like_the_step_list(case_file):
    async with wizard_at(case_file, "meetings") as (app, pilot):
        title = str(app.screen.query_one(".step-title").content)
        assert title == "6 · Møder"  # Selvstændig is left out for an employee


async def test_danish_thousands_in_a_number_field(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.show_step("economy")
        await keys(pilot, "tab", "tab", "text:32.000", "enter")
        assert app.case.economy.full_time_monthly_wage == 32000
        await keys(pilot, "shift+tab", "shift+tab", "end", "ctrl+u", "text:100", "enter")
        assert "højst 80" in app.screen.query_one("#f-economy-paid_hours_per_week").error_text
        await keys(pilot, "ctrl+n")
        assert current_step(app) == "economy"  # not left while the number is refused


async def test_new_without_a_path_goes_straight_to_the_role_question(home):
    app = FleksjobApp(new=True, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "RoleScreen"


async def test_page_down_and_up_change_step_even_in_a_scrolled_step(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.show_step("eligibility")
        await keys(pilot, "pagedown")
        assert current_step(app) == "meetings"
        await keys(pilot, "pageup", "pageup")
        assert current_step(app) == "measures"


def test_every_step_of_the_model_has_its_pane_in_order():
    """The wizard imports a step's module when it is first shown; the table behind that must
    name a pane for every step of the case file, in the model's order, each for its own step."""
    from fleksjob_tui.case.model import STEP_IDS
    from fleksjob_tui.wizard.screens import steps

    assert tuple(steps.PANES) == STEP_IDS
    for step in STEP_IDS:
        assert steps.pane_class(step).step_id == step


@pytest.mark.parametrize("step", ["measures", "meetings"])
async def test_item_editor_fits_80x24_with_its_keys_shown(case_file, step):
    """At 80x24 the editor's Done button is whole (not cut by the window's edge) and the
    footer under it says which key closes it."""
    from textual.widgets import Footer

    from fleksjob_tui.wizard.screens.editor import EditorScreen

    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.show_step(step)
        await pilot.pause()
        await keys(pilot, "enter")
        assert isinstance(app.screen, EditorScreen)
        done = app.screen.query_one("#editor-done")
        box = app.screen.query_one(".editor-box")
        assert done.region.height == 3
        assert done.region.bottom <= box.region.bottom - 1  # inside the box's frame
        assert box.region.bottom <= 23  # the last row is the footer's
        footer = app.screen.query_one(Footer)
        assert footer.region.y == 23 and footer.display


async def test_page_down_and_up_turn_the_pages_of_the_overview(home):
    """The Overblik is read, not answered: PageDown shows its next page (there is more below
    at 80x24); at the bottom, Next has nowhere to go and says so; PageUp goes back up, and at
    the top it changes to the step before."""
    import shutil
    from pathlib import Path

    path = home / "klar.toml"
    shutil.copy(Path(__file__).resolve().parents[2] / "examples" / "klar.toml", path)
    async with wizard_at(path, "summary") as (app, pilot):
        pane = app.screen.pane
        assert pane.max_scroll_y > 0 and pane.scroll_y == 0
        await keys(pilot, "pagedown")
        assert current_step(app) == "summary" and pane.scroll_y > 0
        for _ in range(30):
            if pane.scroll_y >= pane.max_scroll_y:
                break
            await keys(pilot, "pagedown")
        assert pane.scroll_y == pane.max_scroll_y
        await keys(pilot, "pagedown")
        assert any("sidste trin" in n.message for n in app._notifications)
        while pane.scroll_y > 0:
            await keys(pilot, "pageup")
        assert current_step(app) == "summary"
        await keys(pilot, "pageup")
        assert current_step(app) == "economy"


async def test_tab_from_the_last_answer_of_an_editor_lands_on_done(case_file):
    from fleksjob_tui.wizard.screens.editor import EditorScreen

    async with wizard_at(case_file, "meetings") as (app, pilot):
        await keys(pilot, "enter")  # a new meeting
        assert isinstance(app.screen, EditorScreen)
        order = [w.id for w in app.screen.focus_chain]
        assert order.index("editor-done") < order.index("editor-delete")
        assert order[order.index("editor-done") - 1] != "editor-delete"


async def test_a_refused_number_leaves_the_answer_it_had_before(case_file):
    """Typing "250,50" hours passes "25" on the way (a valid number, written at once); when the
    whole text is refused (more than 80), the case must keep the answer from before, not 25."""
    async with wizard_at(case_file, "economy") as (app, pilot):
        await keys(pilot, "tab", "text:18", "tab", "shift+tab")
        assert app.case.economy.paid_hours_per_week == 18
        await keys(pilot, "end", "ctrl+u", "text:250,50", "tab")
        field = app.screen.query_one("#f-economy-paid_hours_per_week")
        assert "80" in field.error_text
        assert app.case.economy.paid_hours_per_week == 18
    assert saved_case(case_file).economy.paid_hours_per_week == 18


async def test_keys_typed_across_tab_in_one_burst_land_in_their_own_fields(case_file):
    async with wizard_at(case_file, "employment") as (app, pilot):
        assert focused_field_key(app) == "employment.employer"
        await burst(app, pilot, *"Nyt Firma", "tab", *"Lager Syd", "tab", *"xyz",
                    "backspace", "backspace", "Q", "tab")
        assert app.case.employment.employer == "Nyt Firma"
        assert app.case.employment.workplace == "Lager Syd"
        assert app.case.employment.job_title == "xQ"


async def test_an_unanswered_question_does_not_look_answered(case_file):
    """With the cursor in an unanswered Ja/Nej question no answer is drawn as picked, so Enter
    (which moves on) surprises no one; ←/→ or Space show the cursor, and Enter then picks it."""

    async with wizard_at(case_file, "employment") as (app, pilot):
        await keys(pilot, "tab", "tab", "tab", "tab", "tab", "tab")
        assert focused_field_key(app) == "employment.has_social_chapter"
        choice = app.screen.query_one("#f-employment-has_social_chapter Choice")
        assert not any("reverse" in str(span.style) for span in choice.render().spans)
        await keys(pilot, "space")
        assert choice.value is None  # the first Space only shows where the cursor is
        assert any("reverse" in str(span.style) for span in choice.render().spans)
        await keys(pilot, "right", "enter")
        assert app.case.employment.has_social_chapter == "no"


async def test_answers_and_step_changes_typed_together_never_crash(home, monkeypatch):
    """An answer, Enter and a step change in one burst (a fast typist, a macro): the change
    message of the old step arrives while the next step is being built. The wizard must keep
    running; also Escape and Enter together on the export window close it once."""
    from fleksjob_tui.case import examples as example_cases
    from fleksjob_tui.wizard.screens.wizard import WizardScreen

    monkeypatch.chdir(home)  # an export typed by the burst lands here, not in the project
    for lang in ("en", "da"):
        app = FleksjobApp(lang=lang, as_of=AS_OF, folder=home)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            case = example_cases.load("klar", lang=lang)
            case.case.last_step = "checklist"
            app.open_case(case, None, read_only=True)
            await pilot.pause()
            for keys_together, wait in ((("tab",), 0.1), (("space",), 0.1),
                                        (("enter", "pageup"), 0.3), (("ctrl+n", "enter"), 0.1),
                                        (("j", "ctrl+n", "ctrl+b", "ctrl+n"), 0.3)):
                await burst(app, pilot, *keys_together)
                await pilot.pause(wait)
                assert app.return_code is None
            await app.screen.show_step("summary")
            await pilot.pause()
            await burst(app, pilot, "ctrl+e", "escape", "enter", "escape")
            await pilot.pause(0.3)
            assert app.return_code is None
            assert any(isinstance(s, WizardScreen) for s in app.screen_stack)
