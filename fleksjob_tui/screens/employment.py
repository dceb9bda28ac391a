"""Step 2, Ansættelsen: employer, job, agreement, social chapter, and the start on special terms
(with the day the 12 months are reached). For the self-employed the special-terms questions are
replaced by a note: § 119 does not apply to them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ..dates import format_date
from ..rules.types import Assessment
from .base import StepPane


class EmploymentStep(StepPane):
    step_id = "employment"

    def compose_fields(self) -> ComposeResult:
        e = self.case.employment
        if self.case.person.self_employed:
            yield Static(self.t("employment.self_employed_note"), classes="note")
            return
        yield self.text(e, "employer", "employment.employer")
        yield self.text(e, "workplace", "employment.workplace")
        yield self.text(e, "job_title", "employment.job_title")
        yield self.text(e, "collective_agreement", "employment.collective_agreement")
        yield self.answer(e, "has_social_chapter", "employment.has_social_chapter")
        yield self.date(e, "special_terms_start", "employment.special_terms_start")

    def assessment_changed(self, assessment: Assessment | None) -> None:
        super().assessment_changed(assessment)
        if assessment is None or self.case.person.self_employed:
            return
        field = self.query_one("#f-employment-special_terms_start")
        tm = assessment.twelve_months
        if tm.exemption is not None:
            field.show_info(self.t(f"employment.exempt.{tm.exemption}"))
        elif tm.met_on is not None:
            key = "employment.met" if tm.met else "employment.met_on"
            field.show_info(self.t(key, date=format_date(tm.met_on, self.lang)))
        else:
            field.show_info(None)
