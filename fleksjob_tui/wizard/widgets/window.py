"""The base of every small window (editors, questions, help, export): a ModalScreen that closes
once.

A window closes with ``dismiss``. Enter pressed twice quickly (or a button and a key at once)
calls it twice; Textual then tries to close the screen below as well and stops with an error.
Here the second call is ignored: the window is already gone.

On a button, ← / → move to the button before / after it (Tab does too): "Nej, behold" ←→
"Slet" in every small question window. F1 opens the help of the question under the cursor in
every window, as on the steps. In a text field or a choice the arrows keep their own
meaning (the field handles them first).
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button

R = TypeVar("R")


class Window(ModalScreen[R]):
    BINDINGS = [
        # F1 in every window, as on the steps: the app's help of the question under the cursor
        # (the app's own F1 does not reach past a modal window).
        Binding("f1", "app.help", "key.help", show=False),
        Binding("left", "button_step(-1)", show=False),
        Binding("right", "button_step(1)", show=False),
    ]

    def action_button_step(self, delta: int) -> None:
        focused = self.focused
        if not isinstance(focused, Button):
            return
        buttons = [b for b in self.query(Button) if b.focusable]
        if focused not in buttons:
            return
        at = buttons.index(focused) + delta
        if 0 <= at < len(buttons):
            buttons[at].focus()

    def dismiss(self, result: R | None = None):  # type: ignore[override]
        if not self.is_attached or self.app.screen is not self:
            return None  # already closed
        return super().dismiss(result)
