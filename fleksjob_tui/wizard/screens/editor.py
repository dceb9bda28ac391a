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
from ..widgets.fields import FieldChanged, QuestionField
from ..widgets.host import host_of
from ..widgets.i18n import localize_bindings
from ..widgets.window import Window


class EditorScreen(Window[str]):
    """Dismissed with "done", "delete" or "discard".

    The editor never closes while typed input is refused (a date that does not exist): Esc and
    "Færdig" then ask "Ret datoen" (chosen) or "Kassér ændringerne", which puts ``item`` back as
    it was when the editor opened and dismisses with "discard".
    """

    BINDINGS = [Binding("escape", "done", "key.done"), Binding("f1", "app.help", "key.help")]

    def __init__(self, title: str, deletable: bool = False, item: BaseModel | None = None) -> None:
        super().__init__(classes="editor")
        self.title_text = title
        self.deletable = deletable
        self.item = item
        self._original = item.model_copy(deep=True) if item is not None else None
        localize_bindings(self, host_of(self).lang)

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
        yield Footer()  # the keys of the window (Esc closes it, answers kept) in words

    def compose_fields(self) -> ComposeResult:
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
            from ..widgets.fields import DateField

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

    def __init__(self, question: str, lang: str, value: str = "") -> None:
        super().__init__(classes="editor")
        self.question = question
        self.lang = lang
        self.value = value
        localize_bindings(self, lang)

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
        self.query_one("#ask-input").focus()

    def _submit(self) -> None:
        from ..widgets.inputs import Input

        text = self.query_one("#ask-input", Input).value.strip()
        if not text:
            box = self.query_one("#ask-error", Static)
            box.update(content.ui("editor.need_text", self.lang))
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

    def __init__(self, question: str, options: list[tuple[str, str]], hint: str, lang: str) -> None:
        super().__init__(classes="editor")
        self.question = question
        self.options = options  # (id, label)
        self.hint = hint
        localize_bindings(self, lang)

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(classes="editor-box"):
            yield Static(self.question, classes="editor-title")
            yield OptionList(*[Option(label, id=oid) for oid, label in self.options])
            yield Static(self.hint, classes="step-intro")

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

    def action_cancel(self) -> None:
        self.dismiss(None)
