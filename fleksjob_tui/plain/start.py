"""Starting the conversation from the command line: whether to (``auto_plain``), which case
(a saved one from the folder, or a new one and who fills it in), the lock, and the exit codes."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import signal
import sys
from pathlib import Path
from typing import TextIO

from .. import content
from ..case import storage
from ..case.model import ROLES, Case
from .conversation import Conversation
from .lines import TerminalLines
from .reading import BACK, _Hangup, _InputEnded, _p, _Quit, today
from .terminal import auto_plain, reopen_words  # noqa: F401 - plain.auto_plain, as before


def _hangup(signum, frame):
    raise _Hangup


def _pick_role(conv: Conversation) -> str:
    lang = conv.lang
    options = [(content.text("plain", f"role.letter.{r}", lang), r,
                content.ui(f"role.{r}", lang)) for r in ROLES]
    choices = ", ".join(_p("ask.choice", lang, letter=ltr, word=w) for ltr, _, w in options)
    question = content.ui("role.question", lang)
    conv.say(content.ui("role.hint", lang))
    while True:
        line = conv.command(f"{question} ({choices}) ")
        low = line.lower() if isinstance(line, str) else ""
        for letter, role, w in options:
            if low in (letter, w.lower()):
                return role
        if line is BACK or low == "":
            conv.say(_p("start.role_required", lang, choices=choices))
        else:
            letters = [o[0] for o in options]
            said = ", ".join(letters[:-1]) + f" {_p('ask.or', lang)} {letters[-1]}"
            conv.say(_p("ask.bad_letter", lang, text=line, choices=said))


def _pick_case(conv: Conversation, folder: Path) -> tuple[Case, Path] | None:
    """A saved case from the folder (None: a new one)."""
    from ..rules import assess  # only to list saved cases with their status

    lang = conv.lang
    entries = storage.list_cases(folder, lang=lang)
    if not entries:
        conv.say(_p("start.no_cases", lang, folder=folder))
        return None
    conv.say(_p("start.cases", lang, folder=folder))
    for n, e in enumerate(entries, 1):
        title = e.title or e.path.name
        if e.person_name:
            title += f", {e.person_name}"
        line = None
        if e.case is not None:
            try:
                when = e.updated.astimezone().strftime("%d-%m-%Y %H:%M") if e.updated else "?"
                status = content.ui(f"status_short.{assess(e.case, conv.as_of).status}", lang)
                line = _p("start.case_line", lang, n=n, title=title, when=when, status=status)
            except Exception:  # noqa: BLE001 - one case that cannot be shown hides no other
                line = None
        conv.say(line or _p("start.case_unreadable", lang, n=n, title=title))
    while True:
        line = conv.command(_p("start.pick", lang, n=len(entries)))
        if line is BACK:
            continue
        if line.lower() == _p("start.new_letter", lang):
            return None
        if line == "":
            line = "1"
        if line.isdigit() and 1 <= int(line) <= len(entries):
            e = entries[int(line) - 1]
            if e.error is not None:
                conv.say(" ".join(e.error.message(lang).split()))
                continue
            assert e.case is not None
            return e.case, e.path
        conv.say(_p("start.pick_bad", lang, text=line, n=len(entries)))


def _stream(stream: TextIO) -> TextIO:
    with contextlib.suppress(AttributeError, ValueError, OSError):
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    return stream


def run(path: str | os.PathLike[str] | None = None, *, lang: str | None = None,
        new: bool = False, case: Case | None = None, folder: str | os.PathLike[str] | None = None,
        as_of: dt.date | None = None, inp: TextIO | None = None,
        out: TextIO | None = None) -> int:
    """The conversation from the command line. Returns the exit code: 0 when the user quits
    (``q``) or reaches the end, 1 when the input ends before that (Ctrl+D, a file of answers
    that runs out) or the case is open elsewhere, 129 when the terminal is closed, 130 after
    Ctrl+C (everything answered is saved either way)."""
    from ..case import locking  # only when a case is really opened (not for auto_plain)

    inp = _stream(inp or sys.stdin)
    out = _stream(out or sys.stdout)
    try:
        echo = not os.isatty(inp.fileno())
    except (AttributeError, ValueError, OSError):
        echo = True
    as_of = as_of or today()
    ui_lang = lang or (case.language if case is not None else "da")
    conv = Conversation(case or Case.new(language=ui_lang), None, ui_lang, as_of, inp, out,
                        echo=echo)
    old_handlers = {}
    for name in ("SIGHUP", "SIGTERM"):  # a closed terminal, or asked to stop
        with contextlib.suppress(ValueError, OSError, AttributeError):
            sig = getattr(signal, name)
            old_handlers[sig] = signal.signal(sig, _hangup)
    lock = None
    lines = None
    try:
        # A terminal is read so that Ctrl+C always ends the wait (lines.py: a Ctrl+C that came
        # just before a read began was lost, and the program went on waiting for a line).
        lines = TerminalLines.for_stream(inp)
        if lines is not None:
            conv.inp = lines  # type: ignore[assignment] - a stream for what is asked of it
        try:
            conv.say(_p("start.welcome", ui_lang))
            conv.say(_p("start.keys", ui_lang))
            target: Path | None = Path(path) if path else None
            if case is None and not new and target is None:
                picked = _pick_case(conv, Path(folder) if folder else storage.default_folder())
                if picked is not None:
                    case, target = picked
                    if lang is None:
                        ui_lang = conv.lang = case.language
            if case is None:  # a new case: first who fills it in
                role = _pick_role(conv)
                case = Case.new(role=role, language=ui_lang)
                case.case.title = content.ui("start.default_title", ui_lang,
                                             date=as_of.strftime("%d-%m-%Y"))
                target = target or storage.new_case_path(
                    Path(folder) if folder else storage.default_folder(), case.case.title)
                created = True
            else:
                created = False
            assert target is not None
            try:
                lock = locking.acquire(target)
            except locking.CaseLocked as held:
                conv.say(_p("end.locked", ui_lang, file=target.name,
                            holder=held.holder.describe(ui_lang), path=target))
                return 1
            except OSError:
                lock = None  # a folder we cannot write: the first save says why
            conv.case = case
            conv.path = target
            conv._opened_answers = conv._saved_answers = case.answers()
            if case.case.language is None:
                case.case.language = ui_lang
            if created:
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                conv.save()
                conv.say(_p("start.created", ui_lang, title=case.case.title, path=target))
            else:
                conv.say(_p("start.opened", ui_lang, title=case.case.title or target.name,
                            path=target))
            return conv.walk()
        except _Quit as quit_:
            ended = isinstance(quit_, _InputEnded)  # answers ran out: not finished, say so
            if ended:
                conv.say(_p("end.input_ended", conv.lang))
            if conv.path is not None:
                if conv.save_error:
                    conv.say(_p("end.not_saved", conv.lang, path=conv.path))
                conv.say(_p("end.quit", conv.lang, path=conv.path, command=reopen_words()))
            else:
                conv.say(_p("end.quit_nothing", conv.lang))
            return 1 if ended else 0
        except KeyboardInterrupt:
            conv.say("")
            if conv.path is not None:
                conv.say(_p("end.interrupted", conv.lang, path=conv.path))
            return 130
    except (_Hangup, BrokenPipeError):
        return 129  # the terminal went away: every answer was saved when it was given
    except OSError as err:
        if err.errno in (errno.EIO, errno.EPIPE, errno.EBADF):
            return 129  # reading or writing a terminal that was closed
        raise
    finally:
        if lock is not None:
            lock.release()
        for sig, handler in old_handlers.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, handler)
        if lines is not None:
            lines.close()
