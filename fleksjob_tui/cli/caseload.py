"""``fleksjob list``: the caseload on the command line (issue 25).

    fleksjob list [FOLDER] [--as-of DATO] [--due-within DAGE] [--json]

Every case in the case folder (or FOLDER) with its status in words, the next date that matters,
what it is and who acts (:mod:`fleksjob_tui.view.caseload`), in the caseload's order: past dates
first, then what is due now, then later dates; cases with nothing to act on, then files that
cannot be read (with the reason). At most 80 columns and plain text (no colour, nothing drawn),
so it reads the same under ``TERM=dumb``, in a pipe and in a screen reader. ``--json`` gives an
array of objects (``path``, ``title``, ``status``, ``next_date``, ``next_what``, ``next_actor``,
``next_count``, ``next_others``, ``next_item``, ``past_days``, ``readable``, ``error``). The list comes from the folder's index
(:mod:`fleksjob_tui.view.index`): a big folder is listed fast. Exit 0; 2 for a bad option.

This module does not import the rest of the command line (:mod:`fleksjob_tui.cli` dispatches to
it). Textual-free.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

from .. import content
from ..case import storage
from ..case.dates import DateError, format_date, parse_date
from ..view import index as case_index
from ..view.caseload import sort_key, step_words
from ..view.words import status_word
from .out import say

EXIT_OK = 0
EXIT_ERROR = 2

#: The widest the list is (the summary's width too).
WIDTH = 80
#: The date column: "01-12-2026" and two spaces.
DATE_WIDTH = 12


def _w(key: str, lang: str, **fmt) -> str:
    return content.text("caseload", key, lang, **fmt)


def parse_as_of(text: str | None, lang: str) -> dt.date:
    """``--as-of`` as a date (today without it); raises ValueError with the message."""
    if text is None:
        return dt.date.today()
    try:
        return parse_date(text, lang)
    except DateError as err:
        raise ValueError(content.text("report", "cli.bad_as_of", lang,
                                      error=err.message(lang))) from None


def _last_day(as_of: dt.date, days: int) -> dt.date:
    """The last day ``--due-within`` looks at (the calendar's last day when it runs past it)."""
    try:
        return as_of + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _reason(path: Path, lang: str) -> str:
    """Why a file cannot be read, in one line (read again: the index keeps no reason)."""
    try:
        storage.load_case(path, lang=lang)
    except storage.CaseFileError as err:
        return err.short(lang)
    return ""  # readable after all (changed since it was listed)


def caseload(folder: Path, as_of: dt.date, lang: str, due_within: int | None = None
             ) -> list[case_index.Entry]:
    """The cases of ``folder`` in the caseload's order; with ``due_within`` only those whose
    next step is due by ``as_of`` + that many days (past ones included) and the files that
    cannot be read."""
    # The index holds one day: another day's listing must not make the next start slow.
    entries = case_index.list_entries(folder, as_of, lang, write=as_of == dt.date.today())
    if due_within is not None:
        last = _last_day(as_of, due_within)
        entries = [e for e in entries if e.step is None
                   or (e.step.when(as_of) is not None and e.step.when(as_of) <= last)]
    entries.sort(key=lambda e: sort_key(e.step, as_of, e.title or e.path.name))
    return entries


def _json(entries: list[case_index.Entry], as_of: dt.date, lang: str) -> str:
    rows = []
    for e in entries:
        s = e.step
        rows.append({
            "path": str(e.path),
            "title": e.title,
            "status": e.status,
            "next_date": s.date.isoformat() if s is not None and s.date else None,
            "next_what": s.what if s is not None else None,
            "next_actor": s.actor if s is not None else None,
            "next_count": s.count if s is not None else 0,
            "next_others": s.others if s is not None else 0,
            "next_item": s.item if s is not None else None,  # a finding id (check --json's)
            "past_days": s.past(as_of) if s is not None else 0,
            "readable": e.readable,
            "error": None if e.readable else _reason(e.path, lang),
        })
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _text(entries: list[case_index.Entry], folder: Path, as_of: dt.date, lang: str,
          due_within: int | None, width: int) -> list[str]:
    head = _w("list.head", lang, n=len(entries), folder=folder, date=format_date(as_of, lang))
    if due_within is not None:
        head += " " + _w("list.due_within", lang, n=due_within,
                         date=format_date(_last_day(as_of, due_within), lang))
    lines = [_fit(head, width)]
    if not entries:
        lines.append(_w("list.empty" if due_within is None else "list.none_due", lang))
        return lines
    lines.append("")
    indent = " " * DATE_WIDTH
    for e in entries:
        name = e.title or e.path.name
        if e.person_name:
            name += f" · {e.person_name}"
        if e.step is None:
            date, status = "—", _w("list.unreadable", lang)
            detail = _reason(e.path, lang)
        else:
            date, what, who, past = step_words(e.step, as_of, lang)
            status = status_word(e.status, lang) if e.status else ""
            detail = f"{who}: {what}" if e.step.actor else what
            if past:
                detail = f"{past} · {detail}"
        room = width - DATE_WIDTH - len(status) - 2
        lines.append(f"{date:<{DATE_WIDTH}}{_fit(name, room):<{room}}  {status}".rstrip())
        lines.append(_fit(indent + detail, width))
    return lines


def cmd_list(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None) or "da"
    try:
        as_of = parse_as_of(getattr(args, "as_of", None), lang)
    except ValueError as err:
        say(err, file=sys.stderr)
        return EXIT_ERROR
    due_within = getattr(args, "due_within", None)  # 0 or more: the parser checks it
    folder = (Path(args.folder).expanduser() if args.folder
              else storage.default_folder(create=False))
    if args.folder and not folder.is_dir():  # a typo must not look like an empty caseload
        say(_w("list.not_folder", lang, folder=folder), file=sys.stderr)
        return EXIT_ERROR
    storage.tighten_case_folder(folder)  # the case folder named: 700 like the default one
    entries = caseload(folder, as_of, lang, due_within)
    if args.json:
        say(_json(entries, as_of, lang))
        return EXIT_OK
    width = max(40, min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns))
    say("\n".join(_text(entries, folder, as_of, lang, due_within, width)))
    return EXIT_OK


