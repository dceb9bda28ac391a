"""The wizard's steps, in order: step id → the pane that shows it."""

from __future__ import annotations

from .base import StepPane
from .checklist import ChecklistStep
from .economy import EconomyStep
from .eligibility import EligibilityStep
from .employment import EmploymentStep
from .measures import MeasuresStep
from .meetings import MeetingsStep
from .person import PersonStep
from .self_employment import SelfEmploymentStep
from .summary import SummaryStep

STEPS: dict[str, type[StepPane]] = {
    cls.step_id: cls
    for cls in (
        PersonStep,
        EmploymentStep,
        ChecklistStep,
        MeasuresStep,
        EligibilityStep,
        SelfEmploymentStep,
        MeetingsStep,
        EconomyStep,
        SummaryStep,
    )
}
