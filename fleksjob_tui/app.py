"""The Textual app: owns the case, its file, the assessment and the autosave.

Data flows one way: a step writes an answer into ``app.case`` → ``app.case_changed()`` recomputes
the assessment with the rules engine → the step list, the step's own status lines and the summary
read that one assessment; a save is scheduled. No screen computes eligibility itself.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from . import content, storage
from .model import STEP_IDS, Case
from .rules import assess
from .rules.types import Assessment
from .widgets.i18n import localize_bindings

#: Below this size the app shows how large the terminal must be instead of its screens.
MIN_WIDTH = 60
MIN_HEIGHT = 20
SAVE_DELAY = 0.5  # seconds: answers are saved this long after the last change


def today() -> dt.date:
    """The date of the check: today, or ``FLEKSJOB_AS_OF`` (YYYY-MM-DD) for tests and demos."""
    fixed = os.environ.get("FLEKSJOB_AS_OF")
    if fixed:
        return dt.date.fromisoformat(fixed)
    return dt.date.today()


class FleksjobApp(App[None]):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "Fleksjob"

    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True),
        Binding("f1", "help", "key.help"),
    ]

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        lang: str | None = None,
        new: bool = False,
        as_of: dt.date | None = None,
        folder: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__()
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
        #: FLEKSJOB_NO_BLINK=1 turns the text cursor's blinking off (stable snapshots, calmer eyes).
        self.cursor_blink = not os.environ.get("FLEKSJOB_NO_BLINK")
        localize_bindings(self, self.lang)

    # ── start ────────────────────────────────────────────────────────────────────────────────
    def on_mount(self) -> None:
        from .screens.start import StartScreen

        self.title = self.t("app.title")
        if self.start_path is not None and not self.start_new:
            try:
                case = storage.load_case(self.start_path, lang=self.lang)
            except storage.CaseFileError as err:
                self.push_screen(StartScreen(error=err.message(self.lang)))
                return
            self.open_case(case, self.start_path)
            return
        self.push_screen(StartScreen(new_path=self.start_path if self.start_new else None))

    def case_folder(self) -> Path:
        return self.folder or storage.default_folder()

    def t(self, key: str, **fmt) -> str:
        """A user-interface text in the app's language, worded for the case's role."""
        role = self.case.role if self.case is not None else None
        return content.ui(key, self.lang, role, **fmt)

    # ── the case ─────────────────────────────────────────────────────────────────────────────
    def open_case(self, case: Case, path: Path | None, *, read_only: bool = False) -> None:
        """Show ``case`` in the wizard, resuming at the step where the user left."""
        from .screens.wizard import WizardScreen

        self.case = case
        self.path = path
        self.read_only = read_only or path is None
        if case.case.language is None:
            case.case.language = self.lang
        self.last_saved = None
        self.recompute()
        step = case.case.last_step or STEP_IDS[0]
        self._update_header()
        self.switch_to_wizard(WizardScreen(step))

    def switch_to_wizard(self, screen) -> None:
        # Replace everything above the default screen by the wizard.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def recompute(self) -> Assessment:
        assert self.case is not None
        self.assessment = assess(self.case, self.as_of)
        return self.assessment

    def case_changed(self) -> None:
        """An answer changed: recompute, tell the current screen, save shortly."""
        self.recompute()
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
        try:
            storage.save_case(self.case, self.path)
        except (storage.CaseFileError, OSError) as err:
            message = err.message(self.lang) if isinstance(err, storage.CaseFileError) else str(err)
            if message != self.save_error:
                self.notify(
                    self.t("save.failed", detail=message),
                    severity="error",
                    timeout=12,
                )
            self.save_error = message
            self._update_header()
            return False
        self.save_error = None
        self._dirty = False
        self.last_saved = dt.datetime.now()
        self._update_header()
        return True

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

    async def action_quit(self) -> None:
        if self.case is not None and not self.read_only:
            self.save()
        self.exit()


def run_app(
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str | None = None,
    new: bool = False,
) -> int:
    """Start the wizard (used by the command line). Returns the exit code."""
    if lang is None and path is not None and not new:
        # Speak the case's language unless the user asked for another.
        try:
            lang = storage.load_case(path).language
        except storage.CaseFileError:
            lang = None
    app = FleksjobApp(path, lang=lang, new=new)
    app.run()
    return app.return_code or 0
