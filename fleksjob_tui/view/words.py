"""The words of a case that every output shows: derived here once, read through the case view.

The status word and sentence, the grouping of the findings (who should act, "Venter på", "Det
vurderer kommunen") with their tags and due dates, the key dates as rows, the measures and
meetings in words, the next steps, the law line. Textual-free and Rich-free: plain strings;
:mod:`fleksjob_tui.documents.summary` (Rich), :mod:`fleksjob_tui.documents.output` (HTML, Markdown) and
:mod:`fleksjob_tui.documents` lay them out. Every word comes from ``content/report.toml``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import content
from ..case.dates import format_date, means_not_known  # noqa: F401 - a date's words, kept here too
from ..rules.engine import DUE_NOW, DUE_ON_MET, holds_back, is_waiting
from ..rules.law import law_basis
from ..rules.pension import add_months
from ..rules.types import GROUP_ORDER

if TYPE_CHECKING:
    from ..case.model import Case
    from ..rules.types import Assessment, Finding

SEVERITY_ORDER = ("blocker", "missing", "advice")


def word(key: str, lang: str, role: str | None = None, **fmt: Any) -> str:
    """A text from ``content/report.toml`` at the dotted ``key``."""
    return content.text("report", key, lang, role, **fmt)


def status_word(status: str, lang: str) -> str:
    """One word (or two) for the status: KLAR / MANGLER / OPFYLDER IKKE."""
    return word(f"status.{status}.word", lang)


def waiting_until(assessment: Assessment) -> dt.date | None:
    """The day a waiting case can go to the municipality: when the twelve months are reached."""
    for f in assessment.findings:
        if f.id == "twelve_months_not_met":
            return f.due or assessment.twelve_months.met_on
    return None


def status_sentence(status: str | Assessment, lang: str) -> str:
    """The status as one plain sentence. Given the assessment, a waiting case's sentence names
    the day it can go to the municipality (and the six-year mark when that comes first)."""
    if isinstance(status, str):
        if status == "waiting":
            return word("status.waiting.sentence_plain", lang)
        return word(f"status.{status}.sentence", lang)
    assessment = status
    if assessment.status != "waiting":
        return word(f"status.{assessment.status}.sentence", lang)
    until = waiting_until(assessment)
    if until is None:
        return word("status.waiting.sentence_plain", lang)
    p = assessment.pension
    if p is not None and assessment.as_of < p.six_year_mark < until:
        return word("status.waiting.sentence_six", lang, date=format_date(until, lang),
                    six_year_mark=format_date(p.six_year_mark, lang))
    return word("status.waiting.sentence", lang, date=format_date(until, lang))


def status_short(status: str, lang: str) -> str:
    """``ser ud til at være klar til at kontakte kommunen`` / ``mangler dokumentation`` / …"""
    return word(f"status.{status}.short", lang)


#: The groups of people who act, in this order; then "waiting", then "municipality".
PEOPLE_ORDER = ("employee", "manager", "union_rep", "doctor")


def finding_kind(f: Finding) -> str:
    """``waiting`` (only time), ``municipality`` (the municipality assesses or decides) or the
    person who should act (``employee``, ``manager``, ``union_rep``, ``doctor``)."""
    if is_waiting(f):
        return "waiting"
    if f.responsible == "municipality":
        return "municipality"
    return f.responsible


def finding_tag(f: Finding, lang: str) -> str:
    """The word in brackets before a finding: Spærrer / Mangler / Råd, or Venter for the time-
    bound one and "Kommunen vurderer" for what the municipality will assess (never "Mangler")."""
    kind = finding_kind(f)
    if f.severity == "missing" and kind in ("waiting", "municipality"):
        return word(f"severity.{kind}", lang)
    return word(f"severity.{f.severity}", lang)


def due_text(f: Finding, lang: str, assessment: Assessment | None = None) -> str:
    """``senest 01-03-2027`` (``by 2027-03-01``) for a finding with a due date; ``nu`` with the
    reason for the written agreement and what it names; ``så hurtigt som muligt`` for one missing
    now without a date (RULES.md section 7); else ``""``. What only
    waits for time has no deadline: its date is when it is reached (``nås 01-07-2027``)."""
    if f.due is None:
        if f.id in DUE_NOW:  # the written agreement: now, and why (RULES.md section 7)
            return word("due.now", lang)
        if not holds_back(f):
            return ""
        if f.id in DUE_ON_MET and assessment is not None:
            # No date: the start is not known yet, or the 12 months are reached (RULES.md §7).
            tm = assessment.twelve_months
            return word("due.start_unknown" if tm.met_on is None else "due.met_reached", lang)
        if content.has("report", f"due.why.{f.id}"):
            return word(f"due.why.{f.id}", lang)
        return word("due.asap", lang)
    if is_waiting(f):
        return word("due.reached", lang, date=format_date(f.due, lang))
    if f.id in DUE_ON_MET:  # the documentation must be there when the 12 months are reached
        return word("due.by_met", lang, date=format_date(f.due, lang))
    return word("due.by", lang, date=format_date(f.due, lang))


def finding_groups(assessment: Assessment, lang: str, role: str | None = None
                   ) -> list[tuple[str, str, list[Finding]]]:
    """The findings grouped for reading: ``[(group_key, title, findings)]``.

    First who at the workplace (or the doctor) should act, in PEOPLE_ORDER; then ``waiting``
    ("Venter på": what only needs time); then ``municipality`` ("Det vurderer kommunen": what it
    assesses or decides once contacted). Within a group: blockers, missing, advice, in the rules'
    order. Empty groups are left out. ``role`` words the employee's group ("Dig").
    """
    buckets: dict[str, list[Finding]] = {}
    for f in assessment.findings:
        buckets.setdefault(finding_kind(f), []).append(f)
    out = []
    # The reader's own acts first ("Dig"), then the others' (issue 21).
    people = ((role, *(k for k in PEOPLE_ORDER if k != role)) if role in PEOPLE_ORDER
              else PEOPLE_ORDER)
    for key in (*people, "waiting", "municipality"):
        items = buckets.get(key)
        if not items:
            continue
        items = sorted(items, key=lambda f: SEVERITY_ORDER.index(f.severity)
                       if f.severity in SEVERITY_ORDER else 9)
        if key in PEOPLE_ORDER and role is not None:
            # The reader's own acts under "Dig"; another person's acts under a heading that says
            # whose they are and that the items say what the reader can do (issue 21).
            if key == role:
                title = word("plan.yours", lang)
            else:
                title = word("plan.other", lang, owner=word(f"responsible.{key}", lang, role),
                             reader=word(f"plan.reader.{role}", lang))
        elif key in PEOPLE_ORDER:
            title = word(f"responsible.{key}", lang, role)
        else:
            title = word(f"group.{key}", lang)
        out.append((key, title, items))
    return out


def law_line(lang: str) -> str:
    """ "Lovgrundlag: … (tjekket 01-12-2026)": the law the rules were last checked against."""
    basis = law_basis()
    return word("law.line", lang, act=basis.name_in(lang),
                checked_on=format_date(basis.checked_on, lang))


def law_outdated(as_of: dt.date, lang: str) -> str | None:
    """After ``law.valid_to``: one sentence that the law may have changed; else None."""
    basis = law_basis()
    if not basis.outdated(as_of):
        return None
    return word("law.outdated", lang, checked_on=format_date(basis.checked_on, lang),
                new_from=format_date(basis.valid_to + dt.timedelta(days=1), lang))


def format_kr(value: float | int, lang: str, decimals: int | None = None) -> str:
    """An amount in kroner without the unit: ``15.600`` or ``15.272,50`` in Danish.

    ``decimals`` None: whole numbers without decimals, others with two.
    """
    if decimals is None:
        decimals = 0 if float(value) == int(value) else 2
    s = f"{value:,.{decimals}f}"  # 15,272.50
    if lang == "en":
        return s
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def age_text(years: int, months: int, lang: str) -> str:
    if months:
        return word("dates.years_months", lang, years=years, months=months)
    return word("dates.years", lang, years=years)


def counts_line(assessment: Assessment, lang: str) -> str:
    """``1 ting spærrer, 2 ting mangler, 1 ting venter på tiden, 1 ting vurderer kommunen, 3 råd``;
    zero counts left out. It counts the findings' groups (RULES.md section 7), as the JSON's
    ``counts`` does: only what someone at the workplace must do counts as "mangler"."""
    n = assessment.group_counts()
    parts = []
    for group in GROUP_ORDER:
        key = "missing" if group == "act" else group
        if n[group]:
            parts.append(word(f"counts.{key}_one" if n[group] == 1 else f"counts.{key}", lang,
                              n=n[group]))
    return ", ".join(parts)


def date_rows(assessment: Assessment, lang: str, role: str | None = None
              ) -> list[tuple[str, str]]:
    """The key dates that apply, as (label, value) rows (used by the summary and the pack).

    ``role`` words who can give a missing start date (RULES.md section 7)."""
    rows: list[tuple[str, str]] = []
    tm = assessment.twelve_months
    if tm.start:
        rows.append((word("dates.special_terms_start", lang), format_date(tm.start, lang)))
    if tm.exemption:
        rows.append((word("dates.twelve_months_exempt", lang),
                     word(f"exemption.{tm.exemption}", lang)))
    elif tm.met_on:
        note = word("dates.twelve_months_met" if tm.met else "dates.twelve_months_not_met", lang)
        value = f"{format_date(tm.met_on, lang)} {note}"
        # The written agreement shows when the 12 months started (RULES.md section 2).
        if any(f.id == "written_agreement_missing" for f in assessment.findings):
            value += " " + word("dates.twelve_months_unwritten", lang)
        rows.append((word("dates.twelve_months", lang), value))
    else:
        rows.append((word("dates.twelve_months", lang),
                     word(f"dates.twelve_months_no_start.{role or 'employee'}", lang)))
    p = assessment.pension
    if p is not None and tm.exemption is None and _six_years_matter(assessment):
        mark = format_date(p.six_year_mark, lang)
        # Without a start the 12 months have no date: the mark is less than 12 months away.
        note = "dates.six_year_mark_note" if tm.met_on else "dates.six_year_mark_note_no_start"
        rows.append((word("dates.six_year_mark", lang), f"{mark} {word(note, lang)}"))
    if assessment.turns_40 is not None and assessment.turns_40 > assessment.as_of:
        rows.append((word("dates.turns_40", lang), f"{format_date(assessment.turns_40, lang)} "
                     f"{word('dates.turns_40_note', lang)}"))
    if p is not None:
        age = word("dates.pension_age", lang, age=age_text(p.years, p.months, lang))
        rows.append((word("dates.pension", lang), f"{format_date(p.date, lang)} {age}"))
    fj = assessment.flexjob
    if fj is not None:
        # No date on or after the pension date is a flex-job date (RULES.md section 4).
        rows.append((word("dates.flexjob_start", lang), format_date(fj.start, lang)))
        if fj.follow_up is not None:
            rows.append((word("dates.flexjob_follow_up", lang), format_date(fj.follow_up, lang)))
        if fj.status is not None:
            rows.append((word("dates.flexjob_status", lang), format_date(fj.status, lang)))
        if fj.ends_at_pension:
            rows.append((word("dates.flexjob_end_pension", lang), f"{format_date(fj.end, lang)} "
                         f"{word('dates.flexjob_end_pension_note', lang)}"))
        else:
            rows.append((word("dates.flexjob_end", lang), format_date(fj.end, lang)))
    return rows


def _six_years_matter(assessment: Assessment) -> bool:
    """The six-year mark is a key date only when it comes before the 12 months are reached (then
    the rule stops applying first), or the start is unknown and it is less than 12 months away
    (RULES.md section 2); otherwise the 12 months decide, and the row would only puzzle."""
    p, tm, as_of = assessment.pension, assessment.twelve_months, assessment.as_of
    if p is None or p.six_year_mark < as_of:
        return False
    if tm.met_on is None:
        return tm.start is None and p.six_year_mark < add_months(as_of, 12)
    return not tm.met and p.six_year_mark < tm.met_on


def period(m: Any, lang: str) -> str:
    """A measure's period in words: "01-06-2025 – 01-12-2025", "fra …", "til …" or "—"."""
    if m.from_ and m.to:
        return f"{format_date(m.from_, lang)} – {format_date(m.to, lang)}"
    if m.from_:
        return word("measures.since", lang, date=format_date(m.from_, lang))
    if m.to:
        return word("measures.until", lang, date=format_date(m.to, lang))
    return "—"


