"""Textual's Input (and, in :mod:`.textareas`, its TextArea) with their own editing keys handled
in the order they arrive.

Textual 8.2 inserts a typed character as soon as the key reaches the field, but a key bound to
an editing action (Backspace, Ctrl+K, Ctrl+U, Delete, arrows …) first travels up to the app and
runs after that. Keys that arrive together — a fast typist, a paste of keystrokes, a macro or an
assistive tool — are then applied out of order: "abc⌫d" gives "abc", and "Ctrl+K 3-3-1973"
empties the date after it was typed, so the answer is lost when the user leaves the field
(Textualize/textual#6605, not fixed in a release yet).

These subclasses run the field's own bindings at once, when the key reaches the field, so every
key takes effect in the order it was pressed. Keys the field does not bind (Tab, Ctrl+N, F1 …)
go on to the screen and the app as before. Use them instead of Textual's classes everywhere.
"""

from __future__ import annotations

import sys

from textual import events
from textual.widgets import Input as _Input


class _OwnKeysInOrder:
    """Mixin: run the widget's own non-priority binding for a key as soon as the key arrives."""

    async def _on_key(self, event: events.Key) -> None:
        bindings = self._bindings.key_to_bindings  # type: ignore[attr-defined]
        for key in event.aliases:
            for binding in bindings.get(key, ()):
                if binding.priority:
                    continue  # the app has already tried priority bindings before us
                if await self.app.run_action(binding.action, self):  # type: ignore[attr-defined]
                    event.stop()
                    # Textual calls the ``_on_key`` of each class in the MRO in turn; this stops
                    # the base class's handler (and the app's bindings) for a key handled here.
                    event.prevent_default()
                    return


class Input(_OwnKeysInOrder, _Input):
    """A one-line text field whose editing keys are applied in the order they are pressed.

    Coming into a filled field (Tab) never selects its text: Textual's default selects it all,
    so the first key typed replaced an answer ("Mette Hansen - …" became "X"). The cursor goes
    after the text instead, so typing adds to it. A text the program suggested (``suggested``:
    a new case's title "Sag 06-12-2026") is the exception: while the field still holds it, it
    is selected when the cursor comes to it, so typing replaces it (Textual's
    ``select_on_focus``, set for that text only).
    """

    #: The text the program put in the field as a suggestion, or None.
    suggested: str | None = None

    def __init__(self, *args, select_on_focus: bool = False, **kwargs) -> None:
        super().__init__(*args, select_on_focus=select_on_focus, **kwargs)

    def _on_focus(self, event: events.Focus) -> None:
        # (Textual's own _on_focus runs after this one: it restarts the blinking cursor, and
        # selects the text when select_on_focus is set.)
        self.select_on_focus = bool(self.value) and self.value == self.suggested
        if not event.from_app_focus:
            self.cursor_position = len(self.value)


def is_text_area(widget) -> bool:
    """One of our text areas (:mod:`.textareas`)? Asked without importing them: none can exist
    before their module is loaded."""
    areas = sys.modules.get(f"{__package__}.textareas")
    return areas is not None and isinstance(widget, areas.TextArea)
