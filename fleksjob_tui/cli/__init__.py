"""The command line, on top of the house: parses (:mod:`.parser`), then hands over to one of the
ways in (``wizard``, ``plain``, ``web``) or to an output (``documents``).

    fleksjob [--lang da|en]                 start the wizard
    fleksjob --plain [new [PATH] | open CASE]   the same as a line-by-line conversation (plain/;
                                            also by itself when TERM=dumb or not a terminal)
    fleksjob new [PATH]                     start the wizard on a new case
    fleksjob open CASE.toml                 start the wizard on a case
    fleksjob list [MAPPE] [--as-of DATO] [--due-within DAGE] [--json]   the caseload (.caseload)
    fleksjob check CASE.toml [CASE.toml …] [--as-of DATO] [--json]
    fleksjob summary CASE.toml [--as-of DATO] [--plain]
    fleksjob export CASE.toml [--document pack|agreement|municipality|minutes [--meeting DATO]]
                    [--final] [--format html|md|docx] [-o FIL] [--force] [--as-of DATO]
    fleksjob calendar CASE.toml [-o FIL.ics] [--force] [--as-of DATO] [--label ETIKET]
                      [--with-personal-dates]
    fleksjob calendar --all [MAPPE] -o FIL.ics [--force] [--as-of DATO]   every case (.caseload)
    fleksjob restore CASE.toml              put the previous version (CASE.toml.bak) back
    fleksjob tilskud (--hourly KR --hours H [--full-time-wage KR] [--full-time-hours H]
                     | --business-income KR) [--year ÅÅÅÅ] [--json]
    fleksjob serve [CASE.toml] [--port N] [--no-browser]   the wizard in this computer's browser

``check`` of several files: one process; ``--json`` gives JSON Lines with ``path``; the exit
code is the highest of the cases'.

Exit codes: 0 ok (``check``: the case looks ready), 1 ``check``: waiting, missing or not met,
2 the file cannot be read or validated, bad input, or an unexpected error. ``check --json`` on a
file it cannot read (or a bad ``--as-of``) also writes ``{"schema": 1, "error": {"code",
"message", "path", "line", "column"}}`` on stdout (``storage.CaseFileError``'s codes, or
``bad_as_of``); the message on stderr. No traceback unless ``FLEKSJOB_DEBUG=1`` (the tests).

Textual is imported only inside :func:`_run_app`; check/summary/tilskud never import it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import content
from ..case.dates import DateError, parse_date
from .out import say
from .parser import LANGS, _d, argv_lang, build_parser  # noqa: F401 - the public names stay here

EXIT_OK = 0
EXIT_NOT_READY = 1
EXIT_ERROR = 2

def _w(key: str, lang: str, **fmt) -> str:
    return content.text("report", key, lang, **fmt)


class _Fail(Exception):
    """A clean failure: print ``message`` on stderr and exit with ``code``."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _lang_of(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or "da"


def _as_of(args: argparse.Namespace, lang: str) -> dt.date:
    text = getattr(args, "as_of", None)
    if text is None:
        return dt.date.today()
    try:
        return parse_date(text, lang)
    except DateError as err:
        raise _Fail(_w("cli.bad_as_of", lang, error=err.message(lang))) from None


# --------------------------------------------------------------------------------------------
# Commands


def _load(path: str, lang: str, lang_override: str | None):
    from ..case.storage import CaseFileError, load_case

    try:
        case = load_case(path, lang=lang)
    except CaseFileError as err:
        raise _Fail(err.message(lang)) from None
    if lang_override:
        # Speak the asked-for language; only the copy in memory changes, the file is not touched.
        case = case.model_copy(deep=True)
        case.case.language = lang_override
    return case


#: The version of the JSON that ``check --json`` writes for a file it cannot read.
ERROR_JSON_SCHEMA = 1


def _error_json(code: str, message: str, path: str, line: int | None = None,
                column: int | None = None, *, many: bool = False) -> str:
    """``{"schema": 1, "error": {"code", "message", "path", "line", "column"}}`` (one line);
    checking ``many`` files, with the ``path`` first as every line of that output has."""
    head = {"path": path} if many else {}
    return json.dumps({**head, "schema": ERROR_JSON_SCHEMA, "error": {
        "code": code, "message": message, "path": path, "line": line, "column": column,
    }}, ensure_ascii=False)


