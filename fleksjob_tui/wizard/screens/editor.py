"""A small window that edits one item of a list in the case (a measure, a meeting).

The fields write straight into the item; every change is passed on to the app, which recomputes
the assessment and saves, exactly as on a step.
"""

from __future__ import annotations

from pydantic import BaseModel
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Static

from ... import content
from ...case.privacy import find_cpr
from ..widgets.fields import FieldChanged, QuestionField
from ..widgets.host import host_of
from ..widgets.i18n import localize_bindings
from ..widgets.window import Window


class EditorScreen(Window[str]):
    """Dismissed with "done", "delete" or "discard".

    The editor never closes while typed input is refused (a date that does not exist): Esc and
    "Færdig" then ask "Ret datoen" (chosen) or "Kassér det ugyldige svar", which puts the refused
    answers back as they were when the editor opened (the rest of ``item`` is kept, see
    :meth:`_restore`) and dismisses with "discard".

    A ``new`` item (added for this editor) reaches the file only once it is complete — every
    date typed is accepted, and a meeting has its date (:meth:`held_back`); until then the
    app's saves leave it out. On the way out (Ctrl+Q, a signal) it is written with every answer
    that was accepted, unless nothing was typed in it (:meth:`release`): only a refused answer
    is lost, and Ctrl+Q's question says so (:meth:`quit_keeps`).
    """

    #: Set on the way out: the new item is written as it is (its accepted answers).
    released = False

    BINDINGS = [Binding("escape", "done", "key.done"), Binding("f1", "app.help", "key.help")]

    def __init__(self, title: str, deletable: bool = False, item: BaseModel | None = None,
                 *, new: bool = False) -> None:
        super().__init__(classes="editor")
        self.title_text = title
        self.deletable = deletable
        self.item = item
        self.new = new
        self._original = item.model_copy(deep=True) if item is not None else None
        localize_bindings(self, host_of(self).lang)
        if new and item is not None:
            host_of(self).open_editors.append(self)  # from now on: saves ask held_back()

    def dismiss(self, result=None):
        editors = host_of(self).open_editors
        if self in editors:
            editors.remove(self)  # closed: the item is written as the editor leaves it
        return super().dismiss(result)

    def complete(self) -> bool:
        """Every date typed in the editor is accepted and in the item (editors may ask more).
        Looks only: nothing is shown beside a field the person is still typing in."""
        from ..widgets.datefield import DateField

        for field in self.query(DateField):
            text = field.query_one(".q-input").value.strip()
            if text:
                problem, value = field.read(text)
                if problem is not None or field.value != value:
                    return False
        return True

    def held_back(self) -> BaseModel | None:
        """The new item while it may not be written yet (see the class), else None."""
        if not self.new or self.item is None or self.complete():
            return None
        if self.released and self.item != self._original:
            return None
        return self.item

    def release(self) -> None:
        """On the way out: let the new item be written with the answers it holds (a refused
        answer was never written into it). A new item with nothing typed stays out."""
        self.released = True

    def quit_loses(self) -> list[str]:
        """What quitting now loses beyond the refused answers: nothing (see :meth:`release`)."""
        return []

    def quit_keeps(self) -> list[str]:
        """What quitting keeps that is not in the file yet: the new item, held back."""
        if self.held_back() is None or self.item == self._original:  # nothing typed: nothing
            return []
        return [self.t("quit.new_item", title=self.title_text)]

    def t(self, key: str, **fmt) -> str:
        return host_of(self).t(key, **fmt)

    def compose(self) -> ComposeResult:
        with Vertical(classes="editor-box"):
            yield Static(self.title_text, classes="editor-title")
            with VerticalScroll(classes="editor-fields"):
                yield from self.compose_fields()
            with Horizontal(classes="nav"):
                # Done first: Tab from the last answer lands on it, not on Delete.
                yield Button(self.t("editor.done"), id="editor-done", variant="primary")
                if self.deletable:
                    yield Button(self.t("editor.delete"), id="editor-delete", variant="error")
                yield from self.extra_buttons()
        yield Footer()  # the keys of the window (Esc closes it, answers kept) in words

    def compose_fields(self) -> ComposeResult:
        return iter(())

    def extra_buttons(self) -> ComposeResult:
        """More buttons after Done and Delete (the meeting editor's minutes); their presses are
        the editor's own to handle (``event.prevent_default()``)."""
        return iter(())

    def on_mount(self) -> None:
        if not self.is_attached:  # closed again before it was built (keys typed fast)
            return
        if not host_of(self).takes_edits:
            from .base import lock_fields

            lock_fields(self)
            for button in self.query("#editor-delete"):
                button.disabled = True
            self.query_one("#editor-done").focus()
            return
        first = self.first_field()
        if first is not None:
            first.focus_input()

    def first_field(self) -> QuestionField | None:
        """The question the cursor starts in: the first one (editors may say another)."""
        for field in self.query(QuestionField):
            return field
        return None

    def on_key(self, event) -> None:
        if event.is_printable and not host_of(self).takes_edits:
            host_of(self).tell_read_only()

    def on_field_changed(self, event: FieldChanged) -> None:
        event.stop()
        host_of(self).case_changed()
        # A date refused by a rule between fields ("til" before "fra") may fit now that the
        # other one changed: read it again (accepted, its refusal line goes).
        from ..widgets.fields import TypedInputField

        for field in self.query(TypedInputField):
            if field is not event.field and field.error_text:
                text = field.query_one(".q-input").value.strip()
                if text and field.read(text)[0] is None:
                    field.write(field.read(text)[1])

    def on_field_problem(self, event) -> None:
        from ..widgets.focus import reveal_problem  # (the fields' module has it loaded)

        event.stop()
        reveal_problem(event.field)

    def assessment_changed(self) -> None:
        """Called by the app after each change; the editor has nothing to redraw."""

    @work(exclusive=True)
    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "editor-delete":
            await self._close()
            return
        sure = await self.app.push_screen_wait(
            ConfirmScreen(self.t("editor.confirm_delete", title=self.title_text), host_of(self).lang)
        )
        if sure:
            self.dismiss("delete")

    @work(exclusive=True, group="editor-close")
    async def action_done(self) -> None:
        await self._close()

    async def _close(self) -> None:
        """Close with "done" — unless a field holds refused input: then ask first."""
        for field in self.query(QuestionField):
            problem = field.pending_problem()
            if not problem:
                continue
            from ..widgets.datefield import DateField

            fix = "editor.fix_date" if isinstance(field, DateField) else "editor.fix_answer"
            discard = await self.app.push_screen_wait(
                ConfirmScreen(
                    self.t("editor.refused", label=field.label_text, problem=problem),
                    host_of(self).lang,
                    yes=self.t("editor.discard"),
                    no=self.t(fix),
                )
            )
            if not discard:
                field.focus_input()
                return
            self._restore([f for f in self.query(QuestionField) if f.pending_problem()])
            self.dismiss("discard")
            return
        self.dismiss("done")

    def _restore(self, refused: list[QuestionField]) -> None:
        """Put the refused answers back as they were when the editor opened; what was typed in
        the other fields is kept. (If that is not a valid whole, the whole item goes back.)"""
        if self.item is None or self._original is None:
            return
        try:
            for field in refused:
                if field.target is not self.item:
                    raise ValueError(field.attr)
                setattr(self.item, field.attr, getattr(self._original, field.attr))
        except ValueError:  # (pydantic's ValidationError is one)
            self._restore_all()
        host_of(self).case_changed()

    def _restore_all(self) -> None:
        """Put the item back as it was when the editor opened."""
        # Field by field through pydantic would check each against the others half-restored
        # (a period's from/to); the copy was valid as a whole.
        self.item.__dict__.update(self._original.model_copy(deep=True).__dict__)


