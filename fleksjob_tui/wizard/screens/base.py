"""The base of every wizard step: a scrollable pane with a title, the step's questions, what the
assessment says is missing here, and Back / Next buttons.

A step is thin: it shows the case and writes answers back through the field widgets. Everything
it says about the state of the case comes from ``app.assessment``.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any, ClassVar, Protocol, runtime_checkable

from pydantic import BaseModel
from rich.text import Text
from textual.app import ComposeResult
from textual.compose import compose as compose_widgets
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Static

from ... import content
from ...case.dates import format_date
from ...case.model import Case
from ...rules.types import Assessment
from ...rules.unknown_dates import find_by, not_known
from ..widgets.datefield import DateField
from ..widgets.fields import (
    AnswerField,
    BoolField,
    FieldProblem,
    ListField,
    NumberField,
    OptionsField,
    QuestionField,
    TextField,
)
from ..widgets.focus import reveal_problem
from ..widgets.host import WizardHost, host_of


@runtime_checkable
class StepsScreen(Protocol):
    """What a step uses from the wizard screen it is shown in (screens/wizard.py)."""

    def visible_steps(self) -> list[str]: ...

    async def action_next(self) -> None: ...

    async def action_back(self) -> None: ...

    def pane_size(self) -> tuple[int, int]: ...


STATE_MARK = {"complete": "✓", "missing": "!", "blocker": "✗"}


_MARKUP = re.compile(r"\[[^\]]*\]")


def min_lines(text: str, width: int) -> int:
    """The fewest rows ``text`` can take at ``width`` columns (markup left out, every line at
    least one row): an estimate that is never too high."""
    width = max(1, width)
    return sum(max(1, -(-len(line) // width)) for line in _MARKUP.sub("", text).split("\n"))


def lock_fields(root) -> None:
    """A case open only for reading: every answer shown, none of them can be changed."""
    for widget in root.query(".q-input"):
        widget.disabled = True


class StepPane(VerticalScroll):
    """One wizard step. Subclasses set ``step_id`` and implement ``compose_fields``."""

    step_id: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.step_id}", classes="step")

    # ── shortcuts ────────────────────────────────────────────────────────────────────────────
    @property
    def fj(self) -> WizardHost:
        return host_of(self)

    @property
    def steps_screen(self) -> StepsScreen | None:
        """The wizard screen this step is shown in (None while it is being built elsewhere)."""
        screen = self.app.screen
        return screen if isinstance(screen, StepsScreen) else None

    @property
    def case(self) -> Case:
        assert self.fj.case is not None
        return self.fj.case

    @property
    def lang(self) -> str:
        return self.fj.lang

    @property
    def role(self) -> str:
        return self.case.role

    def t(self, key: str, **fmt: Any) -> str:
        return content.ui(key, self.lang, self.role, **fmt)

    def _kw(self) -> dict:
        return {"lang": self.lang, "role": self.role}

    def answer(self, target: BaseModel, attr: str, qkey: str) -> AnswerField:
        return AnswerField(target, attr, qkey, **self._kw())

    def boolean(self, target: BaseModel, attr: str, qkey: str) -> BoolField:
        return BoolField(target, attr, qkey, **self._kw())

    def text(self, target: BaseModel, attr: str, qkey: str) -> TextField:
        return TextField(target, attr, qkey, **self._kw())

    def date(self, target: BaseModel, attr: str, qkey: str, latest=None) -> DateField:
        return DateField(target, attr, qkey, latest=latest, **self._kw())

    def number(self, target: BaseModel, attr: str, qkey: str, integer: bool = False) -> NumberField:
        return NumberField(target, attr, qkey, integer=integer, **self._kw())

    def items(self, target: BaseModel, attr: str, qkey: str) -> ListField:
        return ListField(target, attr, qkey, **self._kw())

    def options(self, target, attr, qkey, values, labels_key) -> OptionsField:
        return OptionsField(target, attr, qkey, values, labels_key, **self._kw())

    # ── layout ───────────────────────────────────────────────────────────────────────────────
    #: The wizard opens a case here: the cursor goes after the last answer (see first_focus).
    resume = False
    #: The step's widgets below its first screenful: mounted right after the first paint (or at
    #: once when a key comes first), so the first frame builds only what it shows.
    _rest: list[Widget] = []
    _rest_done: asyncio.Event | None = None
    #: The cursor's place, when it is among the widgets not mounted yet (see first_focus).
    _focus_later: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        title = Static(self.numbered_title(), classes="step-title")
        yield title
        intro = self.t(f"step.{self.step_id}.intro")
        if intro:
            yield Static(intro, classes="step-intro")
        # A line under a question that is known already (the pension age the birth date
        # implies) is built with its field, so it is in the same frame as the rest of the step.
        infos = self.infos(self.fj.assessment)
        widgets = compose_widgets(self, self.compose_fields())
        for widget in widgets:
            if widget.id in infos:
                widget.show_info(infos[widget.id])
        back = Button(self.t("nav.back"), id="nav-back")
        back.can_focus = False  # keyboard: ctrl+b; so Enter after the last field means Next
        tail = [Static("", classes="step-findings"),
                Horizontal(back, Button(self.t("nav.next"), id="nav-next", variant="primary"),
                           classes="nav")]
        shown = self._first_screenful(widgets, intro)
        yield from widgets[:shown]
        if shown < len(widgets):
            self._rest = [*widgets[shown:], *tail]
            # It will scroll: its scrollbar is in the first frame ("auto" would show it a frame
            # later). Set on the pane alone, so that nothing below it is styled again.
            self.styles.overflow_y = "scroll"
        else:
            yield from tail

    def _first_screenful(self, widgets: list[Widget], intro: str) -> int:
        """How many of ``widgets`` the first frame shows (at least), with the cursor's field.

        Counted with the fewest rows each can take, so the first frame is never short of a
        widget it shows; the rest (and the findings and buttons below them) comes right after.
        """
        size = getattr(self.steps_screen, "pane_size", None)
        if size is None or type(self).assessment_changed is not StepPane.assessment_changed:
            # Not in the wizard's screen, or a step that shows more of the assessment than
            # the findings (the estimate, the summary): everything at once.
            return len(widgets)
        columns, rows = size()
        text_width = columns - 4  # the pane's padding and the label's
        used = 2 + (min_lines(intro, text_width) + 1 if intro else 0)  # title, intro
        fields = [w for w in widgets if isinstance(w, QuestionField)]
        target = self._focus_target(fields, self.resume, built=False)
        if target is None and not self.resume:
            return len(widgets)  # the cursor on Next at the top (no questions): all at once
        # The first frame shows the step from its top, also when the cursor's question is
        # further down (a reopened case): the step is scrolled to it when it is focused, and
        # that is after the first paint either way. So a resumed step builds its first
        # screenful only; a question below it is mounted with the rest and focused then
        # (first_focus: _focus_later), scrolled into view as before. With every question
        # answered the cursor goes to Next the same way (focused without scrolling).
        last = widgets.index(target) if target is not None and not self.resume else -1
        shown = 0
        for i, widget in enumerate(widgets):
            if used >= rows and i > last:
                break
            shown = i + 1
            if isinstance(widget, QuestionField):
                used += min_lines(widget.label_text, text_width) + 1 + 1  # label, input, margin
                if widget._info:
                    used += min_lines(widget._info, text_width)
            else:
                used += 1
        return shown

    def compose_fields(self) -> ComposeResult:
        return iter(())

    def infos(self, assessment: Assessment | None) -> dict[str, str | None]:
        """field_info, and under a date answered "ved ikke": that it is not known, and by when
        it is to be found (the plan says who finds it)."""
        infos = self.field_info(assessment)
        if assessment is None:
            return infos
        for key in not_known(self.case):
            field_id = "f-" + key.replace(".", "-")
            if infos.get(field_id) is None:
                by = find_by(self.case, assessment.as_of)
                infos[field_id] = (self.t("field.date_is_not_known_asap") if by is None else
                                   self.t("field.date_is_not_known",
                                          date=format_date(by, self.lang)))
        return infos

    def field_info(self, assessment: Assessment | None) -> dict[str, str | None]:
        """What the assessment says under a question, by the field's id (None: nothing)."""
        return {}

    def numbered_title(self) -> str:
        """"3 · Tjekliste", numbered as in the step list (which leaves out steps that do not apply)."""
        title = self.t(f"step.{self.step_id}.title")
        host = self.steps_screen
        steps = host.visible_steps() if host is not None else []
        if self.step_id in steps:
            return f"{steps.index(self.step_id) + 1} · {title}"
        return title

    def on_mount(self) -> None:
        if not self.is_attached:  # not when taken down again before it was shown
            return
        if not self.fj.takes_edits:
            lock_fields(self)  # the first screenful now, the rest as it is mounted
        if self._rest:
            self.call_after_refresh(self._after_first_paint)
        else:
            self._complete()
            self.call_after_refresh(self._first_screen_painted)

    def _first_screen_painted(self) -> None:
        painted = getattr(self.app, "first_screen_painted", None)  # (not a test's host app)
        if painted is not None:
            painted()  # Python's garbage collector on again (see the app)

    def _complete(self) -> None:
        """Every widget of the step is mounted: lock it if read-only, show what is missing."""
        if not self.fj.takes_edits:
            lock_fields(self)
        self.assessment_changed(self.fj.assessment)

    @property
    def building(self) -> bool:
        """True until the widgets below the first screenful are mounted."""
        return bool(self._rest) or (self._rest_done is not None and not self._rest_done.is_set())

    def _after_first_paint(self, frames: int = 4) -> None:
        """The rest once the first screen is whole: Textual fills the footer's keys in a frame
        after the first, and they should not wait for what is below the step's first
        screenful. (At most a few frames: then the rest comes anyway.)"""
        if not self._rest or not self.is_attached:
            return
        if frames and not self.screen.query("Footer FooterKey"):
            self.call_after_refresh(self._after_first_paint, frames - 1)
            return
        self._first_screen_painted()
        if getattr(self.app, "bench_exit_before_rest", False):
            # benchmarks/run.py (a): the first screen with the footer's keys is painted next.
            self.app.call_after_refresh(self.app.exit)
        else:
            self.call_after_refresh(self.mount_rest)  # after the frame with the keys

    async def mount_rest(self) -> None:
        """Mount the widgets below the first screenful (right after the first paint; at once
        when a key is typed before that: it then lands where it would have landed)."""
        if self._rest:
            rest, self._rest = self._rest, []
            self._rest_done = asyncio.Event()
            try:
                if self.is_attached:
                    await self.mount_all(rest)
                # Not when the step was changed meanwhile (its pane is being taken down).
                if self.is_attached and all(w.is_attached for w in rest):
                    self.styles.overflow_y = "auto"  # as always: it scrolls now
                    self._complete()
                    focus, self._focus_later = self._focus_later, None
                    if focus is not None:
                        focus()
            finally:
                self._rest_done.set()
        elif self._rest_done is not None:
            await self._rest_done.wait()

    def _focus_target(self, fields: list[QuestionField], resume: bool,
                      built: bool = True) -> QuestionField | None:
        """The question the cursor goes to (None: Next). ``built``: the fields are mounted."""
        if resume:
            answered = [i for i, f in enumerate(fields) if f.value not in (None, "", [])]
            if answered:
                fields = fields[answered[-1] + 1:]
        for field in fields:
            inputs = field.query(".q-input") if built and field.is_mounted else None
            if inputs.first().disabled if inputs else not self.fj.takes_edits:
                return None  # read-only: the answers are shown, not changed
            return field
        return None

    def first_focus(self, resume: bool = False) -> None:
        """Put the cursor in the first question (or on Next when there are none).

        ``resume`` (a reopened case): on the question after the last one answered, so the
        person goes on where they stopped, not at the step's first question.
        """
        pending = [w for w in self._rest if isinstance(w, QuestionField)]
        field = self._focus_target([*self.query(QuestionField), *pending], resume)
        if field is not None and field.is_mounted:
            field.focus_input(scroll_visible=resume)
            return
        if field is not None:  # below the first screenful: focused as soon as it is mounted
            self._focus_later = lambda: field.focus_input(scroll_visible=resume)
            return
        if self._rest:  # Next is below the first screenful: focused as soon as it is mounted
            self._focus_later = lambda: self.query_one("#nav-next").focus(scroll_visible=False)
            return
        for button in self.query("#nav-next"):
            button.focus(scroll_visible=False)

    def assessment_changed(self, assessment: Assessment | None) -> None:
        """Show what the assessment says about this step. Subclasses add their own lines."""
        if assessment is None:
            return
        for field_id, info in self.infos(assessment).items():
            for field in self.query(f"#{field_id}"):
                field.show_info(info)
        findings = [f for f in assessment.findings if f.step == self.step_id]
        box = self.query_one(".step-findings", Static)
        # Typed input that was refused is not in the case: say so before anything else, and
        # never "nothing missing" while it is there.
        unsaved = [f for f in self.query(QuestionField) if f.error_text]
        if not findings and not unsaved:
            box.update(Text(self.t("step.nothing_missing"), style="bold"))
            return
        text = Text()
        for field in unsaved:
            text.append("! ")
            text.append(f"{self.t('step.not_saved')}: ", style="bold")
            text.append(f"{field.label_text} – {field.error_text}\n")
        from ...view.words import due_text, finding_tag

        for f in findings:
            # "Venter" / "Kommunen vurderer" for the time-bound and the municipality's items
            # (never "Mangler"), and "senest dd-mm-åååå" beside a finding with a due date.
            due = due_text(f, self.lang)
            word = finding_tag(f, self.lang) + (f" · {due}" if due else "")
            text.append(f"{STATE_MARK.get(f.severity, '•') if f.severity != 'advice' else '→'} ")
            text.append(f"{word}: ", style="bold")
            text.append(f"{f.message} ")
            text.append(f"({f.reference})\n", style="italic")
        box.update(text)

    def on_field_problem(self, event: FieldProblem) -> None:
        self.assessment_changed(self.fj.assessment)
        reveal_problem(event.field)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if not self.is_attached:  # pressed as the step was being changed
            return
        if event.button.id == "nav-next":
            event.stop()
            if (host := self.steps_screen) is not None:
                await host.action_next()
        elif event.button.id == "nav-back":
            event.stop()
            if (host := self.steps_screen) is not None:
                await host.action_back()


