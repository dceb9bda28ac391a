"""The summary as plain text (the end of the conversation, ``s``, and ``fleksjob summary
--plain``): headings on their own lines, each finding one sentence that says who acts and by
when; no symbols, no box drawing, no colour."""

from __future__ import annotations

import datetime as dt
import re

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

    title = case.case.title or word("heading.untitled", lang)
    lines: list[str] = [_full_stop(t("summary.short_heading", title=title)) if short
                        else t("summary.heading")]
    if not short:
        lines.append(t("summary.title_line", title=title))
    details = [x for x in (case.person.name, case.employment.employer,
                           case.employment.job_title) if x]
    if details and not short:
        lines.append(t("summary.details", details=", ".join(details)))

    if not short:  # "s": the status and who does what, without headings or counts
        lines += ["", word("heading.status", lang)]
    lines.append(t("summary.status", date=format_date(assessment.as_of, lang),
                   word=status_word(assessment.status, lang).capitalize(),
                   sentence=status_sentence(assessment, lang)))
    counts = counts_line(assessment, lang)
    if counts and not short:
        lines.append(t("summary.counts", counts=counts))

    if not short:
        lines += ["", word("heading.findings", lang)]
    said: set[str] = set()  # sentences already read: a sentence is heard once (issue 24)
    lines += finding_lines(assessment, lang, role, short=short, said=said)
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
        # What was discussed and what was agreed, both in words (issue 24: "aftalt: 3" alone).
        if m.summary and m.summary.strip():
            parts.append(t("meetings.summary", text=" ".join(m.summary.split())))
        if m.agreed and m.agreed.strip():
            parts.append(t("meetings.agreed", text=" ".join(m.agreed.split())))
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


def finding_lines(assessment, lang: str, role: str, *, short: bool = False,
                  said: set[str] | None = None) -> list[str]:
    """"Hvem skal gøre hvad": each group announced in words (whose acts, and what the reader
    can do, in the reader's role), then its findings. Long: one sentence each that says by
    when, with its reference (the act named once, above); short: one line each, what is missing
    and by when, no references, and what the municipality assesses and the advice only
    counted. A sentence already in ``said`` is not said again."""
    from ..documents.summary import finding_groups, word  # Rich loads only when a summary is read

    def t(key: str, **fmt) -> str:
        return _p(key, lang, role, **fmt)

    said = set() if said is None else said
    groups = finding_groups(assessment, lang, role)
    if not groups:
        return [word("heading.no_findings", lang)]
    lines: list[str] = [] if short else [t("summary.act_named")]
    left: list[str] = []  # short: what is only counted
    for key, _title, found in groups:
        if short:
            found = [f for f in found if f.severity != "advice"]
            if key == "municipality":
                left.append(t("summary.count_municipality", n=len(found)))
                continue
        if not found:
            continue
        count = t("summary.count_one") if len(found) == 1 else t("summary.count", n=len(found))
        if key in ("waiting", "municipality"):
            lines.append(t(f"group.{key}", whom="", count=count))
        elif key == role:  # the reader's own acts (issue 21)
            lines.append(t("group.people", whom=t("whom.self"), count=count))
        else:  # another person's acts: whose, and what the reader, in the reader's role, can do
            owner = t(f"who.{key}")
            lines.append(t("group.other", owner=owner[:1].upper() + owner[1:],
                           reader=t(f"reader.{role}"), count=count))
        if short:
            lines += [short_line(f, lang, assessment) for f in found]
        else:
            lines += [_finding_sentence(f, key, lang, t, assessment, role, said) for f in found]
    if short:
        advice = sum(f.severity == "advice" for f in assessment.findings)
        if advice:
            left.append(t("summary.count_advice_one") if advice == 1
                        else t("summary.count_advice", n=advice))
        if left:
            lines.append(_full_stop(" ".join(left)))
    return lines


def short_line(f, lang: str, assessment=None) -> str:
    """A finding in one line, as "s" and the end of a step say it: by when, then its first
    sentence ("Nu: Der mangler en skriftlig aftale …")."""
    from ..documents.summary import due_text  # Rich loads only when a summary is read

    first = _sentences(f.message)[0] if f.message else ""
    first = re.sub(r", (fx|e\.g\.) [^.]*", "", first)  # the examples are in the long one
    due = re.split(r"[:,]", due_text(f, lang, assessment), maxsplit=1)[0].strip()
    return f"{due[:1].upper()}{due[1:]}: {first}" if due else first


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"])")


