"""``assess(case, as_of)``: what is in place, what is missing, who should act (RULES.md).

A pure function of the case and the day of the check. It never decides eligibility: the
municipality does. Each finding names its legal reference; the texts live in
``content/findings.toml`` (da + en), the legal figures in ``content/parameters.toml``.

Performance: no pydantic validation, no TOML parsing per call (definitions and texts are cached).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .. import content
from ..dates import format_date as _format_date
from ..model import STEP_IDS, Case
from .pension import add_months, pension_for
from .twelve_months import exemptions, twelve_months
from .types import SEVERITY_ORDER, Assessment, Finding, FlexJobDates

#: Age from which a permanent flex job can follow the first one (LAB § 120, stk. 2).
PERMANENT_AGE = 40

_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITY_ORDER)}


@dataclass(frozen=True, slots=True)
class FindingDef:
    """One table of ``findings.toml``."""

    id: str
    severity: str
    responsible: str
    reference: Any  # a string, or a text entry {da, en} when it has words besides citations
    step: str
    message: Any  # the text entry: {da, en, da_du?, en_you?}
    order: int  # position in findings.toml: the stable order within a severity


@cache
def definitions() -> dict[str, FindingDef]:
    """All finding definitions from ``content/findings.toml``, in file order (cached)."""
    out: dict[str, FindingDef] = {}
    for i, (fid, raw) in enumerate(content.load("findings").items()):
        severity = raw["severity"]
        if severity not in _SEVERITY_RANK:
            raise content.ContentError(f"findings.toml: [{fid}] has unknown severity {severity!r}")
        if raw["step"] not in STEP_IDS:
            raise content.ContentError(f"findings.toml: [{fid}] has unknown step {raw['step']!r}")
        out[fid] = FindingDef(
            id=fid,
            severity=severity,
            responsible=raw["responsible"],
            reference=raw["reference"],
            step=raw["step"],
            message=raw["message"],
            order=_SEVERITY_RANK[severity] * 1000 + i,
        )
    return out


@lru_cache(maxsize=512)
def _template(fid: str, lang: str, role: str | None) -> str:
    return content.pick(definitions()[fid].message, lang, role)


def message(fid: str, lang: str, role: str | None = None, **fmt: Any) -> str:
    """A finding's message in a language; the employee's own wording when role is employee."""
    template = _template(fid, lang, role)
    return template.format(**fmt) if fmt else template


@lru_cache(maxsize=1024)
def _static_finding(fid: str, lang: str, role: str | None) -> Finding:
    """A finding whose message has no placeholders (frozen, so one instance can be shared)."""
    d = definitions()[fid]
    return Finding(
        id=fid,
        severity=d.severity,
        responsible=d.responsible,
        message=_template(fid, lang, role),
        reference=content.pick(d.reference, lang),
        step=d.step,
    )


def format_date(day: dt.date, lang: str) -> str:
    """A date in a message, shown as everywhere else in the product (dates.format_date)."""
    return _format_date(day, lang)


@lru_cache(maxsize=256)
def measure_title(measure_id: str, lang: str) -> str:
    """The catalogue title of a measure (content/measures.toml), or the id when there is none."""
    try:
        return content.text("measures", f"{measure_id}.title", lang)
    except (content.ContentError, FileNotFoundError, OSError):
        return measure_id


def _listed(items: list[str]) -> bool:
    return any(isinstance(s, str) and s.strip() for s in items)


def flexjob_dates(start: dt.date) -> FlexJobDates:
    """LAB §§ 120-121: granted for 5 years; follow-up after 2½ years; status after 4½ years."""
    return FlexJobDates(
        start=start,
        follow_up=add_months(start, 2, 6),
        status=add_months(start, 4, 6),
        end=add_months(start, 5),
    )


def assess(case: Case, as_of: dt.date, lang: str | None = None) -> Assessment:
    """The assessment of a case on the day ``as_of`` (RULES.md sections 1-4, 5 and 7).

    The messages are in ``lang`` when given (the wizard's language), else in the case's own.
    """
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    lang = lang or case.case.language or "da"
    role = case.case.role or "employee"
    defs = definitions()
    found: list[Finding] = []

    def add(fid: str, **fmt: Any) -> None:
        if not fmt:
            found.append(_static_finding(fid, lang, role))
            return
        d = defs[fid]
        found.append(
            Finding(
                id=fid,
                severity=d.severity,
                responsible=d.responsible,
                message=message(fid, lang, role, **fmt),
                reference=content.pick(d.reference, lang),
                step=d.step,
            )
        )

    person = case.person
    eligibility = case.eligibility
    self_employed = person.self_employed is True

    # --- 1. State pension age (lov om social pension § 1 a; LAB § 116, stk. 1) --------------------
    birth = person.birth_date
    if birth is not None and birth > as_of:
        # A typing slip in a hand-edited file (the wizard refuses it): no pension dates from it.
        add("birth_date_in_future", birth_date=format_date(birth, lang))
        pension = None
    else:
        pension = pension_for(birth) if birth is not None else None
        if pension is None:
            add("birth_date_missing")
    if pension is not None and as_of >= pension.date:
        add("over_pension_age", pension_date=format_date(pension.date, lang))

    # --- 3. Pensions that exclude a flex job (LAB § 116, stk. 1) ----------------------------------
    receives = person.receives_disability_pension
    if receives == "yes":
        add("receives_disability_pension")
    elif receives is None or receives == "unknown":
        add("disability_pension_unanswered")
    if person.disability_pension_claim_pending == "yes":
        add("disability_pension_claim_pending")

    # --- 2. The 12-month rule (LAB § 119) ---------------------------------------------------------
    held = exemptions(case, as_of, pension)
    tm = twelve_months(case, as_of, pension, held)
    if tm.applies:
        if tm.start is None:
            add("special_terms_start_missing")
        elif not tm.met:
            add("twelve_months_not_met", met_on=format_date(tm.met_on, lang))
        agreement = case.agreement
        if agreement.written != "yes":
            add("written_agreement_missing")
        if not _listed(agreement.difficult_functions):
            add("difficult_functions_missing")
        if not _listed(agreement.accommodations):
            add("accommodations_missing")
        if agreement.attempt_documented != "yes":
            add("attempt_not_documented")

    # --- 3. Work capacity (LAB § 116, stk. 1; § 118, stk. 2, nr. 3) ----------------------------
    reduced = eligibility.capacity_reduced
    if reduced == "no":
        add("capacity_not_reduced")
    elif reduced is None or reduced == "unknown" or eligibility.capacity_assessed != "yes":
        add("capacity_unclear")

    # --- 3. Measures tried first (LAB § 116, stk. 3): waived when obviously pointless -------------
    # Only the acute-injury and progressive-disease exemptions waive it; ``senior`` does not.
    pointless = "acute_injury" in held or "progressive_disease" in held
    if not pointless and eligibility.relocation_retraining_examined != "yes":
        add("relocation_retraining_not_examined")
    active = [m for m in case.measures if m.status == "tried" or m.status == "ongoing"]
    if not pointless and not self_employed and not active:
        add("no_measures_tried")
    undocumented = [m for m in active if m.documented != "yes"]
    if undocumented:
        titles = []
        for m in undocumented:
            if m.id == "other":
                titles.append((m.title or "").strip() or measure_title("other", lang))
            else:
                titles.append(measure_title(m.id, lang))
        add("measures_undocumented", measures=", ".join(titles))

    # Seed 004's progressive-disease exception rests on guidance, not on § 119: always say so.
    if eligibility.progressive_disease == "yes" and not self_employed:
        add("progressive_disease_note")

    # --- 5. Self-employed (LAB § 126; BEK nr. 1794/2025 § 1) --------------------------------------
    if self_employed:
        se = case.self_employment
        if se.main_occupation == "no":
            add("self_employed_not_main_occupation")
        elif se.main_occupation is None or se.main_occupation == "unknown":
            add("self_employed_main_occupation_unclear")
        months = se.months_30h_last_24
        if months is None:
            add("self_employed_hours_missing")
        elif months < 12:
            add("self_employed_hours_not_met", months=months)

    # --- Whom to contact early (seeds 000 and 004) ------------------------------------------------
    contacts = case.contacts
    if not self_employed:
        # A workplace's HR, the manager and the union representative: not for the self-employed.
        if contacts.hr != "yes":
            add("hr_not_contacted")
        if contacts.home_municipality != "yes":
            add("home_municipality_not_contacted")
    if contacts.jobcenter != "yes":
        add("jobcenter_not_contacted")
    if not self_employed and contacts.union != "yes":
        add("union_not_involved")

    found.sort(key=lambda f: defs[f.id].order)
    findings = tuple(found)

    # --- Status and step states ------------------------------------------------------------------
    blocker_steps = set()
    missing_steps = set()
    for f in findings:
        if f.severity == "blocker":
            blocker_steps.add(f.step)
        elif f.severity == "missing":
            missing_steps.add(f.step)
    if blocker_steps:
        status = "not_eligible"
    elif missing_steps:
        status = "missing"
    else:
        status = "ready"
    step_states = {
        step: "blocker" if step in blocker_steps else "missing" if step in missing_steps
        else "complete"
        for step in STEP_IDS
    }

    # --- 4. Duration (LAB §§ 120-121) ----------------------------------------------------------
    turns_40 = None
    if birth is not None:
        forty = add_months(birth, PERMANENT_AGE)
        if as_of < forty:
            turns_40 = forty
    start = case.flexjob.start
    flexjob = flexjob_dates(start) if start is not None else None

    return Assessment(
        as_of=as_of,
        language=lang,
        status=status,
        pension=pension,
        twelve_months=tm,
        findings=findings,
        turns_40=turns_40,
        flexjob=flexjob,
        step_states=step_states,
    )
