"""Step 2, Ansættelsen: employer, job, the weekly hours (normal and now), agreement, social
chapter, the start on special terms (with the day the 12 months are reached), and the people
around the case (manager, union representative and union, HR; names only), then who sends the
municipality's version and the workplace contact (name, phone and e-mail at work). For the self-employed
these questions are replaced by a note: § 119 does not apply to them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ... import content
from ...case.dates import format_date
from ...rules.types import Assessment
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
        yield self.number(e, "normal_weekly_hours", "employment.normal_weekly_hours")
        yield self.number(e, "current_weekly_hours", "employment.current_weekly_hours")
        yield self.text(e, "collective_agreement", "employment.collective_agreement")
        yield self.answer(e, "has_social_chapter", "employment.has_social_chapter")
        yield self.date(e, "special_terms_start", "employment.special_terms_start")
        yield Static(self.t("employment.people"), classes="subhead")
        people = self.case.people
        yield self.text(people, "manager", "people.manager")
        yield self.text(people, "union_rep", "people.union_rep")
        yield self.text(people, "union", "people.union")
        yield self.text(people, "hr", "people.hr")
        # Only for the municipality's version: who sends it, whom the caseworker contacts.
        sender = self.case.sender
        yield self.text(sender, "name", "sender.name")
        yield self.text(sender, "contact_name", "sender.contact_name")
        yield self.text(sender, "contact_phone", "sender.contact_phone")
        yield self.text(sender, "contact_email", "sender.contact_email")

    def field_info(self, assessment: Assessment | None) -> dict[str, str | None]:
        if assessment is None or self.case.person.self_employed:
            return {}
        tm = assessment.twelve_months
        if tm.exemption is not None:
            start = self.t(f"employment.exempt.{tm.exemption}")
        elif tm.met_on is not None:
            key = "employment.met" if tm.met else "employment.met_on"
            start = self.t(key, date=format_date(tm.met_on, self.lang))
        else:
            start = None
        return {
            "f-employment-current_weekly_hours": hours_text(self.case.employment, self.lang),
            "f-employment-special_terms_start": start,
        }


def hours_text(employment, lang: str) -> str | None:
    """"37 → 25 timer om ugen (12 timer færre)", or None until both are answered."""
    normal, now = employment.normal_weekly_hours, employment.current_weekly_hours
    if normal is None or now is None:
        return None

    def h(x: float) -> str:
        return (str(int(x)) if float(x).is_integer() else f"{x:g}").replace(".", ",")

    less = normal - now
    key = "employment.hours_less" if less > 0 else "employment.hours_same"
    return content.ui(key, lang, normal=h(normal), now=h(now), less=h(abs(less)))
