"""Step 1, Personen: name, birth date (with the pension age it implies), municipality, pensions,
and the case's title (shown on the start screen)."""

from __future__ import annotations

import re

from textual.app import ComposeResult

from ... import content
from ...case.dates import format_date
from ...case.model import SICK_LEAVE
from ...content import LANGUAGES
from ...rules.types import Assessment
from .base import StepPane


class PersonStep(StepPane):
    step_id = "person"

    def compose_fields(self) -> ComposeResult:
        p = self.case.person
        # The title first: a new case has one already, so a reopened case starts on the name.
        # A title the program made ("Sag 06-12-2026") is a suggestion: selected when the
        # cursor comes to it (Shift+Tab), so typing replaces it (see on_mount).
        yield self.text(self.case.case, "title", "case.title")
        yield self.text(p, "name", "person.name")
        yield self.date(p, "birth_date", "person.birth_date", latest=self.fj.as_of)
        yield self.text(p, "home_municipality", "person.home_municipality")
        yield self.boolean(p, "self_employed", "person.self_employed")
        yield self.answer(p, "receives_disability_pension", "person.receives_disability_pension")
        yield self.answer(
            p, "disability_pension_claim_pending", "person.disability_pension_claim_pending"
        )
        yield self.options(p, "sick_leave", "person.sick_leave", SICK_LEAVE, "sick_leave")
        yield self.text(p, "full_name", "person.full_name")  # only for the municipality

    def suggested_title(self) -> str | None:
        """The case's title when the program made it (``start.default_title``), else None."""
        title = self.case.case.title or ""
        for lang in LANGUAGES:
            before, _, after = content.ui("start.default_title", lang, date="\0").partition("\0")
            middle = title[len(before):len(title) - len(after)] if after else title[len(before):]
            if (title.startswith(before) and title.endswith(after)
                    and re.fullmatch(r"[0-9]{2}-[0-9]{2}-[0-9]{4}", middle)):
                return title
        return None

    def on_mount(self) -> None:
        super().on_mount()
        suggested = self.suggested_title()
        for box in self.query("#f-case-title .q-input"):
            box.suggested = suggested

    def field_info(self, assessment: Assessment | None) -> dict[str, str | None]:
        if assessment is None:
            return {}
        return {"f-person-birth_date": self.pension_info(assessment)}

    def pension_info(self, assessment: Assessment) -> str | None:
        """The pension age and date the birth date implies, and whether the six years apply."""
        pension = assessment.pension
        if pension is None:
            return None
        age = f"{pension.years}½" if pension.months == 6 else str(pension.years)
        if assessment.six_years_or_less:  # the rules' check (LAB § 119, stk. 1)
            six = self.t("person.six_years_exempt", mark=format_date(pension.six_year_mark, self.lang))
        else:
            six = self.t("person.six_years_applies", mark=format_date(pension.six_year_mark, self.lang))
        return (
            self.t(
                "person.pension_info",
                age=age,
                date=format_date(pension.date, self.lang),
            )
            + "\n"
            + six
        )
