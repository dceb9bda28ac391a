"""The case is open in another running fleksjob: open it read-only, or cancel — and when the
other window closes while this one asks, the case opens here (``dismiss(FREE)``)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ... import content
from ...case import storage
from ...case.locking import LockInfo, read_lock
from ..widgets.i18n import localize_bindings
from ..widgets.window import Window

#: Dismissed with this when the other window let the case go while the question was shown.
FREE = "free"
#: How often the window looks whether the other window has closed (seconds).
CHECK_EVERY = 1.0


class LockedScreen(Window[bool | str]):
    """Dismissed with True (open read-only), False (cancel) or FREE (the lock was let go)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, file_name: str, holder: LockInfo, lang: str,
                 case_path: Path | None = None) -> None:
        super().__init__(classes="editor")
        self.file_name = file_name
        self.holder = holder
        self.lang = lang
        self.case_path = case_path
        localize_bindings(self, lang)

    def t(self, key: str, **fmt) -> str:
        return content.ui(key, self.lang, **fmt)

    def compose(self) -> ComposeResult:
        with Vertical(classes="editor-box ask-box", id="locked-box"):
            yield Static(self.t("lock.title"), classes="editor-title")
            yield Static(self.t("lock.text", file=self.file_name,
                                holder=self.holder.describe(self.lang)), id="locked-text")
            with Horizontal(classes="nav"):
                yield Button(self.t("lock.cancel"), id="locked-cancel")
                yield Button(self.t("lock.read_only"), id="locked-read-only", variant="primary")

    def on_mount(self) -> None:
        if not self.is_attached:  # closed again before it was built (keys typed fast)
            return
        self.query_one("#locked-read-only").focus()
        if self.case_path is not None:
            # The window says "close the wizard there, then open the case again here": when the
            # other window closes, that happens by itself (two browser tabs in a meeting).
            self.set_interval(CHECK_EVERY, self._check_free)

    def _check_free(self) -> None:
        try:
            info = read_lock(self.case_path)
        except OSError:
            return
        if self.is_current and (info is None or info.stale()):
            self.dismiss(FREE)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "locked-read-only")

    def action_cancel(self) -> None:
        self.dismiss(False)


def locked_answered(app, case, path: Path, answer: bool | str | None) -> None:
    """What the app does with the window's answer: open the case as it is on disk now when the
    other window let it go (saying so), read-only when asked, else back to the start screen."""
    if answer == FREE:
        try:
            fresh = storage.load_case(path)
        except storage.CaseFileError:
            fresh = case
        app.notify(app.t("lock.free", file=path.name), timeout=6)
        app.open_case(fresh, path)
    elif answer:
        app.open_case(case, path, read_only=True)
    elif len(app.screen_stack) <= 1:
        from .start import StartScreen  # the start screen's module only when going there

        app.push_screen(StartScreen())