def measure_title(m: Any, lang: str) -> str:
    """A measure's title as the summary shows it: the catalogue's, with the own title after."""
    if m.id == "other" or m.title:
        base = m.title or m.id
        if m.id != "other" and content.has("measures", f"{m.id}.title"):
            catalogue = content.text("measures", f"{m.id}.title", lang)
            if catalogue.strip().lower() != base.strip().lower():
                return f"{catalogue}: {base}"
        return base
    if content.has("measures", f"{m.id}.title"):
        return content.text("measures", f"{m.id}.title", lang)
    return m.id


def follow_up_line(case: Case, lang: str) -> str | None:
    """"Næste opfølgningsmøde: 05-01-2027", or None when none is planned."""
    if case.follow_up.next_meeting is None:
        return None
    return word("meetings.next_meeting", lang, date=format_date(case.follow_up.next_meeting, lang))



def hours_line(case: Case, lang: str) -> str | None:
    """"37 → 25 timer om ugen (12 timer færre)", or None until both hours are answered."""
    normal, now = case.employment.normal_weekly_hours, case.employment.current_weekly_hours
    if normal is None or now is None:
        return None

    def h(x: float) -> str:
        return f"{x:g}".replace(".", "," if lang == "da" else ".")

    less = normal - now
    if less > 0:
        return word("people.hours_less", lang, normal=h(normal), now=h(now), less=h(less))
    return word("people.hours", lang, normal=h(normal), now=h(now))



