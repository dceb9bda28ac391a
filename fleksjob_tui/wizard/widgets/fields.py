"""Question fields: each shows one question and writes the answer straight into a case table.

A field is bound to a pydantic table object (e.g. ``case.person``) and an attribute name. When
the user changes the answer, the field assigns it (pydantic validates it) and posts
``FieldChanged`` so the wizard can recompute the assessment and schedule a save. Invalid input
(an impossible date, a number out of range) is refused with a message beside the field and does
not change the case.

The texts come from ``content/questions.toml`` via the question key.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from ... import content
from ...case.privacy import find_cpr, remove_cpr
from .choice import Choice
from .focus import move_on, show_whole
from .host import host_of
from .inputs import Input, is_text_area
from .messages import FieldChanged, FieldProblem

if TYPE_CHECKING:
    from .textareas import TextArea


def _number_text(value, lang: str = "da") -> str:  # 28.900 and 178,50 in Danish, as typed
    from ...view.words import format_kr  # here: `view` is not needed for a first paint
    return format_kr(value, lang) if lang == "da" else format_kr(value, lang).replace(",", "")


class QuestionField(Vertical):
    """Base: a label with the question, the input widget, and a line for messages."""

    DEFAULT_CSS = """
    QuestionField {
        height: auto;
        margin: 0 0 1 0;
    }
    QuestionField > .q-label {
        width: 1fr;
        padding: 0 1;
    }
    QuestionField > .q-error {
        color: $text-error;
        text-style: bold;
        padding: 0 1;
        display: none;
    }
    QuestionField > .q-error.-shown {
        display: block;
    }
    QuestionField > .q-info {
        color: $text-muted;
        padding: 0 1;
        display: none;
    }
    QuestionField > .q-info.-shown {
        display: block;
    }
    QuestionField > .q-hint {
        color: $text-muted;
        padding: 0 1;
    }
    /* While typed input is refused, what the info line says belongs to the old answer. */
    QuestionField.-refused > .q-info.-shown {
        display: none;
    }
    """

    def __init__(
        self,
        target: BaseModel,
        attr: str,
        qkey: str,
        *,
        lang: str = "da",
        role: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id or f"f-{qkey.replace('.', '-')}")
        self.target = target
        self.attr = attr
        self.qkey = qkey
        self.lang = lang
        self.role = role

    # ── texts ────────────────────────────────────────────────────────────────────────────────
    @property
    def label_text(self) -> str:
        return content.text("questions", f"{self.qkey}.label", self.lang, self.role)

    #: More help shown under F1 after the question's own (e.g. the whole text of a measure).
    extra_help: str = ""

    @property
    def help_text(self) -> str:
        own = content.text("questions", f"{self.qkey}.help", self.lang, self.role)
        return f"{self.extra_help}\n\n{own}" if self.extra_help else own

    @property
    def reference(self) -> str:
        return content.text("questions", f"{self.qkey}.reference", self.lang)

    #: The message lines below the input, made the first time there is something to say
    #: (fewer widgets to build for the first paint); hidden and emptied afterwards.
    _error_box: Static | None = None
    _info_box: Static | None = None
    _built = False
    _info: str | None = None  # an info line given before the field was built

    def compose(self) -> ComposeResult:
        yield Label(self.label_text, classes="q-label")
        yield from self.compose_input()
        self._built = True
        if self._info:  # known already (the pension age): built with the field, in the first frame
            self._info_box = Static(self._info, classes="q-info -shown")
            yield self._info_box

    def compose_input(self) -> ComposeResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def on_mount(self) -> None:
        # Snapshot tests (and users who dislike it) turn the blinking cursor off app-wide.
        if not host_of(self).cursor_blink:
            for widget in self.query(".q-input"):
                if hasattr(widget, "cursor_blink"):
                    widget.cursor_blink = False

    def on_descendant_focus(self, event) -> None:
        self.call_after_refresh(show_whole, self)  # the whole question in view, not only its input
        # In a text box the cursor starts after what is already written, so new text is added.
        widget = event.widget
        if is_text_area(widget):
            widget.move_cursor(widget.document.end)

    # ── model access ─────────────────────────────────────────────────────────────────────────
    @property
    def value(self) -> Any:
        return getattr(self.target, self.attr)

    def write(self, value: Any) -> bool:
        """Assign ``value`` to the model; False (and a message) when pydantic refuses it."""
        if value == self.value:
            self.show_error(None)
            return True
        try:
            setattr(self.target, self.attr, value)
        except ValidationError as err:
            self.show_error(self._refusal(err))
            return False
        self.show_error(None)
        self.post_message(FieldChanged(self))
        return True

    def _refusal(self, err: ValidationError) -> str:
        """Why the model refused a value, in the user's language."""
        first = err.errors()[0]
        kind, ctx = first.get("type", ""), first.get("ctx") or {}
        if kind in ("less_than_equal", "less_than"):
            return content.ui("field.too_large", self.lang, limit=_number_text(ctx.get("le", ctx.get("lt")), self.lang))
        if kind in ("greater_than_equal", "greater_than"):
            return content.ui("field.too_small", self.lang, limit=_number_text(ctx.get("ge", ctx.get("gt")), self.lang))
        for words, key in (("before", "field.period_order"), ("needs a title", "editor.need_text")):
            if words in str(first.get("msg", "")):  # a rule between fields (case/model.py)
                return content.ui(key, self.lang)
        return content.ui("field.invalid", self.lang, detail=first.get("msg", ""))

    def show_error(self, message: str | None) -> None:
        before = self.error_text
        box = self._error_box
        if box is not None:
            box.update(message or "")
            box.set_class(bool(message), "-shown")
        elif message:  # the first refusal: its line goes under the input, above the info line
            self._error_box = Static(message, classes="q-error -shown")
            self.mount(self._error_box, before=self._info_box)
        self.set_class(bool(message), "-refused")
        if self.error_text != before:
            self.post_message(FieldProblem(self))

    def show_info(self, message: str | None) -> None:
        box = self._info_box
        if box is not None:
            box.update(message or "")
            box.set_class(bool(message), "-shown")
        elif not self._built:
            self._info = message
        elif message:
            self._info_box = Static(message, classes="q-info -shown")
            self.mount(self._info_box)

    @property
    def error_text(self) -> str:
        """The refusal shown beside the field ("" when none, or while the field is built)."""
        box = self._error_box
        return str(box.content) if box is not None and box.has_class("-shown") else ""

    def pending_problem(self) -> str | None:
        """A message when what is typed has not been accepted (shown beside it): by default
        the case's refusal (a rule between fields: an own measure's name emptied)."""
        return self.error_text or None

    def focus_input(self, scroll_visible: bool = True) -> None:
        self.query_one(".q-input").focus(scroll_visible=scroll_visible)


