"""The summary as plain text (the end of the conversation, ``s``, and ``fleksjob summary
--plain``): headings on their own lines, each finding one sentence that says who acts and by
when; no symbols, no box drawing, no colour."""

from __future__ import annotations

import datetime as dt

from .. import content
from ..case.dates import format_date
from ..case.model import Case
from .reading import _full_stop, _p, spoken


def plain_summary(case: Case, assessment, lang: str | None = None, *, short: bool = False) -> str:
    """The summary as plain text, in the order a listener needs it: the case, the status in one
    sentence with the day it was worked out, then who does what by when (each person's group,
    then what only waits for time, then what the municipality assesses: each group announced in
    words, each finding one sentence), the next steps, the dates, the measures, the meetings,
    the estimate. Headings on their own lines; no symbols, no box drawing, no colour."""
    # Rich (report) and the estimate load only when a summary is read, not for each question.
    from ..documents.summary import (
        counts_line,
        date_rows,
        finding_groups,
        law_line,
        law_outdated,
        next_steps,
        status_sentence,
        status_word,
        word,
    )
    from ..view import cleaned  # as above
    from ..view.estimate import lines as estimate_lines  # as above

    lang = lang if lang in ("da", "en") else (assessment.language or case.language)
    case, assessment = cleaned(case, assessment, lang)  # no control codes, no CPR (issue 22)
    role = case.case.role or "employee"

    def t(key: str, **fmt) -> str:
        return _p(key, lang, role, **fmt)

    lines: list[str] = [t("summary.heading")]
    lines.append(t("summary.title_line", title=case.case.title or word("heading.untitled", lang)))
    details = [x for x in (case.person.name, case.employment.employer,
                           case.employment.job_title) if x]
    if details:
        lines.append(t("summary.details", details=", ".join(details)))

    lines += ["", word("heading.status", lang)]
    lines.append(t("summary.status", date=format_date(assessment.as_of, lang),
                   word=status_word(assessment.status, lang).capitalize(),
                   sentence=status_sentence(assessment, lang)))
    counts = counts_line(assessment, lang)
    if counts:
        lines.append(t("summary.counts", counts=counts))

    lines += ["", word("heading.findings", lang)]
    groups = finding_groups(assessment, lang, role)
    if not groups:
        lines.append(word("heading.no_findings", lang))
    for key, _title, found in groups:
        count = t("summary.count_one") if len(found) == 1 else t("summary.count", n=len(found))
        if key in ("waiting", "municipality"):
            lines.append(t(f"group.{key}", whom="", count=count))
        elif key == role:  # the reader's own acts (issue 21)
            lines.append(t("group.people", whom=t("whom.self"), count=count))
        else:  # another person's acts: whose, and what the reader can do
            owner = t(f"who.{key}")
            lines.append(t("group.other", owner=owner[:1].upper() + owner[1:], count=count))
        lines += [_finding_sentence(f, key, lang, t, assessment, role) for f in found]
    if short:  # "s" in the conversation: the status and who does what; "o" reads the rest
        lines += ["", t("summary.more")]
        return "\n".join(spoken(line, lang) for line in lines)

    lines += ["", word("next_steps.heading", lang), word(f"next_steps.lead.{role}", lang)]
    lines += next_steps(case, assessment, lang)

    lines += ["", word("heading.dates", lang)]
    if assessment.pension is None:
        not_known = "person.birth_date" in case.case.unknown_dates  # answered "ved ikke"
        lines.append(word("dates.birth_date_not_known" if not_known else "dates.no_birth_date",
                          lang))
    for label, value in date_rows(assessment, lang, role):
        lines.append(_full_stop(t("summary.date_row", label=label, value=value).rstrip(".")))

    lines += ["", word("heading.measures", lang)]
    if not case.measures:
        lines.append(word("heading.no_measures", lang))
    for m in case.measures:
        lines.append(t("summary.measure", title=_summary_measure_title(m, lang),
                       parts=", ".join(_measure_parts(m, lang, t))))

    lines += ["", word("heading.meetings", lang)]
    if not case.meetings:
        lines.append(word("heading.no_meetings", lang))
    for m in sorted(case.meetings, key=lambda m: (m.date is None, m.date or dt.date.min)):
        parts = []
        if m.participants:
            parts.append(t("meetings.who", who=", ".join(
                word(f"participant.{p}", lang) for p in m.participants)))
        if m.agreed and m.agreed.strip():
            parts.append(t("meetings.agreed", text=" ".join(m.agreed.split())))
        elif m.summary and m.summary.strip():
            parts.append(t("meetings.summary", text=" ".join(m.summary.split())))
        else:
            parts.append(word("meetings.nothing_agreed", lang))
        when = format_date(m.date, lang) if m.date else t("meetings.no_date")
        # "; " between the parts: a pause when heard, and "deltog: leder, medarbejder" stays one
        lines.append(_full_stop(t("summary.meeting", date=when, parts="; ".join(parts))
                                .rstrip(".")))
    if case.follow_up.next_meeting:
        lines.append(t("summary.next_meeting",
                       date=format_date(case.follow_up.next_meeting, lang)))

    eco = estimate_lines(assessment.estimate, lang, detail=False)  # the rules' estimate
    if eco:
        lines += ["", word("heading.economy", lang)]
        for line in eco:
            if isinstance(line, tuple):
                lines.append(_full_stop(t("summary.row", label=line[0], value=line[1]).rstrip(".")))
            elif line.strip():
                lines.append(unbracketed(line))

    lines += ["", word("heading.disclaimer", lang), _full_stop(law_line(lang))]
    outdated = law_outdated(assessment.as_of, lang)
    if outdated:
        lines.append(outdated)
    return "\n".join(spoken(line, lang) for line in lines)