def _check_many(args: argparse.Namespace) -> int:
    """``check A.toml B.toml …``: each case as ``check`` of one says it (with ``--json`` one line
    each, with its ``path``); a file that cannot be read does not stop the rest. The exit code
    is the highest of the cases'."""
    worst = EXIT_OK
    for i, path in enumerate(args.path):
        if i and not args.json:
            say()
        try:
            code = cmd_check(argparse.Namespace(**{**vars(args), "path": path, "many": True}))
        except _Fail as fail:
            say(fail.message, file=sys.stderr)
            code = fail.code
        worst = max(worst, code)
    return worst


def cmd_check(args: argparse.Namespace) -> int:
    if isinstance(args.path, list):  # from the command line: one file or many
        if len(args.path) > 1:
            return _check_many(args)
        args.path = args.path[0]
    many = getattr(args, "many", False)
    lang_override = getattr(args, "lang", None)
    lang = lang_override or "da"
    if not args.json:
        as_of = _as_of(args, lang)
        case = _load(args.path, lang, lang_override)
    else:
        # Also a JSON object on stdout, so a program reading it learns what went wrong.
        try:
            as_of = _as_of(args, lang)
        except _Fail as fail:
            say(_error_json("bad_as_of", fail.message, str(args.path), many=many))
            raise
        from ..case.storage import CaseFileError, load_case

        try:
            case = load_case(args.path, lang=lang)
        except CaseFileError as err:
            say(_error_json(err.code, err.short(lang), str(args.path), err.line,
                              err.column, many=many))
            raise _Fail(err.message(lang)) from None
        if lang_override:
            case = case.model_copy(deep=True)
            case.case.language = lang_override
    from ..rules import assess

    assessment = assess(case, as_of)
    if args.json and many:
        say(json.dumps({"path": str(args.path), **assessment.to_json()}, ensure_ascii=False))
    elif args.json:
        say(json.dumps(assessment.to_json(), ensure_ascii=False, indent=2))
    else:
        from .check import say_check  # the text of check: not needed for --json

        say_check(args.path, case, assessment, as_of, plain=getattr(args, "plain", False))
    return EXIT_OK if assessment.status == "ready" else EXIT_NOT_READY


