"""The base of every small window (editors, questions, help, export): a ModalScreen that closes
once.

A window closes with ``dismiss``. Enter pressed twice quickly (or a button and a key at once)
calls it twice; Textual then tries to close the screen below as well and stops with an error.
Here the second call is ignored: the window is already gone.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

R = TypeVar("R")


class Window(ModalScreen[R]):
    def dismiss(self, result: R | None = None):  # type: ignore[override]
        if not self.is_attached or self.app.screen is not self:
            return None  # already closed
        return super().dismiss(result)