def unbracketed(line: str) -> str:
    """A line that is a note in brackets on the screen ("(ATP er ikke regnet med)") as the
    sentence it is when heard: without the brackets, with a capital and a full stop (so is a
    line that is a heading on the screen, "Fleksløn 2026 — vejledende beregning pr. måned")."""
    line = line.strip()
    if line.startswith("(") and line.endswith(")") and line.count("(") == 1:
        line = line[1:-1].strip()
        line = line[:1].upper() + line[1:]
    return _full_stop(line)


def _finding_sentence(f, group: str, lang: str, t, assessment=None, role=None) -> str:
    """One finding as one sentence that says who acts and by when; what only waits for time
    says until when, and what the municipality assesses says so (never "mangler")."""
    from ..documents.summary import due_text, word  # Rich loads only when a summary is read

    due = due_text(f, lang, assessment)
    due = f" {due}" if due else ""
    own = f.responsible == role
    if f.severity == "advice" and group not in ("waiting", "municipality"):
        if not own:  # the heading says whose it is; the text says what the reader can do
            return t("summary.advice_other", due=due, message=f.message, reference=f.reference)
        return t("summary.advice", whom=t("whom.self"), due=due, message=f.message,
                 reference=f.reference)
    if f.severity == "advice":
        return t("summary.advice", whom=t(f"whom.{f.responsible}"), due=due, message=f.message,
                 reference=f.reference)
    if group == "waiting":
        until = t("summary.until", date=format_date(f.due, lang)) if f.due else ""
        return t("summary.waiting", until=until, message=f.message, reference=f.reference)
    if group == "municipality":
        return t("summary.municipality", message=f.message, reference=f.reference)
    return t("summary.finding", severity=word(f"severity.{f.severity}", lang),
             who=t("who.self" if own else f"who.{f.responsible}"), due=due, message=f.message,
             reference=f.reference)


def _summary_measure_title(m, lang: str) -> str:
    if m.id == "other":
        return m.title or content.text("measures", "other.title", lang)
    title = content.text("measures", f"{m.id}.title", lang)
    return f"{title}: {m.title}" if m.title and m.title.strip().lower() != title.lower() else title


def _measure_parts(m, lang: str, t) -> list[str]:
    from ..documents.summary import word  # Rich loads only when a summary is read

    parts = [word(f"measure_status.{m.status}", lang) if m.status
             else t("measures.not_answered")]
    if m.from_ and m.to:
        parts.append(t("measures.period_from_to", start=format_date(m.from_, lang),
                       end=format_date(m.to, lang)))
    elif m.from_:
        parts.append(t("measures.period_from", start=format_date(m.from_, lang)))
    elif m.to:
        parts.append(t("measures.period_to", end=format_date(m.to, lang)))
    if m.status in ("tried", "ongoing") and m.result:
        parts.append(t("measures.result", result=word(f"measure_result.{m.result}", lang)))
    if m.documented:
        parts.append(t("measures.documented", answer=word(f"answer.{m.documented}", lang)))
    else:
        parts.append(t("measures.documented_none"))
    approval = approval_text(m, lang, t)
    if approval:
        parts.append(approval)
    return parts


def approval_text(m, lang: str, t) -> str:
    """Whether the municipality approved the measure (a § 56 agreement), in words, or ""."""
    if m.approved_by_municipality == "yes" or m.approved_on:
        return (t("measures.approved_on", date=format_date(m.approved_on, lang))
                if m.approved_on else t("measures.approved"))
    if m.approved_by_municipality == "no":
        return t("measures.not_approved")
    return ""
