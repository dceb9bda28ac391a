"""A one-line choice between a few answers: (•) Ja  ( ) Nej  ( ) Ved ikke.

Made for few keystrokes and for reading without colour: the chosen answer is marked with a dot,
the cursor (when focused) is shown in reverse. Keys: ←/→ choose the previous/next answer, the
first letter of an answer chooses it, Delete clears, Enter moves on to the next field.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

_GAP = "   "


class Choice(Widget, can_focus=True):
    DEFAULT_CSS = """
    Choice {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    Choice:focus {
        background: $boost;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("space", "choose_cursor", show=False),
        Binding("delete,backspace", "clear", show=False),
        Binding("enter", "next_field", show=False),
    ]

    value: reactive[Any] = reactive(None, init=False)
    cursor: reactive[int] = reactive(0)

    class Changed(Message):
        def __init__(self, choice: Choice, value: Any) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self,
        options: list[tuple[Any, str]],
        value: Any = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.options = options
        self.set_reactive(Choice.value, value)
        self.set_reactive(Choice.cursor, self._index_of(value) if value is not None else 0)

    def _index_of(self, value: Any) -> int:
        for i, (v, _) in enumerate(self.options):
            if v == value:
                return i
        return 0

    def render(self) -> Text:
        text = Text()
        for i, (v, label) in enumerate(self.options):
            if i:
                text.append(_GAP)
            mark = "(•)" if v == self.value and self.value is not None else "( )"
            style = "reverse" if self.has_focus and i == self.cursor else ""
            text.append(f"{mark} {label}", style=style)
        return text

    def _spans(self) -> list[tuple[int, int]]:
        spans, x = [], 0
        for i, (_, label) in enumerate(self.options):
            if i:
                x += len(_GAP)
            width = len(label) + 4
            spans.append((x, x + width))
            x += width
        return spans

    def set_value(self, value: Any, *, announce: bool = True) -> None:
        if value == self.value:
            return
        self.value = value
        if value is not None:
            self.cursor = self._index_of(value)
        if announce:
            self.post_message(self.Changed(self, value))

    def action_move(self, delta: int) -> None:
        if self.value is None:
            index = 0 if delta > 0 else len(self.options) - 1
        else:
            index = (self._index_of(self.value) + delta) % len(self.options)
        self.cursor = index
        self.set_value(self.options[index][0])

    def action_choose_cursor(self) -> None:
        self.set_value(self.options[self.cursor][0])

    def action_clear(self) -> None:
        self.set_value(None)

    def action_next_field(self) -> None:
        self.screen.focus_next()

    def on_key(self, event: events.Key) -> None:
        char = (event.character or "").lower()
        if char.isdigit() and 1 <= int(char) <= len(self.options):
            event.stop()
            event.prevent_default()
            self.set_value(self.options[int(char) - 1][0])
            return
        if not char or not char.isalpha():
            return
        for value, label in self.options:
            if label[:1].lower() == char:
                event.stop()
                event.prevent_default()
                self.set_value(value)
                return

    def on_click(self, event: events.Click) -> None:
        x = event.x - 1  # padding
        for i, (start, end) in enumerate(self._spans()):
            if start <= x < end:
                self.cursor = i
                self.set_value(self.options[i][0])
                return

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