def measure_extra(case: Case, m: Any, lang: str) -> str:
    """What belongs with a measure's name: the hours with "Nedsat timetal", the municipality's
    approval of an agreement in force (a § 56 agreement)."""
    extra = ""
    if m.id == "reduced_hours":
        hours = hours_line(case, lang)
        if hours:
            extra += f" — {hours}"
    if m.approved_by_municipality == "yes":
        when = format_date(m.approved_on, lang) if m.approved_on else ""
        extra += " — " + word("measures.approved", lang, date=when).strip()
    return extra



def people_rows(case: Case, lang: str) -> list[tuple[str, str]]:
    """(label, text) for the people around the case (names only) and the weekly hours."""
    p = case.people
    rows = []
    if p.manager:
        rows.append((word("people.manager", lang), p.manager))
    if p.union_rep or p.union:
        rep = p.union_rep or "—"
        rows.append((word("people.union_rep", lang), f"{rep} ({p.union})" if p.union else rep))
    if p.hr:
        rows.append((word("people.hr", lang), p.hr))
    hours = hours_line(case, lang)
    if hours:
        rows.append((word("people.hours_label", lang), hours))
    return rows



def municipality_name(case: Case, lang: str) -> str:
    """"Vejle Kommune" for the home municipality "Vejle"; the role's words when not answered."""
    name = (case.person.home_municipality or "").strip()
    if not name:
        return word(f"next_steps.home_municipality.{case.case.role or 'employee'}", lang)
    if "kommune" in name.lower() or "municipality" in name.lower():
        return name
    return word("next_steps.municipality", lang, town=name)



