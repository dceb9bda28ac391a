"""Tick boxes in words: [x] Leder  [ ] Medarbejder … — readable without colour.

↑/↓ move the cursor, Space ticks or unticks, Enter goes on to the next field.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ... import content
from ...case.model import PARTICIPANTS
from .fields import QuestionField
from .focus import move_on


class Ticks(Widget, can_focus=True):
    DEFAULT_CSS = """
    Ticks {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    Ticks:focus {
        /* Clearly where the keys go, also for low vision (not $boost: barely visible). */
        background: $primary 40%;
    }
    """

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("space", "toggle", show=False),
        Binding("enter", "next_field", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    class Changed(Message):
        def __init__(self, ticks: Ticks, values: list[Any]) -> None:
            super().__init__()
            self.ticks = ticks
            self.values = values

        @property
        def control(self) -> Ticks:
            return self.ticks

    def __init__(self, options: list[tuple[Any, str]], chosen: list[Any], **kw) -> None:
        super().__init__(**kw)
        self.options = options
        self.chosen = set(chosen)

    @property
    def values(self) -> list[Any]:
        return [v for v, _ in self.options if v in self.chosen]

    def render(self) -> Text:
        text = Text()
        for i, (value, label) in enumerate(self.options):
            mark = "[x]" if value in self.chosen else "[ ]"
            style = "reverse" if self.has_focus and i == self.cursor else ""
            text.append(f"{mark} {label}", style=style)
            if i < len(self.options) - 1:
                text.append("\n")
        return text

    def action_move(self, delta: int) -> None:
        new = self.cursor + delta
        if 0 <= new < len(self.options):
            self.cursor = new
        else:
            # Past either end: leave the list like Tab / Shift+Tab would.
            move_on(self, delta)

    def action_toggle(self) -> None:
        value = self.options[self.cursor][0]
        self.chosen.symmetric_difference_update({value})
        self.refresh()
        self.post_message(self.Changed(self, self.values))

    def action_next_field(self) -> None:
        move_on(self)

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self.options):
            self.cursor = event.y
            self.action_toggle()

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class ParticipantsField(QuestionField):
    """Who took part in a meeting: tick boxes in words ([x] / [ ]), Space ticks."""

    def compose_input(self) -> ComposeResult:
        options = [(p, content.ui(f"participant.{p}", self.lang)) for p in PARTICIPANTS]
        yield Ticks(options, list(self.value or []), classes="q-input")

    def on_ticks_changed(self, event) -> None:
        event.stop()
        self.write(list(event.values))
