"""The Textual app: owns the case, its file, the assessment and the autosave.

Data flows one way: a step writes an answer into ``app.case`` → ``app.case_changed()`` recomputes
the assessment with the rules engine → the step list, the step's own status lines and the summary
read that one assessment; a save is scheduled. No screen computes eligibility itself.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from .. import content
from ..case import storage, watch
from ..case.model import STEP_IDS, Case, new_case_id
from ..rules import assess
from ..rules.types import Assessment
from .leaving import Leaving
from .widgets import stylecache
from .widgets.host import MIN_HEIGHT, MIN_WIDTH  # noqa: F401 - the app's size, one place
from .widgets.i18n import localize_bindings
from .widgets.keynames import key_name
from .widgets.keyorder import KeysInOrder

SAVE_DELAY = 0.5  # seconds: answers are saved this long after the last change

def today() -> dt.date:
    """The date of the check: today, or ``FLEKSJOB_AS_OF`` (YYYY-MM-DD) for tests and demos."""
    fixed = os.environ.get("FLEKSJOB_AS_OF")
    if fixed:
        return dt.date.fromisoformat(fixed)
    return dt.date.today()


class FleksjobApp(KeysInOrder, Leaving, App[None]):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "Fleksjob"
    #: Seconds between looks at the case file (has another window changed it?).
    WATCH_INTERVAL = 1.0

    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True),
        Binding("f1", "help", "key.help"),
        Binding("f2", "save_as", "key.save_as"),
        # Tab moves the cursor at once, before the keys typed after it are handed to a field:
        # typed fast ("Nyt Firma⇥Lager Syd"), each text lands in its own field. (Textual's own
        # Tab binding runs only after the key has passed the focused field, too late.)
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
        # Enter in a one-line answer likewise: the answer is taken and the cursor moves on
        # before the next keys are handed out ("KL⏎10-05-1966" typed fast: each in its field).
        Binding("enter", "submit_field", show=False, priority=True),
        # An answer's letter (J / N / V …) in a Ja/Nej question, for the same reason.
        *[Binding(ch, f"answer_key('{ch}')", show=False, priority=True)
          for ch in "abcdefghijklmnopqrstuvwxyzæøå"],
    ]

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        lang: str | None = None,
        new: bool = False,
        as_of: dt.date | None = None,
        folder: str | os.PathLike[str] | None = None,
        case: Case | None = None,
    ) -> None:
        stylecache.install()  # the stylesheets as parsed on an earlier start (faster first paint)
        super().__init__()
        #: The case at ``path`` when the caller has already loaded it (saves a second read).
        self.start_case = case
        self.lang = lang or "da"
        self.start_path = Path(path) if path else None
        self.start_new = new
        self.as_of = as_of or today()
        self.folder = Path(folder) if folder else None
        self.case: Case | None = None
        self.path: Path | None = None
        self.read_only = False
        self.assessment: Assessment | None = None
        self.last_saved: dt.datetime | None = None
        self.save_error: str | None = None
        self._save_timer = None
        self._dirty = False
        self._lock = None  # locking.CaseLock on self.path while we may write it
        self._backed_up: Path | None = None  # the file whose previous version is kept (.bak)
        self._saved_answers: dict | None = None  # ... as last saved: unchanged = same "updated"
        self._written: dict | None = None  # the whole case as read or written: unchanged = no save
        #: The editors open on a new item: it reaches the file only once they let it go.
        self.open_editors: list = []
        #: The case file as this window last read or wrote it (see :mod:`fleksjob_tui.case.watch`).
        self._seen: watch.Fingerprint | None = None
        self._asking_changed = False  # the "changed in another window" question is shown
        self._watch_timer = None
        #: FLEKSJOB_NO_BLINK=1 turns the text cursor's blinking off (stable snapshots, calmer eyes).
        self.cursor_blink = not os.environ.get("FLEKSJOB_NO_BLINK")
        localize_bindings(self, self.lang)

    # ── start ────────────────────────────────────────────────────────────────────────────────
    def on_mount(self) -> None:
        self.title = self.t("app.title")
        # `fleksjob open` starts with Python's garbage collector off (cli.main): a step turns it
        # on once its first screen is painted (StepPane), any other first screen right after.
        self.guard_signals()
        # The first screen is built once Textual has finished starting (issue 26): built in its
        # start (a "batch" that shows nothing) it was drawn for nothing and again ~50 ms later,
        # after a wait for Textual's next update. A key typed before waits for it (KeysInOrder).
        self.first_screen_due = True
        self.call_later(self._first_screen)

    def _first_screen(self) -> None:
        self.first_screen_due = False
        try:
            self._build_first_screen()
        finally:
            self.release_held_keys()

    def _build_first_screen(self) -> None:
        error = None
        if self.start_path is not None and not self.start_new:
            try:
                case = self.start_case or storage.load_case(self.start_path, lang=self.lang)
            except storage.CaseFileError as err:
                error = err.message(self.lang)
            else:
                self.open_case(case, self.start_path)  # the start screen is not needed (faster)
                return
        from .screens.start import StartScreen  # only when it is shown

        self.push_screen(StartScreen(error=error, new=self.start_new,
                                     new_path=self.start_path if self.start_new else None))
        self.call_after_refresh(self.first_screen_painted)

    def first_screen_painted(self) -> None:
        """Python's garbage collector on again, when the command line turned it off for the
        start (cli.main; issue 26: collections while the program starts cost ~5 % of the
        instructions to the first paint). What the start made is set aside for a while
        (``gc.freeze``: the first collection now would go through all of it, on the way to the
        rest of the step) and handed back to the collector a few seconds later."""
        if gc.isenabled():  # not turned off (tests, a second call): nothing to do
            return
        gc.freeze()
        gc.enable()
        self.set_timer(5.0, gc.unfreeze)

    def _on_resize(self, event) -> None:
        # The terminal tells its size once more as the app starts; Textual would then lay out
        # every screen again at the next idle moment, before the first paint, though nothing
        # changed. A size the app has already passed on changes nothing: Textual is not asked.
        # (getattr: should Textual rename these, every resize goes to Textual as before.)
        if event.size == getattr(self, "_size", None) and getattr(self, "_resize_event", 0) is None:
            event.stop()
            event.prevent_default()

    def case_folder(self) -> Path:
        return self.folder or storage.default_folder()

    def t(self, key: str, **fmt) -> str:
        """A user-interface text in the app's language, worded for the case's role."""
        role = self.case.role if self.case is not None else None
        return content.ui(key, self.lang, role, **fmt)

    # ── the case ─────────────────────────────────────────────────────────────────────────────
    def open_case(self, case: Case, path: Path | None, *, read_only: bool = False) -> None:
        """Show ``case`` in the wizard, resuming at the step where the user left.

        A case open in another running fleksjob is not opened for writing: a small window
        offers to open it read-only (see :meth:`_take_lock`).
        """
        from .screens.wizard import WizardScreen

        if path is not None and not read_only and not self._take_lock(case, path):
            return
        self._backed_up = None  # a new session: its first save keeps the file as it was
        self._saved_answers = case.answers()
        self.case = case
        self.path = path
        self.read_only = read_only or path is None
        if case.case.language is None:
            case.case.language = self.lang
        step = case.case.last_step or STEP_IDS[0]
        case.case.last_step = step  # type: ignore[assignment] # where the wizard opens it
        # A default filled in is no reason to write the file; a new case (no file yet) is written.
        on_disk = path is not None and (path.exists() or path.is_symlink())
        self._written = case.to_toml_dict() if on_disk else None
        self.last_saved = None
        self._seen = watch.fingerprint(path) if path is not None else None
        if self._watch_timer is None:
            self._watch_timer = self.set_interval(self.WATCH_INTERVAL, self.check_disk)
        self.recompute()
        self._update_header()
        self.switch_to_wizard(WizardScreen(step))
        if os.environ.get("FLEKSJOB_BENCH_EXIT_AFTER_PAINT"):
            # benchmarks/run.py: stop as soon as the wizard's first step has been painted,
            # with the keys in its footer — before the step's widgets below its first
            # screenful are mounted (StepPane.mount_rest), unless the variable says "rest".
            self.bench_exit_before_rest = os.environ["FLEKSJOB_BENCH_EXIT_AFTER_PAINT"] != "rest"
            def painted() -> None:
                pane = getattr(self.screen, "pane", None)
                if (pane is not None and pane.is_mounted
                        and self.screen.query("Footer FooterKey")):
                    timer.stop()
                    self.call_after_refresh(self.exit)

            timer = self.set_interval(0.002, painted)

    # ── one writer per case ──────────────────────────────────────────────────────────────────
    def _take_lock(self, case: Case, path: Path) -> bool:
        """Lock ``path`` for this program. False (and a read-only/cancel window) when another
        running fleksjob has it open. A folder where no lock can be written is no reason to
        refuse: the first save will then tell the user what is wrong."""
        from ..case import locking

        if self._lock is not None and self._lock.case_path == path:
            return True
        try:
            lock = locking.acquire(path)
        except locking.CaseLocked as held:
            from .screens.locked import LockedScreen, locked_answered

            self.push_screen(LockedScreen(path.name, held.holder, self.lang, path),
                             callback=lambda answer: locked_answered(self, case, path, answer))
            self.call_after_refresh(self.first_screen_painted)
            return False
        except OSError:
            lock = None
        self._release_lock()
        self._lock = lock
        return True

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def on_unmount(self) -> None:
        # However the app ends (Ctrl+Q saves already), an answer given in the last half second
        # is not lost.
        if self._dirty and not self.read_only and not self._asking_changed:
            self.save_before_leaving()
        self._release_lock()
        stylecache.save()

    def switch_to_wizard(self, screen) -> None:
        # Replace everything above the default screen by the wizard.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.open_editors.clear()  # closed with the screens, their items as they are now
        self.push_screen(screen)

    def recompute(self) -> Assessment:
        assert self.case is not None
        # In the wizard's language: a Danish case opened with --lang en reads in English.
        self.assessment = assess(self.case, self.as_of, self.lang)
        return self.assessment

    def case_changed(self) -> None:
        """An answer changed: recompute, tell the current screen, save shortly."""
        self.recompute()
        self._update_header()  # the case's title may have changed
        refresh = getattr(self.screen, "assessment_changed", None)
        if refresh is not None:
            refresh()
        self._dirty = True
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save)

    def save(self) -> bool:
        """Save the case now (atomically, via storage). False when it could not be saved."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.case is None or self.read_only or self.path is None:
            return False
        case = self.case_to_write()
        if case.to_toml_dict() == self._written:
            # Nothing to write: the file stays as it is (a hand-written comment survives).
            self._dirty = False
            return True
        if watch.changed(self._seen, self.path) is not None:
            # Another window changed the file since this one read it: never save over a change
            # that was not seen. Ask (load it, or keep this version and save it over).
            self.ask_changed()
            return False
        # The first write of a session keeps the file as it was before (sag.toml.bak) —
        # whatever made it, moving to another step too: the file may be written by hand (its
        # comments are gone from the new version, issue 22).
        answers = case.answers()
        backup = self._backed_up != self.path
        # "Ændret" (case.updated, shown on the start screen) moves only when an answer did.
        touch = answers != self._saved_answers or self.case.case.updated is None
        try:
            storage.save_case(case, self.path, lang=self.lang, backup=backup, touch=touch)
        except (storage.CaseFileError, OSError) as err:
            message = err.message(self.lang) if isinstance(err, storage.CaseFileError) else str(err)
            if message != self.save_error:
                self.notify(
                    self.t("save.failed", detail=message) + "\n" + self.t("save_as.hint"),
                    severity="error",
                    timeout=20,
                )
            self.save_error = message
            self._update_header()
            return False
        if backup:
            self._backed_up = self.path
        self._seen = watch.fingerprint(self.path)
        self._saved_answers = answers
        self._written = case.to_toml_dict()
        self.save_error = None
        self._dirty = False
        self.last_saved = dt.datetime.now()
        self._update_header()
        return True

    def case_to_write(self) -> Case:
        """The case as it may be written: without the new items an open editor holds back (a
        meeting without a valid date yet). The same case object when none is held back."""
        assert self.case is not None
        held = [item for editor in self.open_editors if (item := editor.held_back()) is not None]
        if not held:
            return self.case

        def kept(items: list) -> list:
            return [x for x in items if not any(x is h for h in held)]

        return self.case.model_copy(update={"meetings": kept(self.case.meetings),
                                            "measures": kept(self.case.measures)})

    @property
    def takes_edits(self) -> bool:
        """False in a case opened read-only because it is open elsewhere: its answers are shown,
        not changed. (An example, also never saved, can be tried out.)"""
        return not (self.read_only and self.path is not None)

    def tell_read_only(self) -> None:
        """Say, once and plainly, that a read-only case takes no edits (not once per key)."""

        now = time.monotonic()
        if now - getattr(self, "_told_read_only", -100.0) < 8:
            return
        self._told_read_only = now
        self.notify(self.t("watch.read_only"), severity="warning", timeout=8)

    def case_on_disk(self) -> Case | None:
        """The case as saved in its file (what a read-only window exports), or the one shown."""
        if self.case is None or self.path is None or self.takes_edits:
            return self.case
        try:
            return storage.load_case(self.path, lang=self.lang)
        except storage.CaseFileError:
            return self.case

    # ── the file changed elsewhere ───────────────────────────────────────────────────────────
    def check_disk(self) -> None:
        """Every WATCH_INTERVAL: has another window changed the case file? Then ask."""
        if self.case is None or self.path is None or self._asking_changed:
            return
        if watch.changed(self._seen, self.path) is not None:
            self.ask_changed()

    def ask_changed(self) -> None:
        """Offer to load the case file's new version (changed in another window)."""
        from .screens.editor import ConfirmScreen

        if self._asking_changed or self.path is None:
            return
        self._asking_changed = True
        unsaved = self._dirty and self.takes_edits  # else loading loses nothing: the safe choice
        key = "watch.changed_unsaved" if unsaved else "watch.changed"
        now = watch.fingerprint(self.path)

        def answer(load: bool | None) -> None:
            self._asking_changed = False
            if load:
                self.reload_case()
            else:
                # Keep what this window shows: the other version is now seen, so the next save
                # (of a window that may write) replaces it, as the user chose.
                self._seen = now
                if self._dirty and self.takes_edits:
                    self.save()

        self.push_screen(
            ConfirmScreen(self.t(key, file=self.path.name), self.lang,
                          yes=self.t("watch.load"), no=self.t("watch.keep"),
                          yes_is_safe=not unsaved),
            callback=answer,
        )

    def reload_case(self) -> None:
        """Read the case file again and show it at the step shown now."""
        from .screens.wizard import WizardScreen

        assert self.path is not None
        try:
            case = storage.load_case(self.path, lang=self.lang)
        except storage.CaseFileError as err:
            self.notify(err.message(self.lang), severity="error", timeout=12)
            return
        wizard = next((s for s in self.screen_stack if isinstance(s, WizardScreen)), None)
        step = wizard.step if wizard is not None else (case.case.last_step or STEP_IDS[0])
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self.case = case
        self._saved_answers = case.answers()
        self._written = case.to_toml_dict()
        self._seen = watch.fingerprint(self.path)
        self._dirty = False
        self.recompute()
        self._update_header()
        self.switch_to_wizard(WizardScreen(step))
        self.notify(self.t("watch.loaded"), timeout=5)

    def _update_header(self) -> None:
        if self.case is None:
            self.sub_title = ""
            return
        self.title = self.case.case.title or self.t("app.title")
        if self.path is None:
            self.sub_title = self.t("header.example")
        elif self.read_only:
            self.sub_title = self.t("header.read_only", file=self.path.name)
        elif self.save_error:
            self.sub_title = self.t("header.not_saved", file=self.path.name)
        elif self.last_saved is None:
            self.sub_title = self.path.name
        else:
            self.sub_title = self.t(
                "header.saved", file=self.path.name, time=self.last_saved.strftime("%H:%M:%S")
            )

    def get_key_display(self, binding: Binding) -> str:
        """Keys in one notation everywhere: "Ctrl+E", "F1", "Delete" (not "^e", "del")."""
        return binding.key_display or key_name(binding.key.split(",")[0], self.lang)

    # ── actions ──────────────────────────────────────────────────────────────────────────────
    def action_help(self) -> None:
        """F1: the help text of the question that has focus (or of the screen)."""
        from .widgets.fields import QuestionField
        from .widgets.help import HelpScreen

        node = self.focused
        while node is not None and not isinstance(node, QuestionField):
            node = node.parent
        if isinstance(node, QuestionField):
            self.push_screen(HelpScreen(node.label_text, node.help_text, node.reference, self.lang))
            return
        screen_help = getattr(self.screen, "help_text", None)
        if screen_help is not None:
            title, body = screen_help()
            self.push_screen(HelpScreen(title, body, None, self.lang))

    def action_answer_key(self, char: str) -> None:
        """A letter while a Ja/Nej question has the cursor: answer it and move on at once."""
        from textual.actions import SkipAction

        from .widgets.choice import Choice

        focused = self.focused
        if not isinstance(focused, Choice) or focused.disabled or not focused.answer_key(char):
            raise SkipAction()  # typed into a text field, or not an answer's letter here

    def action_submit_field(self) -> None:
        """Enter in a question's one-line field: take the answer and move on at once."""
        from textual.actions import SkipAction

        from .widgets.inputs import Input

        focused = self.focused
        field = focused.parent if isinstance(focused, Input) else None
        submit = getattr(field, "submit_now", None)
        if submit is None:
            raise SkipAction()  # anywhere else Enter does what it always does
        submit(focused.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "Gem som" only means something while a case is open (not on the start screen).
        if action == "save_as" and self.case is None:
            return False
        return True

    def action_save_as(self) -> None:
        """F2: save the case in another file (after a failed save, or to keep a copy)."""
        from .screens.editor import AskTextScreen

        if self.case is None:
            return
        if self.path is not None and not self.read_only:
            suggestion = self.path
        else:
            # Read-only (open in another window) or an example: a new name, not the locked file.
            folder = self.path.parent if self.path is not None else self.case_folder()
            title = self.case.case.title or self.t("app.title")
            suggestion = storage.new_case_path(folder, f"{title} {self.t('save_as.copy')}")

        def chosen(text: str | None) -> None:
            if text:
                self.save_as(Path(text).expanduser())

        self.push_screen(AskTextScreen(self.t("save_as.ask"), self.lang, str(suggestion),
                                       lost_as=self.t("quit.save_as"), lost_key="quit.typed_path"),
                         callback=chosen)

    def save_as(self, path: Path) -> bool:
        """Save the case to ``path`` and go on working there. False (and a message) if not."""
        from ..case import locking

        assert self.case is not None
        if path.is_dir():
            path = path / (self.path.name if self.path is not None
                           else storage.new_case_path(path, self.case.case.title).name)
        if not path.suffix:
            path = path.with_suffix(".toml")
        if path != self.path and (path.exists() or path.is_symlink()):
            self.notify(self.t("save_as.exists", path=str(path)), severity="error", timeout=12)
            return False
        lock = None
        if path != self.path or self._lock is None:
            try:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                lock = locking.acquire(path)
            except locking.CaseLocked as held:
                self.notify(self.t("lock.save_as", file=path.name,
                                   holder=held.holder.describe(self.lang)),
                            severity="error", timeout=12)
                return False
            except OSError:
                lock = None  # the save below says what is wrong with the folder
        old_id = self.case.case.id  # a copy is another case: its own id (its calendar's)
        if path != self.path:
            self.case.case.id = new_case_id()
        try:
            storage.save_case(self.case, path, lang=self.lang, backup=False)
        except storage.CaseFileError as err:
            self.case.case.id = old_id
            if lock is not None:
                lock.release()
            self.notify(self.t("save.failed", detail=err.message(self.lang)) + "\n"
                        + self.t("save_as.hint"), severity="error", timeout=20)
            return False
        if lock is not None or path != self.path:
            self._release_lock()
            self._lock = lock
        was_read_only = not self.takes_edits
        self.path = path
        self.read_only = False
        self._written = self.case.to_toml_dict()
        self._seen = watch.fingerprint(path)
        self._backed_up = path
        self.save_error = None
        self._dirty = False
        self.last_saved = dt.datetime.now()
        self._update_header()
        if was_read_only:  # the copy is this window's own: its answers can be changed now
            from .screens.wizard import WizardScreen

            wizard = next((s for s in self.screen_stack if isinstance(s, WizardScreen)), None)
            if wizard is not None:
                self.switch_to_wizard(WizardScreen(wizard.step))
        self.notify(self.t("save_as.done", path=str(path)), timeout=8)
        return True


def run_app(
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str | None = None,
    new: bool = False,
    case: Case | None = None,
) -> int:
    """Start the wizard (used by the command line). Returns the exit code.

    ``case`` is the case at ``path`` when the caller has loaded it already.
    """
    if case is None and path is not None and not new:
        try:
            case = storage.load_case(path)
        except storage.CaseFileError:
            case = None  # the app shows the error on its start screen
    if lang is None and case is not None:
        lang = case.language  # speak the case's language unless the user asked for another
    app = FleksjobApp(path, lang=lang, new=new, case=case)
    try:
        app.run()
    finally:
        gc.unfreeze()  # (when the app ended before first_screen_painted's timers)
        gc.enable()
        app._release_lock()
    app.say_farewell()
    return app.return_code or 0