class ItemListStep(StepPane):
    """A step that is a list of items (measures, meetings): Enter on an item opens its editor.

    Subclasses set ``list_id``, fill the list in ``fill_list`` and open an item in ``edit``.
    """

    list_id: ClassVar[str] = "item-list"

    def compose_fields(self) -> ComposeResult:
        from ..widgets.itemlist import ItemList

        yield ItemList(id=self.list_id, classes="item-list")

    @property
    def item_list(self):
        from ..widgets.itemlist import ItemList

        return self.query_one(f"#{self.list_id}", ItemList)

    def on_mount(self) -> None:
        if not self.is_attached:  # taken down again before it was shown (a fast step change)
            return
        self.fill_list()
        super().on_mount()

    def fill_list(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def edit(self, option_id: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def first_focus(self, resume: bool = False) -> None:
        items = self.item_list
        items.focus(scroll_visible=False)
        if items.highlighted is None:
            items.highlighted = 0

    #: The row that adds an item (nothing to open in a case open only for reading).
    add_id: ClassVar[str] = ""

    def on_option_list_option_selected(self, event) -> None:
        event.stop()
        if not self.fj.takes_edits and event.option.id == self.add_id:
            self.fj.tell_read_only()
            return
        self.edit(event.option.id or "")

    def on_item_list_delete_requested(self, event) -> None:
        """Delete on a row: the step asks first (naming the item), "Nej, behold" chosen."""
        event.stop()
        if not self.fj.takes_edits:
            self.fj.tell_read_only()
            return
        self.delete(event.option_id)

    def delete(self, option_id: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    #: keys.toml's text for letters typed while the cursor is on the "add" row.
    add_typing_key: ClassVar[str] = "list.typing_open"

    def typing_hint(self) -> str:
        """What to press instead when letters are typed on the list (said once)."""
        ol = self.item_list
        on_add = ol.highlighted is not None and (
            ol.get_option_at_index(ol.highlighted).id == self.add_id)
        key = self.add_typing_key if on_add else "list.typing_open"
        return content.text("keys", key, self.lang)
