"""The step list beside the wizard: each step with its state from the assessment, in words.

Enter (or a click) on a step jumps to it.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ... import content
from ...rules.types import Assessment

MARK = {"complete": "✓", "missing": "!", "blocker": "✗", "optional": "·", "summary": "»",
        "waiting": "…", "municipality": "→"}


def _state_text(state: str, lang: str) -> str:
    """A step state in words: ui.toml's, or report.toml's for ``waiting`` / ``municipality``
    (a step whose only open item needs time, or is the municipality's: never "mangler")."""
    if content.has("ui", f"step_state.{state}"):
        return content.ui(f"step_state.{state}", lang)
    return content.text("report", f"step_state.{state}", lang)


class StepList(OptionList):
    #: Columns the list takes beside the step (its CSS width below).
    WIDTH = 24

    DEFAULT_CSS = """
    StepList {
        width: 24;
        height: 1fr;
        border: none;
        border-right: vkey $primary;
        padding: 0;
    }
    """

    class Jump(Message):
        def __init__(self, step: str) -> None:
            super().__init__()
            self.step = step

    def __init__(self, lang: str, **kw) -> None:
        super().__init__(**kw)
        self.lang = lang
        self.steps: list[str] = []
        self.current: str | None = None

    def _state_word(self, step: str, assessment: Assessment | None, case,
                    unsaved: bool = False) -> tuple[str, str]:
        if unsaved:  # a typed answer on the step was refused: it is not in the case
            return MARK["missing"], content.ui("step_state.not_saved", self.lang)
        if step == "summary":
            status = assessment.status if assessment else "missing"
            if content.has("ui", f"steplist.status.{status}"):
                return MARK["summary"], content.ui(f"steplist.status.{status}", self.lang)
            return MARK["summary"], content.text("report", f"step_state.summary_{status}",
                                                 self.lang)
        if step == "meetings":
            n = len(case.meetings) if case is not None else 0
            key = "steplist.meeting_one" if n == 1 else "steplist.meetings"
            return MARK["optional"], content.ui(key, self.lang, n=n)
        if step == "economy":
            return MARK["optional"], content.ui("steplist.optional", self.lang)
        state = assessment.step_state(step) if assessment else "complete"
        return MARK.get(state, "!"), _state_text(state, self.lang)

    def show(self, steps: list[str], current: str, assessment: Assessment | None, case,
             unsaved: frozenset[str] = frozenset()) -> None:
        """Fill the list; ``unsaved`` are steps with a refused answer on screen ("ikke gemt")."""
        moved = current != self.current
        self.steps = list(steps)
        self.current = current
        options = []
        for i, step in enumerate(steps, start=1):
            mark, word = self._state_word(step, assessment, case, step in unsaved)
            prompt = Text()
            name = content.ui(f"step.{step}.short", self.lang)
            here = "▶" if step == current else " "
            prompt.append(f"{here}{i} {name}\n", style="bold" if step == current else "")
            prompt.append(f"   {mark} {word}")
            options.append(Option(prompt, id=step))
        highlighted = self.highlighted
        self.set_options(options)
        if current in steps:
            # Keep the user's place while they move through the list; otherwise mark the step shown.
            keep = self.has_focus and not moved and highlighted is not None
            self.highlighted = highlighted if keep else steps.index(current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(event.option.id))
