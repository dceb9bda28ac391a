"""What a question field tells the step around it (the wizard recomputes and saves on these)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from .fields import QuestionField


class FieldChanged(Message):
    """An answer in the case changed (already written into the model)."""

    def __init__(self, field: QuestionField) -> None:
        super().__init__()
        self.field = field


class FieldProblem(Message):
    """A field's message about refused input appeared or went away (the step's status follows)."""

    def __init__(self, field: QuestionField) -> None:
        super().__init__()
        self.field = field
