"""Step 9, Overblik: the assessment in plain words, key dates, what is missing and who should
provide it — the same Rich summary as ``fleksjob summary``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ..report import render_summary
from ..rules.types import Assessment
from .base import StepPane


class SummaryStep(StepPane):
    step_id = "summary"

    def compose_fields(self) -> ComposeResult:
        yield Static("", id="summary-body")

    def assessment_changed(self, assessment: Assessment | None) -> None:
        if assessment is None:
            return
        self.query_one("#summary-body", Static).update(
            render_summary(self.case, assessment, self.lang)
        )
        box = self.query_one(".step-findings", Static)
        box.display = False
