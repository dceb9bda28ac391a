"""Step 6, Selvstændig: only for the self-employed (LAB § 126, BEK nr. 1794/2025 § 1): main
occupation, the months with at least 30 hours a week, and the benefit periods that extend the
24-month window (§ 1, stk. 2); and the phone and e-mail the municipality's version gives."""

from __future__ import annotations

from textual.app import ComposeResult

from .base import StepPane


class SelfEmploymentStep(StepPane):
    step_id = "self_employment"

    def compose_fields(self) -> ComposeResult:
        s = self.case.self_employment
        yield self.answer(s, "main_occupation", "self_employment.main_occupation")
        yield self.number(s, "months_30h_last_24", "self_employment.months_30h_last_24", integer=True)
        yield self.answer(s, "benefit_periods", "self_employment.benefit_periods")
        yield self.answer(s, "first_grant", "self_employment.first_grant")
        yield self.answer(s, "excluded_benefits", "self_employment.excluded_benefits")
        # Only for the municipality's version: how the caseworker reaches the person.
        sender = self.case.sender
        yield self.text(sender, "contact_phone", "sender.contact_phone_self")
        yield self.text(sender, "contact_email", "sender.contact_email_self")