def _d(key: str, lang: str, **fmt) -> str:
    return content.text("documents", key, lang, **fmt)


def cmd_calendar_all(args: argparse.Namespace) -> int:
    """``fleksjob calendar --all [FOLDER] -o FILE.ics``: the dates of every case in the case
    folder (or FOLDER) in one calendar, each event as in its own case's calendar (the same
    title and id; no health detail). The same safety as one case's calendar: never over a case
    file, 600, atomic, ``--force`` to replace. A file that cannot be read is skipped and named
    on stderr."""
    lang_override = getattr(args, "lang", None)
    lang = lang_override or "da"
    try:
        as_of = parse_as_of(getattr(args, "as_of", None), lang)
    except ValueError as err:
        say(err, file=sys.stderr)
        return EXIT_ERROR
    if not args.output:
        say(_d("calendar.all_needs_output", lang), file=sys.stderr)
        return EXIT_ERROR
    # Only when a calendar is made: `list` reads the index and needs none of these.
    from ..documents.calendar import build_calendar_all  # (icalendar, when it writes)
    from ..documents.output import ExportError, check_target, refuse_existing  # checks
    from ..rules import assess  # (every case is assessed for its dates)
    from ..view import build_view  # (beside its users)

    folder = Path(args.path).expanduser() if args.path else storage.default_folder(create=False)
    if args.path and not folder.is_dir():  # a typo must not look like a folder without dates
        say(_w("list.not_folder", lang, folder=folder), file=sys.stderr)
        return EXIT_ERROR
    views = []
    seen: set[str] = set()
    for entry in storage.list_cases(folder, lang=lang):
        real = os.path.realpath(entry.path)
        if real in seen:  # a link to a case already read: its events once, not twice
            continue
        seen.add(real)
        if entry.case is None:
            say(_d("calendar.skipped", lang, path=entry.path), file=sys.stderr)
            continue
        case = entry.case
        out_lang = lang_override or case.language
        views.append(build_view(case, assess(case, as_of), out_lang))
    out = Path(args.output).expanduser()
    data, n = build_calendar_all(views, lang,
                                 personal_dates=getattr(args, "with_personal_dates", False))
    try:
        check_target(out, None, lang)
        refuse_existing(out, args.force, lang)
        if n == 0:
            say(_d("calendar.none_all", lang), file=sys.stderr)
            return EXIT_ERROR
        if not out.parent.is_dir():
            raise ExportError(out, content.text("export", "error.no_folder", "da",
                                                folder=out.parent),
                              content.text("export", "error.no_folder", "en",
                                           folder=out.parent), lang)
        try:
            written = storage.write_private_bytes(out, data, lang=lang)
        except storage.CaseFileError as err:
            raise ExportError(out, err.what.da, err.what.en, lang) from None
    except ExportError as err:
        say(err.message(lang), file=sys.stderr)
        return EXIT_ERROR
    say(_d("calendar.written_all", lang, path=written, n=n, cases=len(views)))
    say(_d("calendar.no_health", lang))
    return EXIT_OK
