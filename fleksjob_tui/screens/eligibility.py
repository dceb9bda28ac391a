"""Step 5, Betingelser: work capacity, relocation and retraining, and the exceptions to the
12-month rule, each explained in the seeds' plain words."""

from __future__ import annotations

from textual.app import ComposeResult

from .base import StepPane


class EligibilityStep(StepPane):
    step_id = "eligibility"

    def compose_fields(self) -> ComposeResult:
        e = self.case.eligibility
        yield self.answer(e, "capacity_reduced", "eligibility.capacity_reduced")
        yield self.answer(e, "capacity_assessed", "eligibility.capacity_assessed")
        yield self.answer(
            e, "relocation_retraining_examined", "eligibility.relocation_retraining_examined"
        )
        yield self.answer(e, "acute_injury", "eligibility.acute_injury")
        yield self.answer(e, "retention_pointless", "eligibility.retention_pointless")
        yield self.answer(e, "progressive_disease", "eligibility.progressive_disease")
        yield self.date(self.case.flexjob, "start", "flexjob.start")
