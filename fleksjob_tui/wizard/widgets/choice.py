"""A one-line choice between a few answers: (•) Ja   ( ) Nej   ( ) Ved ikke.

Made for few keystrokes and for reading without colour: the chosen answer is marked with a dot,
the cursor (when focused) is shown in reverse, and each answer's key letter is underlined.

Keys: the underlined letter chooses that answer (J, N, V for Ja / Nej / Ved ikke) and goes on to
the next field (a letter never picks an answer other than one it starts, see ``hotkeys``), as
Enter does: one key per question. A letter that picks no answer (one two answers start with,
or none) is said at once on the question's line, with the letters that do, and the cursor stays:
the next letter typed still answers this question, knowingly. ←/→ only move the cursor and Space chooses
the answer under it; Enter chooses it too if the cursor was moved, then goes on to the next field
(Enter alone never answers a question); Delete clears the answer.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ... import content
from .focus import move_on

_GAP = "   "
_NBSP = "\u00a0"

#: Small words a person does not press for an answer ("til kommunen" is k, not t).
_SMALL_WORDS = frozenset(
    "til for fra med af og i på om en et the to for of with a an and in on".split())


def hotkeys(labels: list[str]) -> list[str | None]:
    """A distinct key letter per label, and never the first letter of another label.

    A person presses the first letter of the answer they mean; that letter must never pick a
    different answer. So a label's own first letter is its key when no other label starts with
    it; otherwise the first letter of a later word, then any letter of the label, that is
    neither taken nor another label's first letter. A first letter shared by several labels
    picks none of them.

    Of the later words, the first letter of a word a person would press comes first (a small
    word like "til" last: "Dokumentation til kommunen" is k).

    ["Ikke afprøvet", "Afprøvet", "I gang", "Ikke relevant"] → ["k", "a", "g", "r"].
    """
    firsts = [label[:1].lower() for label in labels]
    taken: set[str] = set()
    out: list[str | None] = []
    for i, label in enumerate(labels):
        others = set(firsts[:i] + firsts[i + 1:])
        words = [w.strip("()[],.;:»«\"'") for w in label.split()]
        words = [w for w in words if w[:1].isalpha()]
        candidates = [w[0] for w in words[:1]]
        candidates += [w[0] for w in words[1:] if w.lower() not in _SMALL_WORDS]
        candidates += [w[0] for w in words[1:] if w.lower() in _SMALL_WORDS]
        candidates += [ch for ch in label if ch.isalpha()]
        key = next((c.lower() for c in candidates
                    if c.lower() not in taken and c.lower() not in others), None)
        if key:
            taken.add(key)
        out.append(key)
    return out


class Choice(Widget, can_focus=True):
    DEFAULT_CSS = """
    Choice {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    Choice:focus {
        /* Clearly where the keys go, also for low vision (not $boost: barely visible). */
        background: $primary 40%;
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
        vertical: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.options = options
        self.vertical = vertical  # one answer per line (for long answers)
        self.keys = hotkeys([label for _, label in options])
        self._moved = False
        #: What was said of a letter that picks no answer (shown under the answers), or "".
        self.said = ""
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
                text.append("\n" if self.vertical else _GAP)
            chosen = self.value is not None and v == self.value
            style = "reverse" if self._shows_cursor() and i == self.cursor else ""
            text.append("(•)" + _NBSP if chosen else "( )" + _NBSP, style=style)
            key = self.keys[i]
            at = label.lower().find(key) if key else -1
            # Prefer the key letter at the start of a word, as hotkeys() chose it.
            for pos, ch in enumerate(label):
                if key and ch.lower() == key and (pos == 0 or label[pos - 1] == " "):
                    at = pos
                    break
            shown = label.replace(" ", _NBSP)  # an answer never breaks over two lines
            if at >= 0:
                text.append(shown[:at], style=style)
                text.append(shown[at], style=f"{style} underline".strip())
                text.append(shown[at + 1 :], style=style)
            else:
                text.append(shown, style=style)
        if self.said:
            text.append("\n")
            text.append(self.said, style="bold")
        return text

    def _say(self, message: str) -> None:
        if message != self.said:
            self.said = message
            self.refresh(layout=True)  # one line more (or less) under the answers

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
        self._moved = False
        self._say("")
        if value == self.value:
            return
        self.value = value
        if value is not None:
            self.cursor = self._index_of(value)
        if announce:
            self.post_message(self.Changed(self, value))

    def action_move(self, delta: int) -> None:
        self._say("")
        self.cursor = (self.cursor + delta) % len(self.options)
        self._moved = True

    def _shows_cursor(self) -> bool:
        """The cursor is drawn once it means something: on the answer given, or after ←/→.

        An unanswered question does not look as if its first answer ("Ja") were picked, so
        Enter there (which moves on without answering) surprises no one.
        """
        return self.has_focus and (self._moved or self.value is not None)

    def action_choose_cursor(self) -> None:
        if not self._shows_cursor():  # Space on an unanswered question: first show the cursor
            self._moved = True
            self.refresh()
            return
        self.set_value(self.options[self.cursor][0])

    def action_clear(self) -> None:
        self.set_value(None)

    def action_next_field(self) -> None:
        if self._moved:
            self.set_value(self.options[self.cursor][0])
        move_on(self)

    def on_key(self, event: events.Key) -> None:
        if self.vertical and event.key in ("up", "down"):
            event.stop()
            event.prevent_default()
            self.action_move(-1 if event.key == "up" else 1)
            return
        if self.answer_key(event.character or ""):
            event.stop()
            event.prevent_default()

    def answer_key(self, char: str) -> bool:
        """The answer whose key letter is ``char``: choose it and go on to the next question,
        as Enter does. False when no answer has that letter. (The app calls this as the key
        arrives, so keys typed fast after it go to the next question.)"""
        char = char.lower()
        if not char or not char.isalpha():
            return False
        for (value, _), key in zip(self.options, self.keys, strict=True):
            if key == char:
                self.set_value(value)
                move_on(self)  # answered: on to the next question, as Enter does
                return True
        # A window whose choices all show their letters at once (the export window) may take a
        # letter that belongs to another of its questions ("w" for Word while on the document).
        elsewhere = getattr(self.screen, "answer_elsewhere", None)
        if elsewhere is not None and elsewhere(self, char):
            return True
        self._say(self.no_answer_for(char))
        return True  # said, and kept here: it never answers the next question unseen

    def no_answer_for(self, char: str) -> str:
        """What a letter that picks no answer says: which letters do (those of the answers it
        starts, when it starts several; else all)."""
        lang = getattr(self.app, "lang", "da")
        starting = [i for i, (_, label) in enumerate(self.options)
                    if label[:1].lower() == char and self.keys[i]]
        shared = len(starting) > 1
        which = starting if shared else [i for i, k in enumerate(self.keys) if k]
        # (all the letters, when it starts none: the answers with their letters are just above)
        parts = [content.ui("choice.key_for", lang, letter=self.keys[i], label=self.options[i][1])
                 if shared else str(self.keys[i]) for i in which]
        keys = ", ".join(parts[:-1]) + content.ui("choice.or", lang) + parts[-1] \
            if len(parts) > 1 else "".join(parts)
        return content.ui("choice.shared" if shared else "choice.none", lang, char=char,
                          keys=keys)

    def on_click(self, event: events.Click) -> None:
        if self.vertical:
            if 0 <= event.y < len(self.options):
                self.cursor = event.y
                self.set_value(self.options[event.y][0])
            return
        x = event.x - 1  # padding
        for i, (start, end) in enumerate(self._spans()):
            if start <= x < end:
                self.cursor = i
                self.set_value(self.options[i][0])
                return

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self._moved = False
        self.cursor = self._index_of(self.value) if self.value is not None else 0
        self.refresh()

    def on_blur(self) -> None:
        self._say("")
        self.refresh()
