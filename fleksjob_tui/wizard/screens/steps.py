"""The wizard's steps, in order: step id → the pane that shows it.

A step's module is imported when the step is first shown, not at start: the wizard opens at one
step, and the others (the summary with the export, the list editors) would only delay its first
paint. Each module is named after its step id.
"""

from __future__ import annotations

import importlib
from functools import cache

from .base import StepPane

#: step id → name of the pane class in ``screens/<step id>.py``
PANES: dict[str, str] = {
    "person": "PersonStep",
    "employment": "EmploymentStep",
    "checklist": "ChecklistStep",
    "measures": "MeasuresStep",
    "eligibility": "EligibilityStep",
    "self_employment": "SelfEmploymentStep",
    "meetings": "MeetingsStep",
    "economy": "EconomyStep",
    "summary": "SummaryStep",
}


@cache
def pane_class(step: str) -> type[StepPane]:
    """The pane class of ``step`` (its module imported on first use)."""
    module = importlib.import_module(f"{__package__}.{step}")
    return getattr(module, PANES[step])
