"""The first frame builds only what it shows (issue 26): a step's first screenful is mounted
with the screen, the rest of the step (its later questions, what is missing, Back and Next)
right after the first paint — and nothing a person does can tell: keys typed before the rest is
there land where they would have landed, the Tab order and the cursor's place are the same."""

from __future__ import annotations

import datetime as dt

import pytest
from textual import events
from wizard_helpers import AS_OF, burst, focused_field_key

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.wizard.app import FleksjobApp
from fleksjob_tui.wizard.screens.base import StepPane
from fleksjob_tui.wizard.screens.wizard import WizardScreen
from fleksjob_tui.wizard.widgets.fields import QuestionField

_NAMED = {" ": "space", "-": "minus", ".": "full_stop", ",": "comma"}


def chars(text: str) -> list[str]:
    """The keys that type ``text``."""
    return [_NAMED.get(ch, ch) for ch in text]


def case_at(tmp_path, step: str) -> Case:
    case = Case.new(role="union_rep", title="Mette Hansen - fleksjob")
    case.person.self_employed = False
    case.case.last_step = step
    path = tmp_path / "sag.toml"
    storage.save_case(case, path)
    return path


#: The whole employment step, typed in one go (Tab between fields; J answers Ja and moves on).
EMPLOYMENT = [
    *chars("Nordisk Emballage A/S"), "tab", *chars("Lager Syd"), "tab", *chars("Pakker"),
    "tab", *chars("37"), "tab", *chars("25,5"), "tab", *chars("Industriens overenskomst"),
    "tab", "j", *chars("01-02-2026"), "tab", *chars("Ole Jensen"), "tab",
    *chars("Hanne Berg"), "tab", *chars("3F"), "tab", *chars("Susanne Holm"),
]


def type_at_first_frame(monkeypatch, keys: list[str]) -> dict:
    """Post ``keys`` (all at once, as a fast typist's arrive) the moment the wizard's screen
    has its first screenful — before the first paint and before the rest of the step is
    mounted. Returns what the step had then (``building``, ``shown``: the questions built)."""
    named = {"space": " ", "enter": "\r", "tab": "\t", "minus": "-", "full_stop": ".",
             "comma": ","}
    seen: dict = {}
    mounted = WizardScreen.on_mount

    def on_mount(self) -> None:
        mounted(self)
        seen["building"] = self.pane.building
        seen["shown"] = [f.qkey for f in self.pane.query(QuestionField)]
        for key in keys:
            self.app.post_message(events.Key(key, key if len(key) == 1 else named.get(key)))

    monkeypatch.setattr(WizardScreen, "on_mount", on_mount)
    return seen


async def settle(app, pilot) -> None:
    """Until every key typed has taken its effect (as wizard_helpers.burst waits)."""
    for _ in range(400):
        await pilot.pause()
        if not app.keys_pending:
            break
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_whole_step_typed_at_full_speed_right_after_start(tmp_path, monkeypatch, size):
    seen = type_at_first_frame(monkeypatch, EMPLOYMENT)
    app = FleksjobApp(case_at(tmp_path, "employment"), as_of=AS_OF)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        pane = app.screen.pane
        # The keys came while the first frame had the first questions only.
        assert seen["building"]
        assert seen["shown"] and "people.hr" not in seen["shown"]
        assert not pane.building
        e, p = app.case.employment, app.case.people
        assert (e.employer, e.workplace, e.job_title) == (
            "Nordisk Emballage A/S", "Lager Syd", "Pakker")
        assert (e.normal_weekly_hours, e.current_weekly_hours) == (37, 25.5)
        assert e.collective_agreement == "Industriens overenskomst"
        assert e.has_social_chapter == "yes"
        assert e.special_terms_start == dt.date(2026, 2, 1)
        assert (p.manager, p.union_rep, p.union, p.hr) == (
            "Ole Jensen", "Hanne Berg", "3F", "Susanne Holm")
        assert focused_field_key(app) == "people.hr"
        # Every answer is in its own field on the screen too, and is saved by the autosave.
        fields = {f.qkey: f for f in pane.query(QuestionField)}
        assert fields["people.hr"].query_one(".q-input").value == "Susanne Holm"
        assert fields["employment.employer"].query_one(".q-input").value == (
            "Nordisk Emballage A/S")
        await pilot.pause(0.7)
        saved = storage.load_case(app.path)
        assert saved.people.hr == "Susanne Holm"
        assert saved.employment.special_terms_start == dt.date(2026, 2, 1)