class AnswerField(QuestionField):
    """Ja / Nej / Ved ikke."""

    def compose_input(self) -> ComposeResult:
        options = [(v, content.ui(f"answer.{v}", self.lang)) for v in ("yes", "no", "unknown")]
        yield Choice(options, self.value, classes="q-input")

    def on_choice_changed(self, event: Choice.Changed) -> None:
        event.stop()
        self.write(event.value)


class OptionsField(QuestionField):
    """A choice between the given values, labelled from ``ui.toml`` under ``labels_key``."""

    def __init__(self, target, attr, qkey, values: tuple[Any, ...], labels_key: str, **kw) -> None:
        self.values = values
        self.labels_key = labels_key
        super().__init__(target, attr, qkey, **kw)

    def compose_input(self) -> ComposeResult:
        options = [(v, content.ui(f"{self.labels_key}.{v}", self.lang)) for v in self.values]
        yield Choice(options, self.value, classes="q-input")

    def on_choice_changed(self, event: Choice.Changed) -> None:
        event.stop()
        self.write(event.value)


class BoolField(QuestionField):
    """Ja / Nej for a true/false key."""

    def compose_input(self) -> ComposeResult:
        options = [(True, content.ui("answer.yes", self.lang)), (False, content.ui("answer.no", self.lang))]
        yield Choice(options, self.value, classes="q-input")

    def on_choice_changed(self, event: Choice.Changed) -> None:
        event.stop()
        self.write(event.value)


