"""``assess(case, as_of)``: what is in place, what is missing, who should act (RULES.md).

A pure function of the case and the day of the check. It never decides eligibility: the
municipality does. Each finding names its legal reference; the texts live in
``content/findings.toml`` (da + en), the legal figures in ``content/parameters.toml``.

Performance: no pydantic validation, no TOML parsing per call (definitions and texts are cached).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from .. import content
from ..case.dates import format_date as _format_date
from ..case.model import STEP_IDS, Case
from .follow_up import follow_up_gap
from .law import law_basis
from .pension import add_months, pension_for
from .subsidy import case_estimate
from .twelve_months import exemptions, twelve_months
from .types import SEVERITY_ORDER, WAITING_IDS, Assessment, Finding, FlexJobDates
from .unknown_dates import OWNER, find_by, not_known

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
    variants: Any = None  # {name: {message, reference?}}: other wordings of the same finding
    retired: bool = False  # kept for old readers of the JSON, never raised (RULES.md section 7)
    extra: Any = None  # the table itself: text entries a finding's message is built from


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
            variants=raw.get("variants") or {},
            retired=bool(raw.get("retired", False)),
            extra=raw,
        )
    return out


def _voice(entry: Any, lang: str, role: str | None) -> str:
    """The wording for the reader (RULES.md section 7, one act, one owner): ``da_du`` /
    ``en_you`` for the employee, ``da_manager`` / ``en_manager`` and ``da_union_rep`` /
    ``en_union_rep`` where the manager or the union representative needs its own words
    ("bed lederen om …"), else ``da`` / ``en``."""
    if isinstance(entry, dict) and role in ("manager", "union_rep"):
        own = entry.get(f"{lang if lang in ('da', 'en') else 'da'}_{role}")
        if own:
            return own
    return content.pick(entry, lang, role)


@lru_cache(maxsize=1024)
def _template(fid: str, lang: str, role: str | None, variant: str | None = None) -> str:
    d = definitions()[fid]
    if variant is not None and variant in d.variants:
        return _voice(d.variants[variant]["message"], lang, role)
    return _voice(d.message, lang, role)


@lru_cache(maxsize=512)
def _reference(fid: str, lang: str, variant: str | None = None) -> str:
    d = definitions()[fid]
    if variant is not None and "reference" in d.variants.get(variant, {}):
        return content.pick(d.variants[variant]["reference"], lang)
    return content.pick(d.reference, lang)


def message(fid: str, lang: str, role: str | None = None, variant: str | None = None,
            **fmt: Any) -> str:
    """A finding's message in a language; the employee's own wording when role is employee.

    ``variant`` picks another wording of the same finding (``findings.toml`` ``variants``), e.g.
    ``unknown`` ("det er ikke oplyst, om …") when a "ved ikke" answer raised it.
    """
    template = _template(fid, lang, role, variant)
    return template.format(**fmt) if fmt else template


@lru_cache(maxsize=2048)
def _static_finding(fid: str, lang: str, role: str | None, variant: str | None,
                    due: dt.date | None) -> Finding:
    """A finding whose message has no placeholders (frozen, so one instance can be shared)."""
    d = definitions()[fid]
    return Finding(
        id=fid,
        severity=d.severity,
        responsible=d.responsible,
        message=_template(fid, lang, role, variant),
        reference=_reference(fid, lang, variant),
        step=d.step,
        due=due,
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


def flexjob_dates(start: dt.date, pension_date: dt.date | None = None) -> FlexJobDates:
    """LAB §§ 120-121: granted for 5 years; follow-up after 2½ years; status after 4½ years.

    With a pension date, no date on or after it is a flex-job date (LAB § 116, stk. 1; RULES.md
    section 4): the follow-up and the status are None then, and the job ends at the latest on
    the pension date.
    """
    follow_up = add_months(start, 2, 6)
    status = add_months(start, 4, 6)
    end = add_months(start, 5)
    ends_at_pension = pension_date is not None and pension_date < end
    if pension_date is not None:
        follow_up = follow_up if follow_up < pension_date else None
        status = status if status < pension_date else None
        end = min(end, pension_date)
    return FlexJobDates(start=start, follow_up=follow_up, status=status, end=end,
                        ends_at_pension=ends_at_pension)


#: Findings that are due on ``met_on`` while the twelve months are still running (RULES.md §7):
#: the documentation must be in place when the twelve months are reached.
DUE_ON_MET: frozenset[str] = frozenset({
    "twelve_months_not_met", "attempt_not_documented", "measures_undocumented",
})

#: Findings that are due now (``due`` None, worded "nu" with the reason): the written agreement
#: shows when the 12 months started, and the municipality may count them from its signing.
DUE_NOW: frozenset[str] = frozenset({
    "written_agreement_missing", "difficult_functions_missing", "accommodations_missing",
})

#: Who at the workplace (or the doctor) acts: an open ``missing`` finding of theirs holds a case
#: back. Findings the municipality acts on never do (it can only act once contacted).
PEOPLE = frozenset({"employee", "manager", "union_rep", "doctor"})

#: The one finding that only needs time: the case waits for it (status ``waiting``).
WAITING = WAITING_IDS


def holds_back(f: Finding) -> bool:
    """A ``missing`` finding someone at the workplace (or the doctor) must act on now."""
    return f.severity == "missing" and f.responsible in PEOPLE and f.id not in WAITING


def is_waiting(f: Finding) -> bool:
    """The finding only needs time (the twelve months running)."""
    return f.id in WAITING


def is_municipality(f: Finding) -> bool:
    """What the municipality will assess or decide once it is contacted."""
    return f.responsible == "municipality"


def _copenhagen(employer: str | None) -> bool:
    """Seed 000 names Københavns Kommune's own offices: only for that employer."""
    if not employer:
        return False
    text = " ".join(employer.casefold().split())
    return "københavns kommune" in text or "kobenhavns kommune" in text