def cmd_summary(args: argparse.Namespace) -> int:
    lang_override = getattr(args, "lang", None)
    lang = lang_override or "da"
    as_of = _as_of(args, lang)
    case = _load(args.path, lang, lang_override)
    from rich.console import Console

    from ..documents.summary import render_summary
    from ..rules import assess

    assessment = assess(case, as_of)
    from ..plain.terminal import plain_terminal  # tiny: whether TERM asks for plain text

    if getattr(args, "plain", False) or plain_terminal():  # sentences, nothing drawn (plain/)
        from ..plain import plain_summary

        say(plain_summary(case, assessment, case.language))
        return EXIT_OK
    console = Console(highlight=False, emoji=False)
    width = max(40, min(console.width, 80))
    console = Console(highlight=False, emoji=False, width=width)
    console.print(render_summary(case, assessment, case.language, console_width=width))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    lang_override = getattr(args, "lang", None)
    lang = lang_override or "da"
    as_of = _as_of(args, lang)
    case = _load(args.path, lang, lang_override)
    from ..documents.output import (
        ExportError,
        check_target,
        default_output,
        export_case,
        format_for,
        output_path,
        refuse_existing,
        written_message,
    )

    # Without --format the name given with -o decides (x.md → Markdown); otherwise HTML.
    fmt = args.format or format_for(args.output)
    document, final = getattr(args, "document", "pack"), getattr(args, "final", False)
    if final and document != "agreement":  # the final version to sign is the agreement's
        raise _Fail(_d("agreement.final_only", case.language))
    if getattr(args, "meeting", None) and document != "minutes":  # never a silent other document
        raise _Fail(_d("agreement.meeting_only", case.language))
    meeting = None
    if document == "minutes":
        from ..documents.minutes import choose_meeting  # the minutes' module only for them

        try:
            meeting = choose_meeting(case, getattr(args, "meeting", None), case.language)
        except ValueError as err:
            raise _Fail(str(err)) from None
    try:
        # like cp: a folder gets the default name inside it; "folder/" is never a file
        out = output_path(args.output, default_output(args.path, fmt, document=document,
                                                       meeting=meeting), case.language)
        # Never over the case itself or any case file; never over an earlier pack unasked.
        check_target(out, args.path, case.language)
        refuse_existing(out, args.force, case.language)
        written = export_case(case, as_of, fmt, out, case_path=args.path, document=document,
                              meeting=meeting, final=final)
    except ExportError as err:
        raise _Fail(err.message(case.language)) from None
    said = "agreement_final" if final else document
    say(written_message(case, as_of, said, written, args.path, case.language))
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    """The case's dates as an .ics file: the same safety as export (never over a case, 600,
    atomic, --force to replace), and no health detail in it (the command says so)."""
    if getattr(args, "all", False):  # every case of the folder in one calendar (issue 25)
        from .caseload import cmd_calendar_all  # the caseload's own module: only --all loads it

        return cmd_calendar_all(args)
    if args.path is None:
        raise _Fail(_d("calendar.need_case", getattr(args, "lang", None) or "da"))
    lang_override = getattr(args, "lang", None)
    as_of = _as_of(args, lang_override or "da")
    case = _load(args.path, lang_override or "da", lang_override)
    lang = case.language
    from ..documents.calendar import build_calendar
    from ..documents.output import (
        ExportError,
        check_target,
        output_path,
        refuse_existing,
        write_document,
    )
    from ..rules import assess
    from ..view import build_view

    data, n = build_calendar(build_view(case, assess(case, as_of), lang),
                             label=getattr(args, "label", None),
                             personal_dates=getattr(args, "with_personal_dates", False))
    try:
        out = output_path(args.output, Path(args.path).with_suffix(".ics"), lang)
        check_target(out, args.path, lang)
        refuse_existing(out, args.force, lang)
        if n == 0:
            raise _Fail(_d("calendar.none", lang))
        written = write_document(out, data, lang, args.path)
    except ExportError as err:
        raise _Fail(err.message(lang)) from None
    say(_d("calendar.written", lang, path=written, n=n))
    say(_d("calendar.no_health", lang))
    return EXIT_OK


_THOUSANDS = r"[0-9]{1,3}(\.[0-9]{3})+"  # compiled by ``re`` when tilskud first reads a number


def _plain(value: float, lang: str) -> str:
    """A limit as people write it: 80, 10.000, 1.000.000 (da)."""
    from ..view.estimate import kr

    return kr(value, lang).rsplit(" ", 1)[0]


