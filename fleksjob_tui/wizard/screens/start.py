"""The start screen: a new case, one of the cases in the case folder, a file by path, or an example
case to explore.

The saved cases are a caseload (issue 25): each with its status in words, the next date that
matters, what it is and who acts (:mod:`fleksjob_tui.view.caseload`, kept in the folder's index),
sorted by that date; F3 (or S) sorts by last change instead. A date that has passed is said in words
("OVER DATOEN: 7 dage"), not by colour alone."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ... import content
from ...case import examples as example_cases
from ...case import storage
from ...case.model import Case
from ...view import index as case_index
from ...view.caseload import sort_key, step_words
from ..widgets.host import MIN_HEIGHT, MIN_WIDTH, WizardHost, host_of
from ..widgets.i18n import localize_bindings
from .editor import AskTextScreen, ConfirmScreen
from .role import RoleScreen


class StartScreen(Screen):
    BINDINGS = [
        # Offered in the footer only while there is a saved case to delete; on an empty list
        # the same key says that there is nothing to delete (the hidden binding below).
        Binding("delete", "delete_case", "key.delete_case"),
        Binding("delete", "nothing_to_delete", show=False),
        # F3 (or S) switches the order of the cases; the footer names the other order.
        Binding("f3,s", "sort_changed", "key.sort_changed"),
        Binding("f3,s", "sort_date", "key.sort_date"),
    ]

    #: Rows of saved cases shown with the first paint at least; a longer list gets the rest
    #: just after it (see fill_menu).
    FIRST_ROWS = 10
    #: (generation, first row) of the saved cases still to be added after the first paint.
    _pending_rows: tuple[int, int] | None = None

    def __init__(
        self, *, error: str | None = None, new: bool = False, new_path: Path | None = None
    ) -> None:
        super().__init__()
        self.error = error
        self.new_path = new_path
        self.start_new = new or new_path is not None  # `fleksjob new [PATH]`: straight to a new case
        self.entries: list[case_index.Entry] = []
        self.by_date = True  # the caseload's order: by next date (S: by last change)
        self._fill_generation = 0
        localize_bindings(self, self.fj.lang)

    @property
    def fj(self) -> WizardHost:
        return host_of(self)

    def t(self, key: str, **fmt) -> str:
        return content.ui(key, self.fj.lang, **fmt)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start-body"):
            yield Static(self.t("start.welcome"), id="start-welcome")
            yield Static("", id="start-error", classes="q-error")
            yield Static("", id="start-sort")
            yield OptionList(id="start-menu")
        yield Static(self.t("too_small", width=60, height=20), id="too-small", classes="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self.fj.title = self.t("app.title")
        self.fj.sub_title = self.t("start.subtitle")
        if self.error:
            self.show_error(self.error)
        self.fill_menu()
        self.query_one("#start-menu").focus()
        self._apply_size(self.size.width, self.size.height)
        if self.start_new:
            self.new_case()
        elif os.environ.get("FLEKSJOB_BENCH_EXIT_AFTER_PAINT"):
            # benchmarks/run.py: stop as soon as the list has been painted.
            self.call_after_refresh(self.call_after_refresh, self.app.exit)

    def show_error(self, message: str | None) -> None:
        box = self.query_one("#start-error", Static)
        box.update(message or "")
        box.set_class(bool(message), "-shown")

    def fill_menu(self, keep: Path | None = None) -> None:
        lang = self.fj.lang
        options: list[Option | None] = [
            Option(Text(self.t("start.new"), style="bold"), id="new"),
            Option(self.t("start.open_path"), id="open_path"),
            Option(self.t("start.example"), id="example"),
        ]
        # From the folder's small index: only files changed since the last listing are read
        # and validated again (1,000 cases are listed as fast as a few).
        self.entries = case_index.list_entries(self.fj.case_folder(), self.fj.as_of, lang)
        # The index gives newest first (the "last changed" order); the caseload sorts by date.
        newest = next((e for e in self.entries if e.readable), None)
        if self.by_date:
            as_of = self.fj.as_of
            self.entries.sort(key=lambda e: sort_key(e.step, as_of, e.title or e.path.name))
        # The cursor: on the case it was on (``keep``), else on the case worked on last.
        last = next((i for i, e in enumerate(self.entries) if e.path == keep), None)
        if last is None:
            last = next((i for i, e in enumerate(self.entries) if e is newest), None)
        self.query_one("#start-sort", Static).update(
            content.text("caseload", "start.by_date" if self.by_date else "start.by_changed", lang)
            if self.entries else "")
        # The first screenful is shown at once; the rest of a long list is added right after
        # the first paint (laying out 1,000 rows would otherwise hold the first paint back).
        # A screenful is what fits (two lines a case), and as many below the cursor's case.
        screenful = max(self.FIRST_ROWS, self.app.size.height // 2)
        shown = max(screenful, (last or 0) + screenful)
        self._fill_generation += 1
        self._pending_rows = None
        if self.entries:
            options.append(None)
            for i, entry in enumerate(self.entries[:shown]):
                options.append(Option(self._entry_prompt(entry), id=f"case-{i}"))
            if len(self.entries) > shown:
                self._pending_rows = (self._fill_generation, shown)
                self.call_after_refresh(self.finish_building)
        else:
            options.append(None)
            options.append(
                Option(Text(self.t("start.no_cases", folder=str(self.fj.case_folder())), style="italic"),
                       id="none", disabled=True)
            )
        menu = self.query_one("#start-menu", OptionList)
        menu.set_options(options)
        # A returning user most likely goes on with the case they worked on last: the cursor is
        # on the readable case with the newest `updated` (the list is newest first; a file that
        # cannot be read is never chosen for them). Enter continues it; "Start en ny sag" is at
        # the top.
        menu.highlighted = 3 + last if last is not None else 0
        self.refresh_bindings()  # "Slet sag" in the footer only with a case to delete

    async def finish_building(self) -> None:
        """The rest of a long list, right after the first paint (or at once when a key comes
        first: app.on_event asks, so End or ↓ typed at once goes where it would have gone)."""
        if self._pending_rows is not None:
            pending, self._pending_rows = self._pending_rows, None
            self._add_rows(*pending)

    def _add_rows(self, generation: int, start: int) -> None:
        if generation != self._fill_generation or not self.is_mounted:
            return  # the list was filled again since (after a delete)
        menu = self.query_one("#start-menu", OptionList)
        menu.add_options(Option(self._entry_prompt(entry), id=f"case-{i}")
                         for i, entry in enumerate(self.entries[start:], start))

    def _entry_prompt(self, entry: case_index.Entry) -> Text:
        text = Text()
        title = entry.title or entry.path.name
        text.append(title, style="bold")
        if entry.person_name:
            text.append(f" · {entry.person_name}")
        if entry.readable and entry.status:
            text.append(f" — {self.t(f'status_short.{entry.status}')}")
        if not self.by_date:  # sorted by the last change: it is said on the first line
            when = (entry.updated.astimezone().strftime("%d-%m-%Y %H:%M") if entry.updated
                    else "?")
            text.append(" · " + content.text("caseload", "start.changed", self.fj.lang,
                                             when=when))
        text.append("\n\u00a0\u00a0")  # no-break spaces: the list keeps the indent
        if not entry.readable or entry.step is None:
            text.append(self.t("start.unreadable"), style="bold")
            return text
        # The next step: its date (past ones say so in words), who acts and what.
        date, what, who, past = step_words(entry.step, self.fj.as_of, self.fj.lang)
        if entry.step.actor is None:  # nothing to act on by a date
            text.append(what, style="italic")
        else:
            text.append(date, style="bold")
            if past:
                text.append(" · ")
                text.append(past, style="bold reverse")
            text.append(f" · {who}: {what}")
        return text

    def action_sort_changed(self) -> None:
        self._sort(by_date=False)

    def action_sort_date(self) -> None:
        self._sort(by_date=True)

    def _sort(self, *, by_date: bool) -> None:
        """Switch the order of the cases, keeping the cursor on the case it was on."""
        at = self.highlighted_entry()
        self.by_date = by_date
        self.fill_menu(keep=at.path if at is not None else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        if choice == "new":
            self.new_case()
        elif choice == "open_path":
            self.open_path()
        elif choice == "example":
            self.open_example()
        elif choice.startswith("case-"):
            entry = self.entries[int(choice.split("-", 1)[1])]
            try:  # read and validated now: what is opened is what is on disk
                case = storage.load_case(entry.path, lang=self.fj.lang)
            except storage.CaseFileError as err:
                self.show_error(err.message(self.fj.lang))
                return
            self.fj.open_case(case, entry.path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_case":
            return bool(self.entries)
        if action == "nothing_to_delete":
            return not self.entries
        if action in ("sort_changed", "sort_date"):
            return bool(self.entries) and self.by_date == (action == "sort_changed")
        return True

    def action_nothing_to_delete(self) -> None:
        self.notify(content.text("start", "nothing_to_delete", self.fj.lang))

    def highlighted_entry(self) -> case_index.Entry | None:
        """The saved case under the cursor in the list, if the cursor is on one."""
        menu = self.query_one("#start-menu", OptionList)
        if menu.highlighted is None:
            return None
        choice = menu.get_option_at_index(menu.highlighted).id or ""
        if not choice.startswith("case-"):
            return None
        return self.entries[int(choice.split("-", 1)[1])]

    @work(exclusive=True)
    async def action_delete_case(self) -> None:
        """Delete the highlighted case (and its kept previous version) after asking."""
        entry = self.highlighted_entry()
        if entry is None:
            self.notify(self.t("start.delete_hint"))
            return
        title = entry.title or entry.path.name
        if entry.person_name:
            title += f" · {entry.person_name}"  # titles alike ("Sag 23-11-2026"): say whose
        question = self.t("start.confirm_delete", title=title)
        yes = await self.app.push_screen_wait(
            ConfirmScreen(question, self.fj.lang, yes=self.t("editor.delete"))
        )
        if not yes:
            return
        try:
            storage.delete_case(entry.path, lang=self.fj.lang)
        except storage.CaseFileError as err:
            self.show_error(err.message(self.fj.lang))
            return
        self.show_error(None)
        self.notify(self.t("start.deleted", file=entry.path.name))
        menu = self.query_one("#start-menu", OptionList)
        at = menu.highlighted or 0
        self.fill_menu()
        menu.highlighted = min(at, menu.option_count - 1) if self.entries else 0

    def new_case(self) -> None:
        # Answered in the window's callback, not in a worker that waits for it: the wizard is
        # then shown as part of the answer, before a key typed after it is handed on (a worker
        # went on a moment later, and a letter typed fast reached this screen and was lost).
        self.app.push_screen(RoleScreen(self.fj.lang), callback=self._role_chosen)

    def _role_chosen(self, role: str | None) -> None:
        if role is None:
            return
        case = Case.new(role=role, language=self.fj.lang)
        case.case.title = self.t("start.default_title", date=self.fj.as_of.strftime("%d-%m-%Y"))
        folder = self.fj.case_folder()
        path = self.new_path or storage.new_case_path(folder, case.case.title)
        self.fj.open_case(case, path)
        self.fj.save()

    @work(exclusive=True)
    async def open_path(self) -> None:
        text = await self.app.push_screen_wait(
            AskTextScreen(self.t("start.ask_path"), self.fj.lang, lost_as=self.t("quit.open_path"),
                          lost_key="quit.typed_path")
        )
        if not text:
            return
        path = Path(text).expanduser()
        try:
            case = storage.load_case(path, lang=self.fj.lang)
        except storage.CaseFileError as err:
            self.show_error(err.message(self.fj.lang))
            return
        self.fj.open_case(case, path)

    @work(exclusive=True)
    async def open_example(self) -> None:
        from .examples import ExampleScreen

        name = await self.app.push_screen_wait(ExampleScreen(self.fj.lang))
        if not name:
            return
        try:
            case = example_cases.load(name, lang=self.fj.lang)
        except storage.CaseFileError as err:
            self.show_error(err.message(self.fj.lang))
            return
        self.fj.open_case(case, None, read_only=True)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    def help_text(self) -> tuple[str, str]:
        return self.t("app.title"), self.t("help.start")
