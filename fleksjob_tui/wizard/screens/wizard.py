"""The wizard: the step list on the left, the current step on the right, keys in the footer.

Leaving a step saves the case; so does every answer, half a second after it is given.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...case.model import DATE_KEYS, STEP_IDS
from ..widgets.datefield import DateField
from ..widgets.fields import FieldChanged, FieldProblem, QuestionField
from ..widgets.host import MIN_HEIGHT, MIN_WIDTH, WizardHost, host_of
from ..widgets.i18n import localize_bindings
from ..widgets.keyfooter import KeyFooter
from ..widgets.keynames import key_names
from ..widgets.steplist import StepList
from . import steps

#: At this width and wider the step list stays visible; narrower, ctrl+l shows it.
WIDE = 80


class WizardScreen(Screen):
    #: The wizard puts the cursor itself (StepPane.first_focus), also when its place is below
    #: the step's first screenful, mounted just after the first paint: never on the step list.
    AUTO_FOCUS = ""

    BINDINGS = [
        # First in the footer: in a narrow window the footer is cut at the right, and help is
        # what a person who is stuck looks for.
        Binding("f1", "app.help", "key.help"),
        Binding("ctrl+n", "next", "key.next", priority=True),
        Binding("ctrl+b", "back", "key.back", priority=True),
        Binding("ctrl+l", "toggle_steps", "key.steps", priority=True),
        Binding("ctrl+s", "save", "key.save", priority=True, show=False),  # saving is automatic
        # Export from every step (shown in the key line on Overblik, where its button is; the
        # key line of the other steps is full at 80 columns). Before a field's own Ctrl+E (the end
        # of the line, which End does too). F4 too: a browser keeps Ctrl+E for itself.
        Binding("ctrl+e,f4", "export", "key.export", show=False, priority=True),
        # They change step; on a step that is only read (the Overblik) they first turn its pages.
        Binding("pagedown", "page_next", show=False, priority=True),
        Binding("pageup", "page_back", show=False, priority=True),
    ]

    def __init__(self, step: str) -> None:
        super().__init__()
        self.step = step
        self.pane = None
        #: One step change at a time: Next pressed as a button and Ctrl+N typed at once (two
        #: message queues) must not both take down and build panes.
        self._switching = asyncio.Lock()
        #: False while a step's pane is being taken down and the next one built: the pane then
        #: has no widgets to show the assessment in yet (or any more).
        self._pane_ready = False
        localize_bindings(self, self.fj.lang)

    @property
    def fj(self) -> WizardHost:
        return host_of(self)

    def compose(self) -> ComposeResult:
        yield Header()
        # The first step is built with the screen (one layout pass, a faster first paint).
        if self.step not in self.visible_steps():
            self.step = STEP_IDS[0]
        self.pane = steps.pane_class(self.step)()
        self.pane.resume = True  # a reopened case: the cursor after the last answer
        # Below 80 columns the step list is hidden: this line says which step is shown.
        yield Static("", id="step-where")
        with Horizontal(id="wizard-body"):
            yield StepList(self.fj.lang, id="steps")
            yield self.pane
        # The "too small" note is made only when the terminal is (a faster first paint).
        if self._too_small(*self.app.size):
            yield self._too_small_note()
        yield KeyFooter(compact=True)  # its keys in the first frame

    def _too_small_note(self) -> Static:
        text = self.fj.t("too_small", width=60, height=20)
        return Static(text, id="too-small", classes="too-small")

    def pane_size(self) -> tuple[int, int]:
        """The columns and rows a step's pane has, known before it is laid out (its first
        screenful is built with the first frame, the rest right after)."""
        width, height = self.app.size
        if width >= WIDE:
            width -= StepList.WIDTH
        return width, height - 2  # the header and the footer

    async def finish_building(self) -> None:
        """The step's widgets below its first screenful mounted now (a key typed before they
        are waits for them: app.on_event)."""
        if self.pane is not None:
            await self.pane.mount_rest()

    # ── steps ────────────────────────────────────────────────────────────────────────────────
    def visible_steps(self) -> list[str]:
        case = self.fj.case
        self_employed = bool(case and case.person.self_employed)
        return [s for s in STEP_IDS if s != "self_employment" or self_employed]

    _resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler (Screen._on_screen_resume). Shown for the first
        # time, every widget has just been styled as it was mounted: Textual would style the
        # whole screen once more before the first paint. Later (back from a window on top, a
        # theme changed meanwhile) it does, as always.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        if (not self._resumed and self.pane is not None and not self.pane.building
                and not self.app.is_web):
            # A step built all at once (a list, the overview) learns whether it scrolls, and
            # its lists their width, only from its first layout: drawn at once, its first
            # frame showed text without the scrollbar that came a frame later, rewrapped
            # (found by a tester). Its first frame waits for that, as every first frame did
            # before issue 26 (a step built in two parts has its scrollbar from the start).
            # Not in the browser: there the wait left the terminal's keys in the footer
            # (test_the_browser_keys), and the browser keeps the way it had.
            app, ended = self.app, []

            def end() -> None:
                if not ended:
                    ended.append(True)
                    app._end_batch()

            app._begin_batch()
            self.call_after_refresh(end)
            app.set_timer(0.3, end)  # at the latest (should the screen go before it is idle)
        self._apply_size(self.size.width, self.size.height)
        assert self.fj.case is not None
        self.fj.case.case.last_step = self.step  # type: ignore[assignment]
        self._pane_ready = True
        self.refresh_steps()
        # A reopened case: the cursor after the last answer given on its step.
        self.pane.first_focus(resume=True)

    async def show_step(self, step: str, *, save: bool = True) -> None:
        async with self._switching:
            await self._show_step(step, save=save)

    async def _go(self, delta: int) -> None:
        """Next (+1) or Back (-1), decided when it is this change's turn (not before)."""
        async with self._switching:
            step = self._neighbour(delta)
            if step is None:
                # Next on the last step, Back on the first: say why nothing moves.
                said = self.fj.t("nav.last_step" if delta > 0 else "nav.first_step",
                                 **key_names(self.fj))
                if all(n.message != said for n in self.app._notifications):  # said once, not
                    self.notify(said)  # once more per press
                return
            if self.can_leave():
                await self._show_step(step)

    async def _show_step(self, step: str, *, save: bool = True) -> None:
        if save:
            self.fj.save()
        body = self.query_one("#wizard-body", Horizontal)
        self._pane_ready = False
        await body.query_children(".step").remove()
        self.step = step
        assert self.fj.case is not None
        if self.fj.case.case.last_step != step:
            self.fj.case.case.last_step = step  # type: ignore[assignment]
            if save:
                self.fj.save()
        self.pane = steps.pane_class(step)()
        await body.mount(self.pane)
        self._pane_ready = True
        self.refresh_steps()
        # A new step starts at its top (title and intro in view), the cursor in its first question.
        self.pane.first_focus()

    def refresh_steps(self) -> None:
        unsaved = frozenset()
        pane = self.pane if self._pane_ready else None
        if pane is not None and any(f.error_text for f in pane.query(QuestionField)):
            unsaved = frozenset({self.step})
        order = self.visible_steps()
        self.query_one(StepList).show(order, self.step, self.fj.assessment, self.fj.case, unsaved)
        if self.step in order:
            self.query_one("#step-where", Static).update(self.fj.t(
                "steplist.where", n=order.index(self.step) + 1, total=len(order),
                title=self.fj.t(f"step.{self.step}.title")))

    def on_field_problem(self, event: FieldProblem) -> None:
        self.refresh_steps()  # the step pane has already updated its own status lines

    def assessment_changed(self) -> None:
        # A pane still being built shows the assessment once it is complete.
        if self.pane is not None and self._pane_ready and not self.pane.building:
            self.pane.assessment_changed(self.fj.assessment)
        self.refresh_steps()

    def _neighbour(self, delta: int) -> str | None:
        order = self.visible_steps()
        if self.step not in order:
            return order[0]
        i = order.index(self.step) + delta
        return order[i] if 0 <= i < len(order) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Behind the "terminal too small" note nothing should move.
        if self.has_class("-too-small") and action in ("next", "back", "toggle_steps"):
            return False
        if action == "export" and self.step == "summary":
            return False  # Overblik's own Ctrl+E (shown in its key line) does it there
        if action == "export" and (self.fj.case is None or self.has_class("-too-small")):
            return False
        return True

    def can_leave(self) -> bool:
        """False (with the field in focus and a message) when typed input was not accepted."""
        if self.pane is None:
            return True
        for field in self.pane.query(QuestionField):
            problem = field.pending_problem()
            if problem:
                field.focus_input()
                # The field's label, not the refused text: the toast outlives a correction,
                # and must never show an old value over the field's new one.
                self.notify(self.fj.t("field.not_saved_here", label=field.label_text),
                            severity="warning", timeout=5)
                return False
        return True

    async def action_next(self) -> None:
        await self._go(1)

    def _read_only_pane(self):
        """The pane when it is read, not answered (no questions: the Overblik), else None.

        On a step with questions or a list of items the view follows the cursor, so
        PageDown/PageUp keep their meaning "next/previous step" there.
        """
        pane = self.pane
        if pane is None or pane.query(QuestionField) or pane.query(".item-list"):
            return None  # answered: a list of measures or meetings is answered too (Enter opens)
        return pane

    async def action_page_next(self) -> None:
        """PageDown: on the Overblik the next page while there is more below; else next step."""
        pane = self._read_only_pane()
        if pane is not None and pane.scroll_y < pane.max_scroll_y:
            pane.scroll_page_down(animate=False)
            return
        await self.action_next()

    async def action_page_back(self) -> None:
        """PageUp: on the Overblik the page before while not at its top; else previous step."""
        pane = self._read_only_pane()
        if pane is not None and pane.scroll_y > 0:
            pane.scroll_page_up(animate=False)
            return
        await self.action_back()

    async def action_back(self) -> None:
        await self._go(-1)

    def action_save(self) -> None:
        if self.fj.path is None:
            self.notify(self.fj.t("save.not_saved_example"), timeout=6)
        elif self.fj.read_only:
            self.notify(self.fj.t("save.not_saved_read_only"), timeout=6)
        elif self.fj.save():
            self.notify(self.fj.t("save.done"), timeout=3)

    def action_toggle_steps(self) -> None:
        steps_list = self.query_one(StepList)
        if self.size.width >= WIDE:
            steps_list.focus()
            return
        steps_list.toggle_class("-shown")
        if steps_list.has_class("-shown"):
            steps_list.focus()

    async def on_step_list_jump(self, event: StepList.Jump) -> None:
        event.stop()
        steps_list = self.query_one(StepList)
        if self.size.width < WIDE:
            steps_list.remove_class("-shown")
        if self.can_leave():
            await self.show_step(event.step)

    def on_field_changed(self, event: FieldChanged) -> None:
        event.stop()
        field = event.field
        if isinstance(field, DateField) and field.qkey in DATE_KEYS:  # "ved ikke": recorded
            unknown = [k for k in self.fj.case.case.unknown_dates if k != field.qkey]
            if field.not_known and field.value is None:
                unknown.append(field.qkey)
            if unknown != self.fj.case.case.unknown_dates:
                self.fj.case.case.unknown_dates = unknown
        before = self.visible_steps()
        self.fj.case_changed()
        if self.visible_steps() != before:
            self.refresh_steps()

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and self._close_steps():
            event.stop()
            return
        # A case open only for reading: a key that would answer says why nothing changes.
        if not self.fj.takes_edits and (event.is_printable or event.key in ("delete", "backspace")):
            self.fj.tell_read_only()

    # ── size ─────────────────────────────────────────────────────────────────────────────────
    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    @staticmethod
    def _too_small(width: int, height: int) -> bool:
        return width < MIN_WIDTH or height < MIN_HEIGHT

    def _apply_size(self, width: int, height: int) -> None:
        too_small = self._too_small(width, height)
        if too_small and not self.query_children("#too-small"):
            self.mount(self._too_small_note(), before=self.query_one(Footer))
        if too_small != self.has_class("-too-small"):
            # Next, Back and the step list are refused behind the note (check_action): the
            # footer shows their keys again only when it is asked to look again.
            self.refresh_bindings()
            if too_small:  # the hidden step loses the cursor: where it was, for afterwards
                self._focus_before_small = self.focused
            else:
                self.call_after_refresh(self._focus_again)
        self.set_class(too_small, "-too-small")
        self.set_class(width < WIDE, "-narrow")

    def _focus_again(self) -> None:
        """Big enough again: the cursor back where it was (else in the step), never nowhere."""
        if self.focused is not None or self.has_class("-too-small"):
            return
        before = getattr(self, "_focus_before_small", None)
        if before is not None and before.is_attached and before.focusable:
            before.focus(scroll_visible=False)
        elif self.pane is not None and self._pane_ready:
            self.pane.first_focus()

    # ── the step list over the step (narrow terminals) ───────────────────────────────────────
    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Tab (or a click) away from the list shown over the step: it goes, as it came.
        if isinstance(event.widget, StepList):
            event.widget.remove_class("-shown")

    def _close_steps(self) -> bool:
        """Esc on the list shown over the step: hide it, the cursor back in the step."""
        steps_list = self.query_one(StepList)
        if not steps_list.has_class("-shown"):
            return False
        steps_list.remove_class("-shown")
        if self.pane is not None and self._pane_ready:
            self.pane.first_focus()
        return True

    def action_export(self) -> None:
        from .summary import open_export  # the export window's module, loaded when first used

        open_export(self.app)

    def help_text(self) -> tuple[str, str]:
        return self.fj.t(f"step.{self.step}.title"), self.fj.t("help.wizard", **key_names(self.fj))
