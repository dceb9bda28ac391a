"""The documentation pack's data: everything the pack says, as plain (unescaped) text in one
language, built once from the case and its assessment. The HTML and Markdown renderers
(:mod:`fleksjob_tui.documents.output`) and the Word pack (:mod:`fleksjob_tui.documents`) only lay it out.

User text is stripped of CPR-like numbers (:func:`redact`). The words come from
``content/export.toml`` (plus the shared words of ``content/report.toml`` and ``ui.toml``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import content
from ..case.dates import format_date
from ..case.privacy import remove_cpr
from ..rules import subsidy
from .estimate import lines as estimate_lines
from .words import (
    date_rows,
    due_text,
    finding_groups,
    finding_style,
    finding_tag,
    follow_up_line,
    format_kr,
    law_line,
    law_outdated,
    measure_extra,
    people_rows,
    period,
    status_sentence,
    status_short,
    status_word,
)
from .words import word as report_word

if TYPE_CHECKING:
    from ..case.model import Case, Measure
    from ..rules.types import Assessment


def w(key: str, lang: str, **fmt) -> str:
    """A text from ``content/export.toml``."""
    return content.text("export", key, lang, **fmt)


def redact(text: str, lang: str) -> str:
    """``text`` with anything that looks like a CPR number replaced by a note that it was removed.

    The case format has no CPR field, and the wizard asks for initials; this catches a number
    typed into a free-text field (a note, a meeting summary) before the pack is printed or mailed.
    What counts as a CPR number is :mod:`fleksjob_tui.case.privacy`'s to say.
    """
    return remove_cpr(text, w("privacy.cpr_removed", lang))


@dataclass(slots=True)
class PackMeasure:
    title: str
    period: str
    result: str
    documented: str
    note: str


@dataclass(slots=True)
class PackMeeting:
    date: str
    participants: str
    summary: str
    agreed: str


@dataclass(slots=True)
class PackFinding:
    severity: str  # blocker / missing / advice / waiting / municipality (for styling)
    severity_word: str  # the tag: Spærrer / Mangler / Råd / Venter / Kommunen vurderer
    message: str
    reference: str
    due: str = ""  # "senest 01-03-2027", or "" when the finding has no due date


@dataclass(slots=True)
class Pack:
    """Everything the pack says, as plain (unescaped) text in one language."""

    lang: str
    kicker: str
    title: str
    case_title: str
    as_of: str
    intro: str
    status: str  # ready / waiting / missing / not_eligible
    status_word: str
    status_sentence: str
    status_short: str
    decides: str
    facts: list[tuple[str, str]]
    self_employed: bool
    agreement: list[tuple[str, str]]
    functions: list[str]
    accommodations: list[str]
    measures: list[PackMeasure]
    meetings: list[PackMeeting]
    findings: list[tuple[str, list[PackFinding]]]
    dates: list[tuple[str, str]]
    dates_note: str | None
    economy: list[str]
    footer: str
    no_cpr: str
    signatures: list[str] = field(default_factory=list)
    law_line: str = ""  # "Lovgrundlag: … (tjekket 01-12-2026)"
    law_outdated: str | None = None  # after law.valid_to: the law may have changed


def _lang(case: Case, assessment: Assessment | None, lang: str | None) -> str:
    if lang in ("da", "en"):
        return lang
    return case.language if case.language in ("da", "en") else "da"


def _answer(value: str | None, lang: str) -> str:
    if value is None:
        return w("facts.not_given", lang)
    return report_word(f"answer.{value}", lang)


def _text(value: str | None, lang: str) -> str:
    """User text: stripped, CPR-like numbers removed; ``not given`` when empty."""
    if value is None or not str(value).strip():
        return w("facts.not_given", lang)
    return redact(str(value).strip(), lang)


def _date(value: dt.date | None, lang: str) -> str:
    return format_date(value, lang) if value else w("facts.not_given", lang)


def _measure_title(m: Measure, lang: str) -> str:
    catalogue = None
    if m.id != "other" and content.has("measures", f"{m.id}.title"):
        catalogue = content.text("measures", f"{m.id}.title", lang)
    own = (m.title or "").strip()
    if catalogue and own and own.lower() != catalogue.lower():
        return f"{catalogue}: {redact(own, lang)}"
    return catalogue or redact(own, lang) or m.id


def _result(m: Measure, lang: str) -> str:
    status = report_word(f"measure_status.{m.status}", lang) if m.status else "—"
    if m.status in ("tried", "ongoing") and m.result:
        return f"{status}: {report_word(f'measure_result.{m.result}', lang)}"
    return status


def _dates(assessment: Assessment, lang: str, role: str | None = None
           ) -> list[tuple[str, str]]:
    return date_rows(assessment, lang, role)


def _kr(value: float, lang: str) -> str:
    return format_kr(round(value), lang, 0)


def _economy(case: Case, assessment: Assessment, lang: str) -> list[str]:
    """The estimate line(s) when ``[economy]`` has the numbers, always marked as an estimate.

    The estimate is the one the rules computed with the assessment (``Assessment.estimate``)."""
    found = assessment.estimate
    if found is None:
        return []
    if found.unknown_year is not None:  # one wording, the estimate's own
        return estimate_lines(found, lang)
    est = found.result
    if est is None:  # numbers missing, or one out of range
        return []
    if isinstance(est, subsidy.SelfEmployedEstimate):
        lines = [w("economy.self_line", lang, per_year=_kr(est.subsidy_per_year, lang),
                   per_month=_kr(est.subsidy_per_month, lang), year=est.year)]
    else:
        # Rows that add up when the ceiling binds: subsidy shown = total shown − wage shown.
        shown = round(est.total) - round(est.wage) if est.capped else est.subsidy
        lines = [
            w("economy.wage_line", lang, wage=_kr(est.wage, lang),
              subsidy=_kr(shown, lang), total=_kr(est.total, lang), year=est.year),
            w("economy.basis", lang, hourly=format_kr(est.hourly_wage, lang),
              hours=format_kr(est.hours_per_week, lang)),
        ]
        if est.capped and est.cap_estimated:
            lines.append(w("economy.capped_estimated", lang, cap=_kr(est.cap, lang),
                           hours=format_kr(est.full_time_hours, lang)))
        elif est.capped and est.full_time_monthly_wage is not None:
            lines.append(w("economy.capped", lang, cap=_kr(est.full_time_monthly_wage, lang)))
        lines.append(w("economy.total_note", lang))
    lines.append(w("economy.disclaimer", lang, reference=est.reference))
    return lines


def meeting_room_facts(case: Case, lang: str) -> list[tuple[str, str]]:
    """The people around the case (names only), the weekly hours and the next follow-up
    meeting: the same rows as in the Overblik."""
    rows = [(label, redact(value, lang)) for label, value in people_rows(case, lang)]
    if follow_up_line(case, lang):
        rows.append((w("facts.next_meeting", lang), format_date(case.follow_up.next_meeting, lang)))
    return rows


def build_pack(case: Case, assessment: Assessment, lang: str | None = None) -> Pack:
    """Everything the pack says, in ``lang`` (default: the case's language)."""
    lang = _lang(case, assessment, lang)
    c, p, e, a = case.case, case.person, case.employment, case.agreement
    self_employed = bool(p.self_employed)

    facts: list[tuple[str, str]] = [
        (w("facts.person", lang), _text(p.name, lang)),
        (w("facts.home_municipality", lang), _text(p.home_municipality, lang)),
    ]
    if self_employed:
        facts.append((w("facts.self_employed", lang), report_word("answer.yes", lang)))
    facts += [
        (w("facts.employer", lang), _text(e.employer, lang)),
        (w("facts.workplace", lang), _text(e.workplace, lang)),
        (w("facts.job_title", lang), _text(e.job_title, lang)),
    ]
    if not self_employed:
        facts += [
            (w("facts.collective_agreement", lang), _text(e.collective_agreement, lang)),
            (w("facts.social_chapter", lang), _answer(e.has_social_chapter, lang)),
            (w("facts.special_terms_start", lang), _date(e.special_terms_start, lang)),
        ]
    # The answers on pensions, the conditions and whom has been contacted, worded for every
    # reader (third person), with the question as the label.
    answers = [
        ("person", "receives_disability_pension"),
        ("person", "disability_pension_claim_pending"),
        ("eligibility", "capacity_reduced"),
        ("eligibility", "capacity_assessed"),
        ("eligibility", "medical_documentation"),
    ]
    if self_employed:
        # No relocation at a workplace, no § 119 exceptions for the self-employed (RULES.md § 5).
        answers += [("self_employment", "main_occupation"),
                    ("self_employment", "benefit_periods"),
                    ("contacts", "home_municipality")]
    else:
        answers += [
            ("eligibility", "relocation_retraining_examined"),
            ("eligibility", "acute_injury"),
            ("eligibility", "retention_pointless"),
            ("eligibility", "progressive_disease"),
        ]
        # contacts.jobcenter is still read from old files but no longer asked (lov 1750/2025).
        answers += [("contacts", k) for k in ("hr", "home_municipality", "union")]
    for table, key in answers:
        qkey = f"{table}.{key}"
        if self_employed and qkey == "eligibility.capacity_reduced":
            qkey = "eligibility.capacity_reduced_self"  # against the work in the business
        label = content.text("questions", f"{qkey}.label", lang)
        facts.append((label, _answer(getattr(getattr(case, table), key), lang)))
    if self_employed:
        months = case.self_employment.months_30h_last_24
        facts.append((content.text("questions", "self_employment.months_30h_last_24.label", lang),
                      str(months) if months is not None else w("facts.not_given", lang)))
    if c.role:
        facts.append((w("facts.filled_in_by", lang), w(f"role.{c.role}", lang)))
    facts += meeting_room_facts(case, lang)

    agreement: list[tuple[str, str]] = []
    if not self_employed:
        agreement = [
            (w("agreement.written", lang), _answer(a.written, lang)),
            (w("agreement.signed_on", lang), _date(a.signed_on, lang)),
            (w("agreement.attempt_documented", lang), _answer(a.attempt_documented, lang)),
        ]

    measures = [
        PackMeasure(
            title=_measure_title(m, lang) + measure_extra(case, m, lang),
            period=period(m, lang),
            result=_result(m, lang),
            documented=_answer(m.documented, lang) if m.documented else "—",
            note=redact(m.note.strip(), lang) if m.note and m.note.strip() else "",
        )
        for m in case.measures
    ]

    meetings = [
        PackMeeting(
            date=format_date(mt.date, lang) if mt.date else w("meetings.no_date", lang),
            participants=", ".join(content.ui(f"participant.{x}", lang)
                                   for x in mt.participants) or "—",
            summary=redact(mt.summary.strip(), lang) if mt.summary and mt.summary.strip()
            else "—",
            agreed=redact(mt.agreed.strip(), lang) if mt.agreed and mt.agreed.strip() else "—",
        )
        for mt in sorted(case.meetings, key=lambda mt: (mt.date is None, mt.date or dt.date.min))
    ]

    # The same groups as the summary: who should act, "Venter på", "Det vurderer kommunen".
    findings: list[tuple[str, list[PackFinding]]] = []
    for _key, title, items in finding_groups(assessment, lang):
        packed = []
        for f in items:
            packed.append(PackFinding(finding_style(f), finding_tag(f, lang), f.message, f.reference,
                                      due_text(f, lang, assessment)))
        findings.append((title, packed))

    return Pack(
        lang=lang,
        kicker=w("doc.kicker", lang),
        title=w("doc.title", lang),
        case_title=redact(c.title.strip(), lang) if c.title and c.title.strip()
        else report_word("heading.untitled", lang),
        as_of=w("doc.as_of", lang, date=format_date(assessment.as_of, lang)),
        intro=w("doc.intro", lang),
        status=assessment.status,
        status_word=status_word(assessment.status, lang),
        status_sentence=status_sentence(assessment, lang),
        status_short=status_short(assessment.status, lang),
        decides=w("doc.decides", lang),
        facts=facts,
        self_employed=self_employed,
        agreement=agreement,
        functions=[redact(s.strip(), lang) for s in a.difficult_functions if s and s.strip()],
        accommodations=[redact(s.strip(), lang) for s in a.accommodations if s and s.strip()],
        measures=measures,
        meetings=meetings,
        findings=findings,
        dates=_dates(assessment, lang, case.case.role),
        dates_note=None if assessment.pension is not None
        else report_word(_no_birth_date(case), lang),
        economy=_economy(case, assessment, lang),
        footer=w("doc.footer", lang, date=format_date(assessment.as_of, lang)),
        no_cpr=w("facts.no_cpr", lang),
        signatures=["manager", "employee", "union_rep"],
        law_line=law_line(lang),
        law_outdated=law_outdated(assessment.as_of, lang),
    )


def _no_birth_date(case: Case) -> str:
    """The dates' note without a birth date: "ikke kendt" when answered so, else "mangler"."""
    if "person.birth_date" in case.case.unknown_dates:
        return "dates.birth_date_not_known"
    return "dates.no_birth_date"
