"""Step 3, Tjekliste: the written agreement (LAB § 119, stk. 2), the manager's documented attempt,
and whom has been contacted. For the self-employed only the home municipality is asked.

One contact question for the municipality: the home municipality (lov nr. 1750/2025 says
"kommunen"). ``contacts.jobcenter`` still loads from old files but is no longer asked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import StepPane


class ChecklistStep(StepPane):
    step_id = "checklist"

    def compose_fields(self) -> ComposeResult:
        a = self.case.agreement
        c = self.case.contacts
        if self.case.person.self_employed:
            yield Static(self.t("checklist.self_employed_note"), classes="note")
        else:
            yield self.answer(a, "written", "agreement.written")
            yield self.date(a, "signed_on", "agreement.signed_on")
            yield self.items(a, "difficult_functions", "agreement.difficult_functions")
            yield self.items(a, "accommodations", "agreement.accommodations")
            yield self.answer(a, "attempt_documented", "agreement.attempt_documented")
        yield Static(self.t("checklist.contacts"), classes="subhead")
        if not self.case.person.self_employed:
            yield self.answer(c, "hr", "contacts.hr")
        yield self.answer(c, "home_municipality", "contacts.home_municipality")
        if not self.case.person.self_employed:
            yield self.answer(c, "union", "contacts.union")