class ConfirmScreen(Window[bool]):
    """Ask yes or no before something that cannot be undone. Escape means no."""

    BINDINGS = [Binding("escape", "no", "key.cancel")]

    def __init__(self, question: str, lang: str, *, yes: str | None = None,
                 no: str | None = None, yes_is_safe: bool = False) -> None:
        super().__init__(classes="editor")
        self.question = question
        self.lang = lang
        #: "Yes" loses nothing (load the new version into a window with nothing unsaved): it is
        #: the answer Enter gives, and it is not shown as a danger.
        self.yes_is_safe = yes_is_safe
        #: The buttons' words; by default "keep" / "delete" (the editors' question).
        self.yes = yes or content.ui("editor.delete", lang)
        self.no = no or content.ui("editor.keep", lang)
        localize_bindings(self, lang)

    def compose(self) -> ComposeResult:
        with Vertical(classes="editor-box ask-box"):
            yield Static(self.question, classes="editor-title")
            with Horizontal(classes="nav"):
                yield Button(self.no, id="confirm-no")
                yield Button(self.yes, id="confirm-yes",
                             variant="primary" if self.yes_is_safe else "error")

    def on_mount(self) -> None:
        if not self.is_attached:  # closed again before it was built (keys typed fast)
            return
        self.query_one("#confirm-yes" if self.yes_is_safe else "#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_no(self) -> None:
        self.dismiss(False)


class AskTextScreen(Window[str | None]):
    """Ask for one line of text (e.g. the name of an "other" measure). None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]
    _cpr_said = ""  # the text the CPR warning was shown for

    def __init__(self, question: str, lang: str, value: str = "", *,
                 lost_as: str | None = None, cpr: bool = False,
                 lost_key: str = "quit.typed_name") -> None:
        super().__init__(classes="editor")
        self.question = question
        self.lang = lang
        self.value = value
        #: What a typed text is called when quitting would lose it (None: nothing to ask), and
        #: the words for it (``lost_key``: a name not added yet, a path not used yet).
        self.lost_as = lost_as
        self.lost_key = lost_key
        #: The text goes into the case (a new measure's name): warn of a CPR number first.
        self.cpr = cpr
        localize_bindings(self, lang)

    def quit_loses(self) -> list[str]:
        from ..widgets.inputs import Input

        if self.lost_as is None or not self.is_mounted:
            return []
        text = self.query_one("#ask-input", Input).value.strip()
        if not text or text == self.value:
            return []
        return [content.ui(self.lost_key, self.lang, label=self.lost_as, text=text)]

    def compose(self) -> ComposeResult:
        from ..widgets.inputs import Input

        with Vertical(classes="editor-box ask-box"):
            yield Static(self.question, classes="editor-title")
            yield Input(self.value, id="ask-input")
            yield Static("", id="ask-error", classes="q-error")
            with Horizontal(classes="nav"):
                yield Button(content.ui("editor.cancel", self.lang), id="ask-cancel")
                yield Button(content.ui("editor.ok", self.lang), id="ask-ok", variant="primary")

    def on_mount(self) -> None:
        if not self.is_attached:  # closed again before it was built (keys typed fast)
            return
        select_prefilled(self.query_one("#ask-input"))

    def _submit(self) -> None:
        from ..widgets.inputs import Input

        text = self.query_one("#ask-input", Input).value.strip()
        problem = None
        if not text:
            problem = content.ui("editor.need_text", self.lang)
        elif self.cpr and text != self._cpr_said and find_cpr(text):
            # The case's text (a new measure's name): the same warning as every text field;
            # Enter again on the same text says it is not a CPR number.
            self._cpr_said = text
            problem = content.ui("cpr.in_name", self.lang)
        if problem is not None:
            box = self.query_one("#ask-error", Static)
            box.update(problem)
            box.add_class("-shown")
            return
        self.dismiss(text)

    def on_input_submitted(self, event) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ask-ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickScreen(Window[str | None]):
    """Pick one of a few options (who fills in the case, which example). None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, question: str, options: list[tuple[str, str]], hint: str, lang: str,
                 letters: list[str] | None = None) -> None:
        super().__init__(classes="editor")
        self.question = question
        self.options = options  # (id, label)
        self.hint = hint
        #: A letter per option that picks it, said under the list (the one letter rule).
        self.letters = letters
        self.lang = lang
        localize_bindings(self, lang)

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(classes="editor-box"):
            yield Static(self.question, classes="editor-title")
            yield OptionList(*[Option(label, id=oid) for oid, label in self.options])
            yield Static(self.hint, classes="step-intro")
            if self.letters:
                said = ", ".join(self.letters[:-1]) + " " + content.text(
                    "plain", "ask.or", self.lang) + " " + self.letters[-1]
                yield Static(content.ui("pick.letters", self.lang, letters=said),
                             classes="step-intro")

    def on_mount(self) -> None:
        if not self.is_attached:  # closed again before it was built (keys typed fast)
            return
        from textual.widgets import OptionList

        options = self.query_one(OptionList)
        options.focus()
        options.highlighted = 0

    def on_option_list_option_selected(self, event) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_key(self, event) -> None:
        """A letter the window names picks its option at once."""
        char = (event.character or "").lower()
        if self.letters and char in self.letters:
            event.stop()
            self.dismiss(self.options[self.letters.index(char)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


def select_prefilled(box) -> None:
    """Focus a field with a suggested text (a file name), the text selected: typing replaces
    it ("minpakke", not "sag.htmlminpakke"); an arrow key keeps it and moves in it."""
    box.focus()

    def select() -> None:
        if box.value:
            box.select_all()

    box.call_after_refresh(select)
