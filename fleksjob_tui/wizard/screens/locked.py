"""The case is open in another running fleksjob: open it read-only, or cancel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ... import content
from ...case.locking import LockInfo
from ..widgets.i18n import localize_bindings
from ..widgets.window import Window


class LockedScreen(Window[bool]):
    """Dismissed with True (open read-only) or False (cancel)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, file_name: str, holder: LockInfo, lang: str) -> None:
        super().__init__(classes="editor")
        self.file_name = file_name
        self.holder = holder
        self.lang = lang
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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "locked-read-only")

    def action_cancel(self) -> None:
        self.dismiss(False)
