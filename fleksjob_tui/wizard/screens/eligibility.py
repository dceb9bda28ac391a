"""Step 5, Betingelser: work capacity and the medical documentation that it is lasting, relocation
and retraining, and the exceptions to the 12-month rule, each explained in the seeds' plain words.

For the self-employed the capacity is asked against the work in the business, and neither
relocation at a workplace nor the § 119 exceptions are asked (RULES.md section 5).
"""

from __future__ import annotations

from textual.app import ComposeResult

from .base import StepPane


class EligibilityStep(StepPane):
    step_id = "eligibility"

    def compose_fields(self) -> ComposeResult:
        e = self.case.eligibility
        self_employed = bool(self.case.person.self_employed)
        yield self.answer(e, "capacity_reduced", "eligibility.capacity_reduced_self"
                          if self_employed else "eligibility.capacity_reduced")
        yield self.answer(e, "capacity_assessed", "eligibility.capacity_assessed")
        yield self.answer(e, "medical_documentation", "eligibility.medical_documentation")
        if not self_employed:
            yield self.answer(
                e, "relocation_retraining_examined", "eligibility.relocation_retraining_examined"
            )
            yield self.answer(e, "acute_injury", "eligibility.acute_injury")
            yield self.answer(e, "retention_pointless", "eligibility.retention_pointless")
            yield self.answer(e, "progressive_disease", "eligibility.progressive_disease")
        # Who wrote the medical statement and when (the municipality's version names it only
        # then): after the yes/no questions, so that one letter per answer runs through them.
        yield self.text(e, "medical_source", "eligibility.medical_source")
        yield self.date(e, "medical_date", "eligibility.medical_date", latest=self.fj.as_of)
        yield self.date(self.case.flexjob, "start", "flexjob.start")
