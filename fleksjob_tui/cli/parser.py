"""The command line's arguments: the parser, its help and its usage errors in the user's
language (Danish by default, English with ``--lang en``). The commands are in :mod:`.cli`.

Textual-free, like the whole command line.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Sequence

from .. import content

EXIT_ERROR = 2

LANGS = ("da", "en")


def _plain_help(key: str, lang: str) -> str:
    return content.text("plain", f"cli.{key}", lang)


# --------------------------------------------------------------------------------------------
# Argument parsing


def _h(key: str, lang: str, **fmt) -> str:
    """A text of the command line's help (``content/cli.toml``)."""
    return content.text("cli", key, lang, **fmt)


#: argparse's own messages (English in the standard library) in Danish, matched in this order.
_ARGPARSE_DA: tuple[tuple[str, str], ...] = (
    (r"^the following arguments are required: (.*)$", r"dette mangler: \1"),
    (r"^unrecognized arguments: (.*)$", r"ukendt: \1"),
    (r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$",
     r"\1: \2 findes ikke (vælg mellem \3)"),
    (r"^argument (\S+): expected one argument$", r"\1: mangler en værdi"),
    (r"^argument (\S+): ignored explicit argument (.*)$", r"\1: tager ingen værdi (\2)"),
    (r"^argument (\S+): (.*)$", r"\1: \2"),
)


def _argparse_message(message: str, lang: str) -> str:
    if lang != "da":
        return message
    for pattern, replacement in _ARGPARSE_DA:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def argv_lang(argv: Sequence[str]) -> str:
    """The language asked for with ``--lang`` anywhere on the command line (else Danish), so
    that the help and the usage errors are in the user's language too."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGS:
            return value
    return "da"


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, *, lang: str = "da") -> None:
        super().__init__(prog)
        self.lang = lang

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        if prefix is None:  # argparse passes "" when it builds a subcommand's name
            prefix = _h("usage", self.lang) + " "
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in the user's language: our help texts, its headings and its usage errors."""

    def __init__(self, *args, lang: str = "da", **kwargs) -> None:
        kwargs["add_help"] = False
        kwargs["formatter_class"] = functools.partial(_Formatter, lang=lang)
        super().__init__(*args, **kwargs)
        self.lang = lang
        self._optionals.title = _h("options", lang)
        self._positionals.title = _h("positionals", lang)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_h("help", lang))

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: {_h('error', self.lang)}: "
                              f"{_argparse_message(message, self.lang)}\n"
                              f"{_h('see_help', self.lang, prog=self.prog)}\n")


def _d(key: str, lang: str, **fmt) -> str:
    """A text of the documents (``content/documents.toml``)."""
    return content.text("documents", key, lang, **fmt)


def _documents() -> tuple[str, ...]:
    from ..documents import DOCUMENTS, MEETING_DOCUMENTS  # small: no python-docx, no icalendar

    return DOCUMENTS + MEETING_DOCUMENTS


#: The most days ``--due-within`` looks ahead: ten years (further has no dates to show).
MAX_DAYS = 3650


def _days(lang: str):
    """``--due-within``: a whole number of days, 0 or more (the error in the user's language)."""
    def days(text: str) -> int:
        if not text.strip().isdigit() or int(text) > MAX_DAYS:
            raise argparse.ArgumentTypeError(_h("list_bad_days", lang, value=text, most=MAX_DAYS))
        return int(text)

    return days


#: The commands, in the order the help lists them.
COMMAND_NAMES = ("new", "open", "list", "check", "summary", "export", "calendar", "restore",
                 "tilskud", "serve")


