"""The text areas of the wizard (notes, minutes, lists of lines), in a module of their own: Textual's
TextArea is a large import (its document model and syntax support), and most steps, the first
one among them, have no text area, so the wizard's first paint does not load it (issue 16).

Their editing keys are applied in the order they are pressed, like the one-line fields'
(:mod:`.inputs`).
"""

from __future__ import annotations

from textual.widgets import TextArea as _TextArea

from .focus import move_on
from .inputs import _OwnKeysInOrder


class TextArea(_OwnKeysInOrder, _TextArea):
    """A text area whose editing keys are applied in the order they are pressed."""


class LinesArea(TextArea):
    """A text area where Enter on an empty last line moves on to the next field (and takes
    that empty line away again) instead of adding blank lines; Tab moves on too."""

    async def _on_key(self, event) -> None:
        if event.key == "enter" and self._on_empty_last_line():
            event.stop()
            event.prevent_default()
            text = self.text
            if text.endswith("\n"):
                self.text = text.rstrip("\n")  # the Enter that made the empty line
            move_on(self)

    def _on_empty_last_line(self) -> bool:
        row, _ = self.cursor_location
        last = self.document.line_count - 1
        return row == last and not self.document.get_line(row).strip()


class ListArea(LinesArea):
    """A list, one item per line: coming back into it and typing starts a new line (a new item)
    instead of adding to the end of the last one ("…i lang tidBære spande")."""

    _fresh = False  # the cursor has just come in; nothing typed yet

    def _on_focus(self, event) -> None:
        self._fresh = True

    async def _on_key(self, event) -> None:
        fresh, self._fresh = self._fresh, False
        if not (fresh and event.is_printable and event.character):
            return
        row, column = self.cursor_location
        end = self.document.end
        if (row, column) == end and self.document.get_line(row).strip():
            self.insert("\n")  # the character itself is typed after this, on the new line