def meeting_next_steps(case: Case, assessment: Assessment, lang: str) -> list[str]:
    """When the twelve months on special terms count (no exemption) and no meeting is logged:
    say that the dialogue over those months is to be written down — and only then."""
    if case.meetings or case.person.self_employed:
        return []
    if assessment.twelve_months.exemption is not None:
        return []
    return [word(f"next_steps.no_meetings.{case.case.role or 'employee'}", lang)]


def next_steps(case: Case, assessment: Assessment, lang: str) -> list[str]:
    """The next steps for the role filling in the case (content/report.toml [next_steps]).

    Each item is taken when its condition holds: "always", "ready", "not_ready" or "waiting"
    (a raised finding id still works, but the findings say their acts themselves), and left out
    when the finding named by ``unless`` is raised: no act twice. The employee is the default
    role.
    """
    role = case.case.role or "employee"
    raised = {f.id for f in assessment.findings}
    ready = assessment.status == "ready"
    waiting = assessment.status == "waiting"
    # The dates a step can name (issue 21: next steps name a date where the case has one).
    nxt = case.follow_up.next_meeting
    nxt = nxt if nxt is not None and nxt >= assessment.as_of else None
    dues = sorted(f.due for f in assessment.findings if f.due is not None and holds_back(f))
    met_on = assessment.twelve_months.met_on
    dates = {
        "next_meeting": format_date(nxt, lang) if nxt else "",
        "first_due": format_date(dues[0], lang) if dues else "",
        "met_on": format_date(met_on, lang) if met_on else "",
    }
    flags = {"next_meeting": nxt is not None, "no_next_meeting": nxt is None,
             "first_due": bool(dues)}
    steps = []
    for item in content.entry("report", f"next_steps.{role}"):
        when = item["when"]
        if item.get("unless") in raised:  # a finding says the same act: once (RULES.md §7)
            continue
        if (
            when == "always"
            or (when == "ready" and ready)
            or (when == "not_ready" and not ready)
            or (when == "waiting" and waiting)
            or flags.get(when, False)
            or when in raised
        ):
            text = content.pick(item, lang).replace("{municipality}",
                                                    municipality_name(case, lang))
            for key, value in dates.items():
                text = text.replace("{" + key + "}", value)
            steps.append(text)
    return steps + meeting_next_steps(case, assessment, lang)