def build_parser(lang: str = "da", argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser. Given the command line (``argv``) that starts with a command's name, only
    that command's arguments are built: argparse parses them as always, and a short command
    (``check CASE --json``) does not pay for the help texts of all nine (issue 16). Anything
    else (``--help``, an unknown command, an option first) builds them all."""
    only = argv[0] if argv and argv[0] in COMMAND_NAMES else None

    def want(name: str) -> bool:
        return only is None or only == name

    def h(key: str) -> str:
        return _h(key, lang)

    def command(name: str, *, as_of: bool = False, text: str | None = None
                ) -> argparse.ArgumentParser:
        text = text or h(name)
        p = sub.add_parser(name, help=text, description=text.capitalize() + ".")
        p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("lang"))
        if as_of:
            p.add_argument("--as-of", metavar=h("m_date"), help=h("as_of"))
        return p

    parser = _Parser(prog="fleksjob", description=h("description"), epilog=h("epilog"),
                     lang=lang)
    parser.add_argument("--lang", choices=LANGS, default=None, help=h("lang"))
    parser.add_argument("--plain", action="store_true", help=_plain_help("plain", lang))
    sub = parser.add_subparsers(dest="command", metavar=h("m_command"), title=h("commands"),
                                parser_class=functools.partial(_Parser, lang=lang))
    case = h("m_case")

    if want("new"):
        p = command("new")
        p.add_argument("path", nargs="?", metavar=h("m_path"), help=h("new_path"))
        p.add_argument("--plain", action="store_true", default=argparse.SUPPRESS,
                       help=_plain_help("plain", lang))

    if want("open"):
        p = command("open")
        p.add_argument("path", metavar=case)
        p.add_argument("--plain", action="store_true", default=argparse.SUPPRESS,
                       help=_plain_help("plain", lang))

    if want("list"):
        # The caseload: every case's next date and who acts (fleksjob_tui/cli/caseload.py)
        p = command("list", as_of=True)
        p.add_argument("folder", nargs="?", metavar=h("m_folder"), help=h("list_folder"))
        p.add_argument("--due-within", type=_days(lang), metavar=h("m_days"),
                       help=h("list_due_within"))
        p.add_argument("--json", action="store_true", help=h("list_json"))

    if want("check"):
        p = command("check", as_of=True)
        # One case or many (issue 25): many give one JSON object a line with --json.
        p.add_argument("path", metavar=case, nargs="+", help=h("check_paths"))
        p.add_argument("--json", action="store_true", help=h("check_json"))

    if want("summary"):
        p = command("summary", as_of=True)
        p.add_argument("path", metavar=case)
        p.add_argument("--plain", action="store_true", default=argparse.SUPPRESS,
                       help=_plain_help("summary_plain", lang))

    if want("export"):
        p = command("export", as_of=True)
        p.add_argument("path", metavar=case)
        p.add_argument("--document", choices=_documents(), default="pack",
                       help=_d("cli.document", lang))
        p.add_argument("--format", choices=("html", "md", "docx"), default=None,
                       help=_d("cli.format", lang))
        p.add_argument("--meeting", metavar=h("m_date"), help=_d("cli.meeting", lang))
        p.add_argument("--final", action="store_true", help=_d("cli.final", lang))
        p.add_argument("-o", "--output", metavar=h("m_file"), help=h("export_output"))
        p.add_argument("--force", action="store_true", help=h("export_force"))

    if want("calendar"):
        # The case's dates as a calendar, without health detail (fleksjob_tui/documents/calendar.py)
        p = command("calendar", as_of=True, text=_d("cli.calendar", lang))
        p.add_argument("path", metavar=case, nargs="?", help=_d("cli.calendar_path", lang))
        p.add_argument("--all", action="store_true", help=_d("cli.calendar_all", lang))
        p.add_argument("-o", "--output", metavar=h("m_file"), help=_d("cli.calendar_output", lang))
        p.add_argument("--force", action="store_true", help=_d("cli.calendar_force", lang))
        p.add_argument("--label", metavar=h("m_label"), help=_d("cli.calendar_label", lang))
        p.add_argument("--with-personal-dates", action="store_true",
                       help=_d("cli.calendar_personal", lang))

    if want("restore"):
        p = command("restore")
        p.add_argument("path", metavar=case)
        p.add_argument("-y", "--yes", action="store_true", help=h("restore_yes"))

    if want("tilskud"):
        p = command("tilskud")
        p.add_argument("--hourly", metavar="KR", help=h("hourly"))
        p.add_argument("--hours", metavar="H", help=h("hours"))
        p.add_argument("--year", metavar=h("m_year"), help=h("year"))
        p.add_argument("--full-time-wage", metavar="KR", help=h("full_time_wage"))
        p.add_argument("--full-time-hours", metavar="H", help=h("full_time_hours"))
        p.add_argument("--business-income", metavar="KR", help=h("business_income"))
        p.add_argument("--json", action="store_true", help=h("tilskud_json"))

    if want("serve"):
        def sv(key: str) -> str:  # the serve command's own texts (content/serve.toml)
            return content.text("serve", f"help.{key}", lang)

        p = sub.add_parser("serve", help=sv("serve"), description=sv("serve").capitalize() + ".")
        p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("lang"))
        p.add_argument("path", nargs="?", metavar=case, help=sv("case"))
        p.add_argument("--port", type=int, metavar="N", help=sv("port"))
        p.add_argument("--no-browser", action="store_true", help=sv("no_browser"))
    return parser