def home_municipality_words(name: str | None, lang: str, role: str) -> str:
    """"Vejle Kommune" for the answer "Vejle"; else the role's words ("din hjemkommune")."""
    name = (name or "").strip()
    if not name:
        return content.text("report", f"next_steps.home_municipality.{role}", lang)
    if "kommune" in name.lower() or "municipality" in name.lower():
        return name
    return content.text("report", "next_steps.municipality", lang, town=name)


def assess(case: Case, as_of: dt.date, lang: str | None = None) -> Assessment:
    """The assessment of a case on the day ``as_of`` (RULES.md sections 1-5 and 7).

    The messages are in ``lang`` when given (the wizard's language), else in the case's own.
    """
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    lang = lang or case.case.language or "da"
    role = case.case.role or "employee"
    defs = definitions()
    found: list[Finding] = []
    due_on: dict[str, dt.date] = {}

    def add(fid: str, variant: str | None = None, responsible: str | None = None,
            **fmt: Any) -> None:
        d = defs[fid]
        if d.retired:
            return
        due = due_on.get(fid)
        if not fmt and responsible is None:
            found.append(_static_finding(fid, lang, role, variant, due))
            return
        found.append(
            Finding(
                id=fid,
                severity=d.severity,
                responsible=responsible or d.responsible,
                message=message(fid, lang, role, variant, **fmt),
                reference=_reference(fid, lang, variant),
                step=d.step,
                due=due,
            )
        )

    def unknown(answer: str | None) -> str | None:
        """The wording for a "ved ikke" answer: "det er ikke oplyst, om …"."""
        return "unknown" if answer == "unknown" else None

    person = case.person
    eligibility = case.eligibility
    self_employed = person.self_employed is True

    # --- Dates answered "ved ikke": who can find each one, and by when (RULES.md section 7).
    # Each takes the place of the date's "… mangler" finding (one act, once).
    unknown_dates = not_known(case)
    by = find_by(case, as_of)
    if by is not None:  # else as soon as possible, with the reason (view.words.due_text)
        due_on["date_not_known"] = by
    for key in unknown_dates:
        owner, step = OWNER[key]
        add("date_not_known", key.replace(".", "_"), responsible=owner)
        # The next follow-up meeting is practice, not law: not known, it is advice, as no date
        # is (a tester found "ved ikke" turning a ready case into "missing").
        severity = "advice" if key == "follow_up.next_meeting" else found[-1].severity
        found[-1] = replace(found[-1], step=step, severity=severity)

    # --- 1. State pension age (lov om social pension § 1 a; LAB § 116, stk. 1) --------------------
    birth = person.birth_date
    if birth is not None and birth > as_of:
        # A typing slip in a hand-edited file (the wizard refuses it): no pension dates from it.
        add("birth_date_in_future", birth_date=format_date(birth, lang))
        pension = None
    else:
        pension = pension_for(birth) if birth is not None else None
        if pension is None and "person.birth_date" not in unknown_dates:
            add("birth_date_missing")
    if pension is not None and as_of >= pension.date:
        add("over_pension_age", pension_date=format_date(pension.date, lang))
    # A flex job is only for a person under the state pension age (LAB § 116, stk. 1; BEK nr.
    # 1794/2025 § 1, stk. 1, nr. 4): one planned to start on or after that day cannot be.
    if pension is not None and case.flexjob.start is not None \
            and case.flexjob.start >= pension.date:
        add("flexjob_start_after_pension_age", flexjob_start=format_date(case.flexjob.start, lang),
            pension_date=format_date(pension.date, lang))

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
    if tm.applies and tm.met_on is not None and as_of < tm.met_on:
        # The documentation must be in place when the twelve months are reached.
        due_on = dict.fromkeys(DUE_ON_MET, tm.met_on)
    if tm.applies:
        agreement = case.agreement
        if tm.start is None:
            if "employment.special_terms_start" not in unknown_dates:  # else: who finds it
                add("special_terms_start_missing")
        elif not tm.met:
            mark = pension.six_year_mark if pension is not None else None
            # The waiting item names the exemption the answers may point to (RULES.md §7).
            el = case.eligibility
            maybe = el.acute_injury == "yes" or el.progressive_disease == "yes"
            note = (content.pick(defs["twelve_months_not_met"].extra["exemption_note"], lang)
                    if maybe else "")
            if mark is not None and mark < tm.met_on:
                add("twelve_months_not_met", "six_years", met_on=format_date(tm.met_on, lang),
                    six_year_mark=format_date(mark, lang), exemption_note=note)
            else:
                add("twelve_months_not_met", met_on=format_date(tm.met_on, lang),
                    exemption_note=note)
        if tm.start is not None and agreement.signed_on is not None \
                and agreement.signed_on > tm.start:
            add("agreement_signed_after_start",
                start=format_date(tm.start, lang),
                signed_on=format_date(agreement.signed_on, lang),
                met_from_signing=format_date(add_months(agreement.signed_on, 1), lang))
        flex_start = case.flexjob.start
        # "forinden" only binds while there are more than 6 years to the pension date: a flex
        # job that starts on or after the six-year mark is outside § 119, stk. 1.
        mark = pension.six_year_mark if pension is not None else None
        if flex_start is not None and tm.met_on is not None and flex_start < tm.met_on \
                and (mark is None or flex_start < mark):
            add("flexjob_start_before_twelve_months",
                flexjob_start=format_date(flex_start, lang), met_on=format_date(tm.met_on, lang))
        if agreement.written != "yes":
            add("written_agreement_missing", unknown(agreement.written))
        if not _listed(agreement.difficult_functions):
            add("difficult_functions_missing")
        if not _listed(agreement.accommodations):
            add("accommodations_missing")
        if agreement.attempt_documented != "yes":
            add("attempt_not_documented", unknown(agreement.attempt_documented))
        gap = follow_up_gap((m.date for m in case.meetings), tm.start, tm.met_on, as_of)
        if gap is not None:  # practice, not law: the municipalities ask for a continuing dialogue
            add("meetings_far_apart", first=format_date(gap[0], lang),
                second=format_date(gap[1], lang))

    # --- 3. Work capacity (LAB § 116, stk. 1; § 118, stk. 2, nr. 3) ----------------------------
    # Self-employed: judged against the work in the business (BEK nr. 1794/2025 § 1, stk. 1, nr. 1).
    own = "self" if self_employed else None
    reduced = eligibility.capacity_reduced
    if reduced == "no":
        add("capacity_not_reduced", own)
    elif reduced is None or reduced == "unknown" or eligibility.capacity_assessed != "yes":
        # "Ved ikke" to either question reads "det er ikke oplyst, om …" (RULES.md section 7).
        if reduced == "unknown":
            variant = "self_unknown" if self_employed else "unknown"
        elif eligibility.capacity_assessed == "unknown":
            variant = "self_assessed_unknown" if self_employed else "assessed_unknown"
        else:
            variant = own
        add("capacity_unclear", variant)
    # "Varigt" needs medical evidence; refusing invasive treatment may not count (§ 118, stk. 3).
    if eligibility.medical_documentation != "yes" and reduced != "no":
        add("medical_documentation_advice", unknown(eligibility.medical_documentation))

    # --- 3. Measures tried first (LAB § 116, stk. 3): waived when obviously pointless -------------
    # Only the acute-injury and progressive-disease exemptions waive it; ``senior`` does not.
    # Not for the self-employed: there is no workplace to be relocated at (RULES.md section 5).
    pointless = "acute_injury" in held or "progressive_disease" in held
    examined = eligibility.relocation_retraining_examined
    if not pointless and not self_employed and examined != "yes":
        add("relocation_retraining_not_examined", unknown(examined))
    active = [m for m in case.measures if m.status == "tried" or m.status == "ongoing"]
    if not pointless and not self_employed and not active:
        add("no_measures_tried")
    undocumented = [m for m in active if m.documented != "yes"]
    if undocumented:
        def title(m) -> str:
            if m.id == "other":
                return (m.title or "").strip() or measure_title("other", lang)
            return measure_title(m.id, lang)

        not_done = [title(m) for m in undocumented if m.documented != "unknown"]
        not_told = [title(m) for m in undocumented if m.documented == "unknown"]
        if not_done and not_told:
            add("measures_undocumented", "mixed", measures=", ".join(not_done),
                unknown_measures=", ".join(not_told))
        elif not_told:
            add("measures_undocumented", "unknown", measures=", ".join(not_told))
        else:
            add("measures_undocumented", measures=", ".join(not_done))

    # Seed 004's progressive-disease exception: how it can apply, or that it rests on the
    # municipality's concrete assessment (it is not a rule of its own in § 119).
    if eligibility.progressive_disease == "yes" and not self_employed:
        if "senior" in held:
            note = "senior"  # the 12-month rule does not apply anyway: 6 years or less
        elif "progressive_disease" in held:
            note = "held"
        else:
            note = None
        add("progressive_disease_note", note)
    # An exemption that rests on the person's own answers: only the municipality can decide it
    # (LAB § 119, stk. 3; § 116, stk. 3; RULES.md section 2).
    if not self_employed and pointless:
        add("exemption_to_be_assessed",
            "acute_injury" if "acute_injury" in held else "progressive_disease")

    # --- 5. Self-employed (LAB § 126; BEK nr. 1794/2025 § 1) --------------------------------------
    if self_employed:
        se = case.self_employment
        if se.main_occupation == "no":
            add("self_employed_not_main_occupation")
        elif se.main_occupation is None or se.main_occupation == "unknown":
            add("self_employed_main_occupation_unclear")
        if se.excluded_benefits == "yes":
            add("self_employed_receives_excluded_benefit")
        # The 30-hour rule binds only before the first grant (BEK nr. 1794/2025 § 1, stk. 1, nr. 5).
        months = se.months_30h_last_24
        if se.first_grant == "no":
            pass
        elif months is None:
            add("self_employed_hours_missing")
        elif months < 12:
            if se.benefit_periods == "no":
                add("self_employed_hours_not_met", months=months)
            else:
                add("self_employed_hours_extension_possible",
                    "yes" if se.benefit_periods == "yes" else None, months=months)

    # --- Meetings: the minutes of the 12 months need dates (LAB § 119, stk. 2) --------------------
    undated = sum(1 for m in case.meetings if m.date is None)
    if undated:
        add("meeting_date_missing", None if undated == 1 else "many", responsible=role,
            count=undated)

    # --- Whom to contact early (seeds 000 and 004) ------------------------------------------------
    contacts = case.contacts
    if not self_employed and contacts.hr != "yes":
        # A workplace's HR: not for the self-employed. Københavns Kommune's own offices only there.
        add("hr_not_contacted", "kk" if _copenhagen(case.employment.employer) else None)
    # An old file's "jobcentret er kontaktet" is the municipality contacted (lov nr. 1750/2025).
    if contacts.home_municipality != "yes" and contacts.jobcenter != "yes":
        # Sick-leave words only when the case says so (sygedagpengeloven § 13 f; RULES.md §3).
        sick = person.sick_leave in ("yes", "partly")
        variant = ("self_sick" if sick else "self") if self_employed else ("sick" if sick else None)
        add("home_municipality_not_contacted", variant,
            checked_on=format_date(law_basis().checked_on, lang),
            municipality=home_municipality_words(person.home_municipality, lang, role))
    # ``jobcenter_not_contacted`` is retired (lov nr. 1750/2025: the law says "kommunen").
    if not self_employed and contacts.union != "yes":
        add("union_not_involved")

    if _copenhagen(case.employment.employer):
        # Københavns Kommune's own guide is cited only when it is the employer (RULES.md §7).
        found = [replace(f, reference=f"{f.reference}; {content.pick(kk, lang)}")
                 if (kk := defs[f.id].extra.get("reference_kk")) else f for f in found]
    found.sort(key=lambda f: defs[f.id].order)
    findings = tuple(found)

    # --- Status and step states (RULES.md section 7) -----------------------------------------------
    blocker_steps: set[str] = set()
    missing_steps: set[str] = set()
    waiting_steps: set[str] = set()
    municipality_steps: set[str] = set()
    for f in findings:
        if f.severity == "blocker":
            blocker_steps.add(f.step)
        elif f.severity != "missing":
            continue
        elif holds_back(f):
            missing_steps.add(f.step)
        elif is_waiting(f):
            waiting_steps.add(f.step)
        else:
            municipality_steps.add(f.step)
    if blocker_steps:
        status = "not_eligible"
    elif missing_steps:
        status = "missing"
    elif waiting_steps:
        status = "waiting"
    else:
        status = "ready"

    def step_state(step: str) -> str:
        if step in blocker_steps:
            return "blocker"
        if step in missing_steps:
            return "missing"
        if step in waiting_steps:
            return "waiting"
        if step in municipality_steps:
            return "municipality"
        return "complete"

    step_states = {step: step_state(step) for step in STEP_IDS}

    # --- 4. Duration (LAB §§ 120-121) ----------------------------------------------------------
    turns_40 = None
    if birth is not None:
        forty = add_months(birth, PERMANENT_AGE)
        if as_of < forty:
            turns_40 = forty
    start = case.flexjob.start
    flexjob = (flexjob_dates(start, pension.date if pension is not None else None)
               if start is not None else None)

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
        estimate=case_estimate(case, as_of),
        six_years_or_less=("senior" in held) if pension is not None else None,
    )