def finding_style(f: Finding) -> str:
    """The finding's style class: its severity, or ``waiting``/``municipality`` for a missing
    finding only time or the municipality can settle."""
    kind = finding_kind(f)
    return kind if f.severity == "missing" and kind in ("waiting", "municipality") else f.severity


def summary_measures(case: Case, lang: str) -> list[tuple[str, str, str, str, bool]]:
    """The measures as the summary shows them: (title, period, result, documented, has result)."""
    rows = []
    for m in case.measures:
        status = word(f"measure_status.{m.status}", lang) if m.status else "—"
        has_result = m.status in ("tried", "ongoing") and bool(m.result)
        if has_result:
            result = word(f"measure_result.{m.result}", lang)
            if m.status == "ongoing":
                result += f" ({status})"
        else:
            result = status
        documented = word(f"answer.{m.documented}", lang) if m.documented else "—"
        title = measure_title(m, lang) + measure_extra(case, m, lang)
        rows.append((title, period(m, lang), result, documented, has_result))
    return rows


def _lines(text: str) -> str:
    """A note as its lines, as typed (two points on two lines stay two lines), each tidied."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def summary_meetings(case: Case, lang: str) -> list[str]:
    """The meetings by date, one item each: date · who · what was discussed and agreed (a note's
    line breaks kept: they separate its points)."""
    out = []
    for m in sorted(case.meetings, key=lambda m: (m.date is None, m.date or 0)):
        parts = [format_date(m.date, lang) if m.date else word("meetings.no_date", lang)]
        who = [word(f"participant.{p}", lang) for p in m.participants]
        if who:
            parts.append(", ".join(who))
        # What was discussed as well as what was agreed: both belong in the log.
        if m.summary and m.summary.strip():
            parts.append(word("meetings.discussed", lang, text=_lines(m.summary)))
        if m.agreed and m.agreed.strip():
            parts.append(word("meetings.agreed", lang, text=_lines(m.agreed)))
        else:
            parts.append(word("meetings.nothing_agreed", lang))
        out.append(" · ".join(parts))
    return out
