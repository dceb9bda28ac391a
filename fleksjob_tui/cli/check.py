"""The text of ``fleksjob check`` (not ``--json``): the status, the counts and who does what;
as plain sentences to be heard (``plain_check``) under ``--plain`` or ``TERM=dumb``."""

from __future__ import annotations

import datetime as dt

from .. import content
from ..case.dates import format_date
from .out import say


def _w(key: str, lang: str, **fmt) -> str:
    return content.text("report", key, lang, **fmt)


def say_check(path, case, assessment, as_of: dt.date, plain: bool = False) -> None:
    from ..plain.terminal import plain_terminal  # tiny: whether TERM asks for plain text
    from ..view import cleaned  # only for the text of check: the view is not needed for --json

    lang = case.language
    # A finding can quote the case (a measure's title): no control codes to the terminal.
    case, assessment = cleaned(case, assessment, lang)
    if plain or plain_terminal():  # read aloud: references as words, no brackets or symbols
        from ..plain.summary import plain_check  # the plain summary's words (issue 24)

        say(plain_check(path, case, assessment, lang))
        return
    from ..documents.summary import (  # Rich loads only for the drawn text
        counts_line,
        due_text,
        finding_groups,
        finding_tag,
        law_line,
        law_outdated,
        status_sentence,
        status_word,
    )

    say(f"{path}: {status_word(assessment.status, lang)} — {status_sentence(assessment, lang)}")
    counts = counts_line(assessment, lang)
    say(_w("heading.as_of", lang, date=format_date(as_of, lang)) + "."
        + (f" {counts}." if counts else ""))
    # The summary's groups: who should act (in the reader's role, as the case records it: "Din
    # leder har ansvaret — det kan du som medarbejder gøre"), then "Venter på", then "Det
    # vurderer kommunen".
    for key, title, items in finding_groups(assessment, lang, case.case.role):
        who = "" if key in ("waiting", "municipality") else f"{title}: "
        for f in items:
            due = due_text(f, lang, assessment)
            tag = finding_tag(f, lang) + (f" · {due}" if due else "")
            say(f"- [{tag}] {who}{f.message} ({f.reference})")
    say(law_line(lang))
    outdated = law_outdated(as_of, lang)
    if outdated:
        say(outdated)
    if assessment.findings:
        say(_w("cli.see_summary", lang, path=path))