def _sentences(text: str) -> list[str]:
    return [x for x in _SENTENCE_END.split(text.strip()) if x]


def _once(message: str, said: set[str]) -> str:
    """``message`` without the sentences already heard in this summary (a long sentence read
    under three findings is read under the first)."""
    kept = []
    for sentence in _sentences(message):
        if len(sentence.split()) > 6 and sentence in said:
            continue
        said.add(sentence)
        kept.append(sentence)
    return " ".join(kept)


_INNER = re.compile(r"\s*\(([^()]*)\)")
_LAB_PART = re.compile(r"^LAB\b\s*")


def reference_heard(reference: str, lang: str) -> str:
    """A reference as it is heard: no brackets inside the brackets ("vejledning (kontakt …)" is
    "vejledning: kontakt …"), and the act named above not named again ("LAB § 119, stk. 1" is
    "§ 119, stk. 1"); after another act in the same reference it is named short."""
    reference = _INNER.sub(lambda m: ": " + m[1].strip(), reference)
    parts = [x.strip() for x in reference.split(";")]
    out, only_lab = [], True
    for part in parts:
        if part.startswith("LAB"):
            part = _LAB_PART.sub("" if only_lab else _p("spoken.LAB_short", lang) + " ", part)
        else:
            only_lab = False
        out.append(part)
    return "; ".join(out)


def _finding_sentence(f, group: str, lang: str, t, assessment=None, role=None,
                      said: set[str] | None = None) -> str:
    """One finding as one sentence that says who acts and by when; what only waits for time
    says until when, and what the municipality assesses says so (never "mangler"). Under
    another person's heading it does not say again who acts: the heading did."""
    from ..documents.summary import due_text, word  # Rich loads only when a summary is read

    said = said if said is not None else set()
    message = _once(f.message, said)
    reference = reference_heard(f.reference, lang)
    due = due_text(f, lang, assessment)
    own = f.responsible == role
    if f.severity == "advice" and group not in ("waiting", "municipality"):
        if not own:  # the heading says whose it is; the text says what the reader can do
            return t("summary.advice_other", due=f" {due}" if due else "", message=message,
                     reference=reference)
        return t("summary.advice", whom=t("whom.self"), due=f" {due}" if due else "",
                 message=message, reference=reference)
    if f.severity == "advice":
        return t("summary.advice", whom=t(f"whom.{f.responsible}"), due=f" {due}" if due else "",
                 message=message, reference=reference)
    if group == "waiting":
        until = t("summary.until", date=format_date(f.due, lang)) if f.due else ""
        return t("summary.waiting", until=until, message=message, reference=reference)
    if group == "municipality":
        return t("summary.municipality", message=message, reference=reference)
    severity = word(f"severity.{f.severity}", lang)
    if group == f.responsible:  # under "Til dig" or "Din leder har ansvaret": by when only
        when, _, why = due.partition(": ")
        if why and why.rstrip(".") + "." in said:  # the reason for no date, said once
            due = when
        elif why:
            said.add(why.rstrip(".") + ".")
        return t("summary.finding_other" if due else "summary.finding_other_plain",
                 severity=severity, due=due, message=message, reference=reference)
    return t("summary.finding", severity=severity, who=t("who.self" if own else
                                                          f"who.{f.responsible}"),
             due=f" {due}" if due else "", message=message, reference=reference)


def plain_check(path, case: Case, assessment, lang: str) -> str:
    """``fleksjob check`` as plain sentences (``--plain``, TERM=dumb): the status, the counts,
    then who does what in the plain summary's words, references read as words."""
    from ..documents.summary import (  # Rich loads only when a summary is read
        counts_line,
        law_line,
        law_outdated,
        status_sentence,
        status_word,
        word,
    )

    role = case.case.role or "employee"
    lines = [f"{path}: {status_word(assessment.status, lang).capitalize()}. "
             f"{status_sentence(assessment, lang)}"]
    counts = counts_line(assessment, lang)
    lines.append(_full_stop(word("heading.as_of", lang, date=format_date(assessment.as_of, lang))
                            + (f". {counts[:1].upper()}{counts[1:]}" if counts else "")))
    lines += finding_lines(assessment, lang, role)
    lines.append(_full_stop(law_line(lang)))
    outdated = law_outdated(assessment.as_of, lang)
    if outdated:
        lines.append(outdated)
    if assessment.findings:
        lines.append(word("cli.see_summary", lang, path=path))
    return "\n".join(spoken(line, lang) for line in lines)


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