class CprGuardedField(QuestionField):
    """A field for free text that never lets a CPR number slip into the case unnoticed.

    When the text holds a CPR-like number (see :mod:`fleksjob_tui.case.privacy`), the number is held
    back: the case gets the text *without* it (so the number is never saved, and the rest of
    the answer is), and a warning beside the field offers to remove it from the field too
    (button, Ctrl+R, F8 in a browser) or to say it is not a CPR number (an order number), which
    writes the text as typed. Numbers in a case file when it is opened warn once it is changed.
    """

    BINDINGS = [Binding("ctrl+r,f8", "remove_cpr", "key.remove_cpr", show=False)]

    DEFAULT_CSS = """
    CprGuardedField > .q-cpr {
        height: auto;
        padding: 0 1;
    }
    CprGuardedField > .q-cpr > .q-cpr-text {
        color: $text-warning;
        text-style: bold;
    }
    CprGuardedField > .q-cpr > Horizontal {
        height: auto;
    }
    CprGuardedField > .q-cpr Button {
        margin: 0 1 0 0;
    }
    """

    #: A removed number leaves "[CPR fjernet]" (notes) or nothing (a name, a line).
    cpr_marker = False
    cpr_held = False
    _cpr_allowed: frozenset[str] = frozenset()
    #: The text as the field was opened with (numbers already in the file do not warn).
    _cpr_loaded: str | None = None

    def text_changed(self, text: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def input_text(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_input_text(self, text: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def guard(self, text: str) -> str:
        """``text`` to write into the case: without CPR-like numbers (and the warning shown)."""
        held = text != self._cpr_loaded and any(
            text[a:b] not in self._cpr_allowed for a, b in find_cpr(text))
        self._show_cpr(held)
        return remove_cpr(text, keep=self._cpr_allowed) if held else text

    def _show_cpr(self, shown: bool) -> None:
        if shown == self.cpr_held:
            return
        self.cpr_held = shown
        if shown:
            box = Vertical(
                Static(content.ui("cpr.warning", self.lang, remove_key=self.app.get_key_display(
                    self.BINDINGS[0])), classes="q-cpr-text"),  # the key as the footer names it
                Horizontal(
                    Button(content.ui("cpr.remove", self.lang), id="cpr-remove",
                           variant="warning", compact=True),
                    Button(content.ui("cpr.keep", self.lang), id="cpr-keep", compact=True),
                ),
                classes="q-cpr",
            )
            self.mount(box, after=self.query_one(".q-input"))
        else:
            self.query(".q-cpr").remove()

    def action_remove_cpr(self) -> None:
        if not self.cpr_held:
            return
        marker = content.ui("cpr.removed", self.lang) if self.cpr_marker else ""
        self.set_input_text(remove_cpr(self.input_text(), marker))
        self._focus_at_end()

    def keep_cpr(self) -> None:
        """The user says the number is not a CPR number: write the text as it is."""
        text = self.input_text()
        self._cpr_allowed = self._cpr_allowed | {text[a:b] for a, b in find_cpr(text)}
        self.text_changed(text)
        self._focus_at_end()

    def _focus_at_end(self) -> None:
        """Back to the text, cursor at its end (not everything selected: typing goes on)."""
        widget = self.query_one(".q-input")
        widget.focus()

        def to_end() -> None:
            if isinstance(widget, Input):
                widget.cursor_position = len(widget.value)
            elif is_text_area(widget):
                widget.move_cursor(widget.document.end)

        self.call_after_refresh(to_end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cpr-remove":
            event.stop()
            self.action_remove_cpr()
        elif event.button.id == "cpr-keep":
            event.stop()
            self.keep_cpr()


class TextField(CprGuardedField):
    """A line of text. Empty means not answered."""

    def compose_input(self) -> ComposeResult:
        self._cpr_loaded = self.value or ""
        yield Input(self._cpr_loaded, classes="q-input")

    def input_text(self) -> str:
        return self.query_one(".q-input", Input).value

    def set_input_text(self, text: str) -> None:
        self.query_one(".q-input", Input).value = text

    def text_changed(self, text: str) -> None:
        self.write(self.guard(text).strip() or None)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.text_changed(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit_now(event.value)

    def submit_now(self, text: str) -> None:
        """Enter: on to the next field (called at once by the app, before later keys)."""
        move_on(self)


class TypedInputField(QuestionField):
    """A one-line field whose text must be read as a value (a date, a number).

    While typing, an unfinished text is not an error and changes nothing; a complete valid value
    is written at once. When the user leaves the field or presses Enter, a text that cannot be
    read is shown beside the field and the case keeps its previous value; an emptied field then
    means "not answered". Subclasses implement ``shown`` and ``read``.
    """

    def shown(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def read(self, text: str) -> tuple[str | None, Any]:  # pragma: no cover - abstract
        """(message, value) for a non-empty text; the message is None when it is acceptable."""
        raise NotImplementedError

    def placeholder(self) -> str:
        return ""

    def compose_input(self) -> ComposeResult:
        yield Input(self.shown(), placeholder=self.placeholder(), classes="q-input")

    _before: Any = None  # the answer when the cursor came into the field

    def on_descendant_focus(self, event) -> None:
        self._before = self.value

    def _check(self, text: str, final: bool) -> bool:
        text = text.strip()
        if not text:
            # Emptied while retyping is not an answer yet; emptied and left means "no answer".
            return self.write(None) if final else False
        problem, value = self.read(text)
        if problem is not None:
            if final:
                self.show_error(problem)
                self._take_back()
            return False
        written = self.write(value)
        if final and not written:
            self._take_back()
        return written

    def _take_back(self) -> None:
        """Refused: the case keeps its answer from before ("25" passed typing "250,50")."""
        if self.value == self._before:
            return
        try:
            setattr(self.target, self.attr, self._before)
        except ValidationError:  # pragma: no cover - it was valid a moment ago
            return
        self.post_message(FieldChanged(self))

    def pending_problem(self) -> str | None:
        text = self.query_one(".q-input", Input).value.strip()
        if not text:
            return None
        problem, _ = self.read(text)
        if problem:
            self.show_error(problem)
            return problem
        return self.error_text or None  # read, but refused by the case (e.g. out of range)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._check(event.value, final=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit_now(event.value)

    def submit_now(self, text: str) -> None:
        """Enter: read the text; on to the next field when it is accepted (called at once by
        the app, before later keys)."""
        if self._check(text, final=True):
            move_on(self)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self._check(event.value, final=True)


class NumberField(TypedInputField):
    """A number (kroner, hours, months), the Danish way too (1.234,50 and 32.000)."""

    def __init__(self, target, attr, qkey, *, integer: bool = False, **kw) -> None:
        self.integer = integer
        super().__init__(target, attr, qkey, **kw)

    def shown(self) -> str:
        shown = str if self.integer else lambda v: _number_text(v, self.lang)  # a year: 2026
        return "" if self.value is None else shown(self.value)

    def read(self, text: str) -> tuple[str | None, Any]:
        text = text.replace(" ", "")
        if "," in text:
            normal = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            normal = text.replace(".", "")  # 32.000 is thirty-two thousand
        else:
            normal = text
        try:
            number: float | int = int(normal) if self.integer else float(normal)
        except ValueError:
            number = float("nan")
        if number != number or number in (float("inf"), float("-inf")):
            key = "field.not_integer" if self.integer else "field.not_number"
            return content.ui(key, self.lang, text=text), None
        return None, number


def _lines_hint(lang: str) -> Static:
    return Static(content.ui("field.lines_hint", lang), classes="q-hint")


class ListField(CprGuardedField):
    """A list of short texts, one per line: add a line to add, delete a line to remove."""

    DEFAULT_CSS = """
    ListField > TextArea {
        height: 5;
        margin: 0 1;
    }
    """

    def compose_input(self) -> ComposeResult:
        self._cpr_loaded = "\n".join(self.value or [])
        from .textareas import ListArea  # Textual's TextArea only for a step that has one

        area = ListArea(self._cpr_loaded, classes="q-input", soft_wrap=True)
        area.show_line_numbers = False
        yield area
        yield _lines_hint(self.lang)

    def input_text(self) -> str:
        return self.query_one(".q-input").text

    def set_input_text(self, text: str) -> None:
        self.query_one(".q-input").text = text

    def text_changed(self, text: str) -> None:
        text = self.guard(text)
        self.write([line.strip() for line in text.splitlines() if line.strip()])

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.text_changed(event.text_area.text)


class NoteField(CprGuardedField):
    """Free text over several lines (a note, minutes). Empty means not answered."""

    DEFAULT_CSS = """
    NoteField > TextArea {
        height: 6;  /* four lines of text: what was typed first stays in view */
        margin: 0 1;
    }
    """

    def compose_input(self) -> ComposeResult:
        self._cpr_loaded = self.value or ""
        from .textareas import LinesArea  # Textual's TextArea only for a step that has one

        yield LinesArea(self._cpr_loaded, classes="q-input", soft_wrap=True)
        yield _lines_hint(self.lang)

    cpr_marker = True

    def input_text(self) -> str:
        return self.query_one(".q-input").text

    def set_input_text(self, text: str) -> None:
        self.query_one(".q-input").text = text

    def text_changed(self, text: str) -> None:
        self.write(self.guard(text).strip() or None)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.text_changed(event.text_area.text)
