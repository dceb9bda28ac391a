"""Step 8, Økonomi (optional): the wage-subsidy estimate from the case's [economy] table, live.

The figures and the formula live in the rules package; this step only collects the numbers and
shows the estimate the rules compute, always labelled "vejledende" (an estimate), in the same
words as ``fleksjob tilskud`` and the summary (:mod:`fleksjob_tui.view.estimate`), wrapping to the
pane's width.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ... import content
from ...rules.types import Assessment
from ...view.estimate import lines, renderable
from .base import StepPane


class EconomyStep(StepPane):
    step_id = "economy"

    def compose_fields(self) -> ComposeResult:
        e = self.case.economy
        if self.case.person.self_employed:
            yield self.number(e, "business_income", "economy.business_income")
        else:
            yield self.number(e, "hourly_wage", "economy.hourly_wage")
            yield self.number(e, "paid_hours_per_week", "economy.paid_hours_per_week")
            yield self.number(e, "full_time_monthly_wage", "economy.full_time_monthly_wage")
        yield self.number(e, "year", "economy.year", integer=True)
        yield Static("", id="economy-result", classes="result")

    def field_info(self, assessment: Assessment | None) -> dict[str, str | None]:
        """Under "Fuldtidsløn": full time is the agreement's full-time hours (37), not the
        hours of the position."""
        if self.case.person.self_employed:
            return {}
        return {"f-economy-full_time_monthly_wage": content.text(
            "questions", "economy.full_time_monthly_wage.hint", self.lang)}

    def assessment_changed(self, assessment: Assessment | None) -> None:
        super().assessment_changed(assessment)
        # The estimate the rules computed with the assessment (Assessment.estimate).
        found = assessment.estimate if assessment is not None else None
        shown = lines(found, self.lang, detail=True, when_missing=True)
        self.query_one("#economy-result", Static).update(renderable(shown))