def _number(text: str | None, option: str, what: str, lang: str, limit: float) -> float | None:
    """A number typed as Danes do: ``187,50``, ``32.000``, ``32.000,50`` or ``187.5``.

    ``what`` names the input (``hours``, ``hourly``, ``full_time_wage``, ``business_income``):
    each has its own words in ``report.toml`` [tilskud.input.*].
    """
    if text is None:
        return None
    key = f"tilskud.input.{what}"
    s = text.strip().lower().replace(" ", "").replace("\u00a0", "")
    for suffix in ("kr.", "kr", ",-"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(_THOUSANDS, s.lstrip("+-")):
        s = s.replace(".", "")
    try:
        value = float(s)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise _Fail(_w("tilskud.bad_number", lang, option=option, value=text,
                       what=_w(f"{key}.what", lang), example=_w(f"{key}.example", lang)))
    if value < 0:
        raise _Fail(_w(f"{key}.negative", lang, option=option, value=text))
    if value > limit:
        raise _Fail(_w(f"{key}.too_large", lang, option=option, value=text,
                       limit=_plain(limit, lang)))
    return value


def _year(text: str | None, years: tuple[int, ...], lang: str) -> tuple[int, str | None]:
    """The year asked for (checked against ``years``), or this year / the newest known."""
    from ..view.estimate import choose_year

    if text is None:
        return choose_year(None, dt.date.today().year, years, lang)
    s = text.strip()
    if re.fullmatch(r"[0-9]{4}", s, flags=re.ASCII) and int(s) > max(years):
        # Rates not published yet: the latest year's, and the note says so (RULES.md §6).
        return choose_year(int(s), int(s), years, lang)
    if not re.fullmatch(r"[0-9]{4}", s, flags=re.ASCII) or int(s) not in years:
        known = ", ".join(str(y) for y in years)
        raise _Fail(_w("tilskud.unknown_year", lang, year=text, years=known))
    return int(s), None


def cmd_tilskud(args: argparse.Namespace) -> int:
    lang = _lang_of(args)
    from ..rules import subsidy
    from ..view.estimate import estimate_lines, wrap_lines

    if args.business_income is not None:
        income = _number(args.business_income, "--business-income", "business_income", lang,
                         subsidy.MAX_BUSINESS_INCOME)
        year, note = _year(args.year, subsidy.self_employed_years(), lang)
        compute = lambda: subsidy.self_employed_estimate(income, year)  # noqa: E731
    else:
        if args.hourly is None or args.hours is None:
            raise _Fail(_w("tilskud.need_hourly", lang))
        hourly = _number(args.hourly, "--hourly", "hourly", lang, subsidy.MAX_HOURLY_WAGE)
        hours = _number(args.hours, "--hours", "hours", lang, subsidy.MAX_HOURS_PER_WEEK)
        cap = _number(args.full_time_wage, "--full-time-wage", "full_time_wage", lang,
                      subsidy.MAX_MONTHLY_WAGE)
        full_hours = _number(getattr(args, "full_time_hours", None), "--full-time-hours",
                             "full_time_hours", lang, subsidy.MAX_HOURS_PER_WEEK)
        if full_hours is not None and full_hours <= 0:
            raise _Fail(_w("tilskud.input.full_time_hours.zero", lang, option="--full-time-hours",
                           value=args.full_time_hours))
        year, note = _year(args.year, subsidy.available_years(), lang)
        compute = lambda: subsidy.estimate(hourly, hours, year, cap, full_hours)  # noqa: E731
    try:
        est = compute()
    except subsidy.UnknownYearError as err:
        raise _Fail(_w("tilskud.unknown_year", lang, year=year,
                       years=", ".join(map(str, err.years)))) from None
    except ValueError as err:  # the engine's own input checks (bilingual "da / en")
        raise _Fail(str(err)) from None
    if args.json:
        extra = {"year_asked": int(args.year.strip()), "note": note} if note else {}
        say(json.dumps({**est.to_json(), "estimate": True, **extra}, ensure_ascii=False,
                         indent=2))
        return EXIT_OK
    say("\n".join(wrap_lines(estimate_lines(est, lang, detail=True, note=note), 80)))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Swap the case and its backup (``sag.toml.bak``); refused while a wizard has it open."""
    lang = _lang_of(args)
    from ..case import locking, storage

    try:
        lock = locking.acquire(args.path)
    except locking.CaseLocked as held:
        raise _Fail(_w("cli.restore_locked", lang, path=args.path,
                       holder=held.holder.describe(lang))) from None
    except OSError:
        lock = None  # a folder we cannot write: restore_backup will say so
    try:
        # Say what will be put back, and ask, before anything is swapped (unless --yes).
        if not _restore_confirmed(args, lang):
            say(_w("cli.restore_cancelled", lang))
            return EXIT_NOT_READY
        storage.restore_backup(args.path, lang=lang)
    except storage.CaseFileError as err:
        raise _Fail(err.message(lang)) from None
    finally:
        if lock is not None:
            lock.release()
    say(_w("cli.restore_done", lang, path=args.path, backup=storage.backup_path(args.path)))
    return EXIT_OK


def _wants_plain(args: argparse.Namespace) -> bool:
    """``--plain``, or by itself: TERM=dumb, or input or output is not a terminal."""
    if getattr(args, "plain", False):
        return True
    from ..plain.terminal import auto_plain  # not the whole plain conversation

    return auto_plain()


def _restore_confirmed(args: argparse.Namespace, lang: str) -> bool:
    """Show the version ``restore`` would put back (when it was saved, whose case, how many
    measures and meetings) and ask; True at once with ``--yes``. Raises CaseFileError when the
    backup is missing or broken (nothing is changed)."""
    import datetime as dt

    from ..case import storage

    bak_path = storage.backup_path(args.path)
    bak = storage.load_case(bak_path, lang=lang)

    def saved(case, path) -> str:
        when = case.case.updated if case is not None else None
        if when is None:
            try:
                when = dt.datetime.fromtimestamp(os.stat(path).st_mtime)
            except OSError:
                return _w("cli.restore_unknown", lang)
        return when.strftime("%d-%m-%Y %H:%M")

    try:
        current = storage.load_case(args.path, lang=lang)
    except storage.CaseFileError:
        current = None
    say(_w("cli.restore_preview", lang, path=args.path, saved=saved(bak, bak_path),
             person=bak.person.name or _w("cli.restore_unknown", lang),
             measures=len(bak.measures), meetings=len(bak.meetings),
             current=saved(current, args.path), backup=bak_path))
    if args.yes:
        return True
    try:
        answer = input(_w("cli.restore_ask", lang))
    except (EOFError, OSError):  # no one to answer (no terminal): nothing is swapped
        return False
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def _run_app(path: str | None, lang: str | None, new: bool, case=None,
             plain: bool = False) -> int:
    if plain:  # the line-by-line conversation: no Textual
        from ..plain import run as run_plain

        return run_plain(path, lang=lang, new=new, case=case)
    try:
        from ..wizard.app import run_app  # Textual is imported here and only here
    except ImportError as err:
        raise _Fail(_w("cli.no_tui", lang or "da", error=err)) from None
    result = run_app(path=path, lang=lang, new=new, case=case)
    return int(result or 0)


def cmd_new(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None)
    if args.path is not None and (Path(args.path).exists() or Path(args.path).is_symlink()):
        # The way back in, said as the conversation says it when it ends (issue 24).
        from ..plain.terminal import reopen_words  # tiny: not the plain conversation

        command = reopen_words() if _wants_plain(args) else _w("cli.open_wizard", lang or "da")
        raise _Fail(_w("cli.new_exists", lang or "da", path=args.path, command=command))
    return _run_app(args.path, lang, new=True, plain=_wants_plain(args))


def cmd_open(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None)
    # Check the file before starting the TUI: a clear message and exit 2, like every command.
    case = _load(args.path, lang or "da", None)
    return _run_app(args.path, lang, new=False, case=case, plain=_wants_plain(args))


def cmd_serve(args: argparse.Namespace) -> int:
    """The wizard in the browser of this computer (``serve.py``; the only command that listens
    on a socket, on 127.0.0.1 only)."""
    lang = getattr(args, "lang", None)
    page_lang = lang or "da"
    if args.path is not None:
        # Check the file first, like `open`: a clear message and exit 2 before anything listens.
        case = _load(args.path, page_lang, None)
        page_lang = lang or case.language
    from ..web import server as serve  # aiohttp and textual-serve are imported here and only here

    try:
        return serve.serve(args.path, lang=lang, page_lang=page_lang, port=args.port,
                           open_browser=not args.no_browser)
    except serve.ServeError as err:
        raise _Fail(err.message) from None


def cmd_list(args: argparse.Namespace) -> int:
    from .caseload import cmd_list as run  # the caseload's own module: only `list` loads it

    return run(args)


COMMANDS = {
    "new": cmd_new,
    "list": cmd_list,
    "open": cmd_open,
    "check": cmd_check,
    "summary": cmd_summary,
    "export": cmd_export,
    "calendar": cmd_calendar,
    "restore": cmd_restore,
    "tilskud": cmd_tilskud,
    "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fleksjob`` console script (:func:`run`). Returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv_lang(argv), argv)
    args = parser.parse_args(argv)
    lang = _lang_of(args)
    debug = os.environ.get("FLEKSJOB_DEBUG", "") not in ("", "0")
    wizard = args.command in (None, "open", "new") and not _wants_plain(args)
    (gc.disable if wizard else gc.enable)()  # off for the wizard's start (see __main__)
    try:
        if args.command is None:
            return _run_app(None, getattr(args, "lang", None), new=False,
                            plain=_wants_plain(args))
        return COMMANDS[args.command](args)
    except _Fail as fail:
        say(fail.message, file=sys.stderr)
        return fail.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped to e.g. `head` that stopped reading: not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:
        if debug:
            raise
        error = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        say(_w("cli.unexpected", lang, error=error), file=sys.stderr)
        return EXIT_ERROR


def run() -> None:  # pragma: no cover - thin wrapper
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