async def test_the_rest_of_a_step_comes_in_the_order_it_is_built_in(tmp_path):
    """Tab order: the fields mounted after the first paint follow those of the first frame, and
    the findings and Back / Next come last — as when the step is built at once."""
    app = FleksjobApp(case_at(tmp_path, "employment"), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.pane
        first = [f.qkey for f in pane.query(QuestionField)]
        await pilot.pause()
        await app.screen.finish_building()
        order = [w.id or " ".join(sorted(w.classes)) for w in pane.children]
        everything = [f.qkey for f in pane.query(QuestionField)]
        # 12 about the employment and the people, 4 about who sends the municipality's version
        assert everything[:len(first)] == first and len(everything) == 16
        assert order[-2:] == ["step-findings", "nav"]
        # What the assessment says about the step is shown once it is all there.
        assert str(pane.query_one(".step-findings").content)


async def test_a_step_opened_later_is_built_the_same_way(tmp_path):
    app = FleksjobApp(case_at(tmp_path, "person"), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.show_step("employment")
        pane = app.screen.pane
        assert pane.building
        await burst(app, pilot, *chars("Nordisk Emballage A/S"), "tab", *chars("Lager Syd"))
        assert not pane.building
        assert app.case.employment.employer == "Nordisk Emballage A/S"
        assert app.case.employment.workplace == "Lager Syd"
        assert focused_field_key(app) == "employment.workplace"


async def test_a_reopened_step_with_every_answer_given_has_the_cursor_on_next(tmp_path):
    """The cursor goes to Next, below the first screenful: there as soon as it is mounted."""
    case = Case.new(role="union_rep", title="Sag")
    p = case.person
    p.name, p.birth_date, p.home_municipality = "Mette", dt.date(1970, 3, 1), "Aarhus"
    p.self_employed = False
    p.receives_disability_pension = p.disability_pension_claim_pending = "no"
    p.sick_leave, p.full_name = "no", "Mette Hansen"  # the step's newest questions too
    case.case.last_step = "person"
    path = tmp_path / "sag.toml"
    storage.save_case(case, path)
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.finish_building()
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "nav-next"
        await burst(app, pilot, "enter")
        assert app.screen.step == "employment"


async def test_tabs_typed_before_the_rest_is_mounted_reach_the_questions_below(tmp_path,
                                                                               monkeypatch):
    """Tab past the last question of the first frame before the rest is there (here: the first
    paint never comes by itself, so only the keys can bring the rest): the cursor goes on to
    the next question, mounted first, not round to the step list."""
    later = StepPane.call_after_refresh

    def no_paint_yet(self, callback, *args, **kwargs):
        if getattr(callback, "__name__", "") == "mount_rest":
            return True
        return later(self, callback, *args, **kwargs)

    monkeypatch.setattr(StepPane, "call_after_refresh", no_paint_yet)
    keys = ["tab"] * 9 + chars("Hanne Berg")  # the 10th question: Tillidsrepræsentant
    seen = type_at_first_frame(monkeypatch, keys)
    app = FleksjobApp(case_at(tmp_path, "employment"), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert seen["building"] and "people.union_rep" not in seen["shown"]
        assert not app.screen.pane.building
        assert app.case.people.union_rep == "Hanne Berg"
        assert focused_field_key(app) == "people.union_rep"


async def test_the_start_screen_with_a_long_list_shows_a_screenful_first(tmp_path,
                                                                         monkeypatch):
    """The first frame lists the cases that fit (and as many below the cursor); the rest is
    added right after the first paint, and End then goes to the last case of the whole list."""
    from fleksjob_tui.wizard.screens.start import StartScreen

    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(60):
        case = Case.new(title=f"Sag {i:02d}", role="employee")
        case.case.updated = base - dt.timedelta(days=i)  # the newest (the cursor's) first
        storage.save_case(case, tmp_path / f"sag-{i:02d}.toml", touch=False, backup=False)
    seen: dict = {}
    mounted = StartScreen.on_mount

    def on_mount(self) -> None:
        mounted(self)
        seen["rows"] = self.query_one("#start-menu").option_count

    monkeypatch.setattr(StartScreen, "on_mount", on_mount)
    app = FleksjobApp(as_of=AS_OF, folder=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.finish_building()  # a no-op when it came after the first paint
        assert 3 + 10 <= seen["rows"] < 3 + 60
        assert app.screen.query_one("#start-menu").option_count == 3 + 60
        await burst(app, pilot, "end")
        assert app.screen.highlighted_entry() is app.screen.entries[-1]


async def test_a_case_open_only_for_reading_is_locked_from_the_first_frame(tmp_path,
                                                                          monkeypatch):
    """Every answer shown, none can be changed: the questions of the first frame are locked
    in it, and those mounted after it as they come."""
    seen: dict = {}
    mounted = WizardScreen.on_mount

    def on_mount(self) -> None:
        mounted(self)
        seen["building"] = self.pane.building
        seen["locked"] = [w.disabled for w in self.pane.query(".q-input")]

    monkeypatch.setattr(WizardScreen, "on_mount", on_mount)
    path = case_at(tmp_path, "employment")
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_case(storage.load_case(path), path, read_only=True)
        await pilot.pause()
        await app.screen.finish_building()
        await pilot.pause()
        assert seen["building"] and seen["locked"] and all(seen["locked"])
        inputs = list(app.screen.pane.query(".q-input"))
        assert len(inputs) == 16 and all(w.disabled for w in inputs)
        assert app.focused is not None and app.focused.id == "nav-next"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_keys_typed_at_once_on_a_step_reopened_far_down_land_in_their_fields(
        tmp_path, monkeypatch, size):
    """A reopened case whose cursor is far down its step (the person step's 8th question,
    below the first screenful, which is built from the top): keys typed at full speed right
    after the start — an answer, Tab, a name, five Shift+Tab back up into the first screenful
    and a municipality — each land in their own field, and the autosave keeps them."""
    from fleksjob_tui.case.model import SICK_LEAVE

    case = Case.new(role="union_rep", title="Mette Hansen - fleksjob")
    p = case.person
    p.name, p.birth_date = "Mette", dt.date(1970, 3, 1)
    p.self_employed = False
    p.receives_disability_pension = p.disability_pension_claim_pending = "no"
    case.case.last_step = "person"
    path = tmp_path / "sag.toml"
    storage.save_case(case, path)
    keys = ["right", "right", "space", "tab", *chars("Mette Hansen"),
            *["shift+tab"] * 5, *chars("Aarhus")]
    seen = type_at_first_frame(monkeypatch, keys)
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert seen["building"] and "person.sick_leave" not in seen["shown"]
        assert "person.home_municipality" in seen["shown"]
        assert not app.screen.pane.building
        p = app.case.person
        assert p.sick_leave == SICK_LEAVE[2]
        assert p.full_name == "Mette Hansen"
        assert p.home_municipality == "Aarhus"
        assert (p.name, p.self_employed, p.receives_disability_pension) == ("Mette", False, "no")
        assert focused_field_key(app) == "person.home_municipality"
        fields = {f.qkey: f for f in app.screen.pane.query(QuestionField)}
        assert fields["person.full_name"].query_one(".q-input").value == "Mette Hansen"
        assert fields["person.home_municipality"].query_one(".q-input").value == "Aarhus"
        await pilot.pause(0.7)
        saved = storage.load_case(app.path)
        assert (saved.person.full_name, saved.person.home_municipality) == (
            "Mette Hansen", "Aarhus")
        assert saved.person.sick_leave == SICK_LEAVE[2]


async def test_the_footer_has_its_keys_from_the_first_frame_and_follows_them(tmp_path):
    """The footer's keys are composed with the screen (not a frame later), and the footer is
    composed again when the keys it shows change (Next and Back refused behind the "too
    small" note hides them, and back), not when the cursor moves and the keys stay the same."""
    from textual.widgets._footer import FooterKey

    from fleksjob_tui.wizard.widgets.keyfooter import KeyFooter

    app = FleksjobApp(case_at(tmp_path, "person"))
    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        first = list(footer.query(FooterKey))
        assert [key.key for key in first][:3] == ["f1", "ctrl+n", "ctrl+b"]
        assert all(key.has_class("-compact") for key in first)
        await pilot.pause()
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert list(footer.query(FooterKey)) == first  # the same keys: not composed again

        def shown() -> set[str]:
            return {key.key for key in footer.query(FooterKey)}

        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        await pilot.pause()
        assert "f1" in shown() and not {"ctrl+n", "ctrl+b"} & shown()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert {"ctrl+n", "ctrl+b", "ctrl+l"} <= shown()


async def test_keys_typed_before_the_first_screen_is_built_land_in_its_fields(tmp_path,
                                                                             monkeypatch):
    """The first screen is built just after Textual's start (App.on_mount → call_later): keys
    that arrive before that (typed while the program starts) wait for it and land in the
    step's fields, in order — none goes to Textual's empty first screen."""
    named = {"space": " ", "tab": "\t", "minus": "-", "full_stop": ".", "comma": ","}
    mounted = FleksjobApp.on_mount

    def on_mount(self) -> None:
        for key in EMPLOYMENT:  # queued before the first screen is built
            self.post_message(events.Key(key, key if len(key) == 1 else named.get(key)))
        mounted(self)
        assert self.first_screen_due and not isinstance(self.screen, WizardScreen)

    monkeypatch.setattr(FleksjobApp, "on_mount", on_mount)
    app = FleksjobApp(case_at(tmp_path, "employment"), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        e, p = app.case.employment, app.case.people
        assert (e.employer, e.workplace, e.job_title) == (
            "Nordisk Emballage A/S", "Lager Syd", "Pakker")
        assert e.special_terms_start == dt.date(2026, 2, 1)
        assert (p.manager, p.union_rep, p.union, p.hr) == (
            "Ole Jensen", "Hanne Berg", "3F", "Susanne Holm")
        assert focused_field_key(app) == "people.hr"


async def test_keys_read_before_the_first_screen_has_its_cursor_are_not_lost(tmp_path,
                                                                            monkeypatch):
    """Keys typed while the program starts are read from the terminal once Textual runs: just
    after the first screen is built, before its cursor is placed (found in tmux: "xyz" typed
    at the start was saved as "yz"). They wait for the cursor, and none is lost."""
    built = FleksjobApp._first_screen

    def first_screen(self) -> None:
        built(self)
        for key in "xyz":  # read from the terminal now: the cursor is not placed yet
            self.post_message(events.Key(key, key))

    monkeypatch.setattr(FleksjobApp, "_first_screen", first_screen)
    app = FleksjobApp(case_at(tmp_path, "employment"), as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.case.employment.employer == "xyz"
        assert focused_field_key(app) == "employment.employer"


def _post_before_first_screen(monkeypatch, keys: str) -> None:
    """Post ``keys`` (letters) the moment the app starts, before its first screen is built:
    as keys typed while the program starts are read from the terminal."""
    mounted = FleksjobApp.on_mount

    def on_mount(self) -> None:
        for key in keys:
            self.post_message(events.Key(key, key))
        mounted(self)

    monkeypatch.setattr(FleksjobApp, "on_mount", on_mount)


async def test_a_new_case_answered_at_once_keeps_every_letter(tmp_path, monkeypatch):
    """`fleksjob new`, then "m" (the employee fills it in) and a name typed at once: the name
    reaches its field whole (a tester saw "Ab" saved as "b" in 4 of 12 tries: the letter came
    while the role window was being closed, before the wizard had its cursor)."""
    _post_before_first_screen(monkeypatch, "mAb")
    path = tmp_path / "ny.toml"
    app = FleksjobApp(path, new=True, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, WizardScreen)
        assert app.case.role == "employee"
        assert app.case.person.name == "Ab"
        assert focused_field_key(app) == "person.name"


async def test_letters_typed_at_once_reach_a_question_below_the_first_screenful(tmp_path,
                                                                                monkeypatch):
    """A reopened case whose cursor is below the step's first screenful gets its cursor only
    when the rest is mounted: letters typed at the start wait for it (a tester saw "xyz" saved
    as "yz" on Ansættelsen of the example "venter", 3 of 3 tries)."""
    import shutil
    from pathlib import Path

    path = tmp_path / "venter.toml"
    examples = Path(__file__).resolve().parents[2] / "fleksjob_tui" / "content" / "examples"
    shutil.copy(examples / "venter.toml", path)
    case = storage.load_case(path)
    case.case.last_step = "employment"
    case.people.hr = None
    storage.save_case(case, path)
    _post_before_first_screen(monkeypatch, "xyz")
    app = FleksjobApp(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert focused_field_key(app) == "people.hr"
        assert app.case.people.hr == "xyz"


async def test_a_window_answer_on_its_way_to_the_screen_below_holds_the_next_key(tmp_path):
    """A key waits while an answer is on its way (a window's result goes to the screen below it
    as a callback, which shows the wizard): the screen below is not the current one, and its
    pending callback used to go unnoticed, so the next key reached the wrong screen."""
    from fleksjob_tui.wizard.screens.role import RoleScreen

    app = FleksjobApp(tmp_path / "ny.toml", new=True, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RoleScreen)
        below = app.screen_stack[-2]
        assert app._quiet()
        below.call_next(lambda: None)  # as the window's answer is handed to it
        assert not app._quiet()
        await pilot.pause()
        assert app._quiet()



async def test_an_enter_typed_while_the_program_starts_is_an_enter(tmp_path, monkeypatch):
    """Before Textual takes over the keyboard, the terminal turns Return into a newline, which
    arrives as Ctrl+J: typed at the start ("↓ Enter" on the role window, then a name), it is
    the Enter the person typed (a tester saw the role window stay open and the name lost)."""
    mounted = FleksjobApp.on_mount

    def on_mount(self) -> None:
        for key, char in [("down", None), ("ctrl+j", "\n"), ("A", "A"), ("b", "b")]:
            self.post_message(events.Key(key, char))
        mounted(self)

    monkeypatch.setattr(FleksjobApp, "on_mount", on_mount)
    app = FleksjobApp(tmp_path / "ny.toml", new=True, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, WizardScreen)
        assert app.case.role == "union_rep"
        assert app.case.person.name == "Ab"
