"""Reading what a person types, as the wizard reads it (numbers with comma or point, the
model's refusals in the wizard's words), and the small pieces every part of the plain
conversation shares: the BACK/NEXT markers, the quit and hang-up signals, the texts of
``content/plain.toml``."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
from typing import Any

from pydantic import ValidationError

from .. import content
from ..case.clean import printable

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1bO.|\x1b.?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")

BACK = object()  # "<": one question back
NEXT = object()  # answered (or kept): on to the next question


class _Quit(Exception):
    """``q`` or the end of the input: everything is saved already."""


class _InputEnded(_Quit):
    """The input ended before the conversation did (piped answers ran out): saved, but not
    finished, and said so."""


class _Hangup(Exception):
    """The terminal was closed (SIGHUP) or the program was asked to stop (SIGTERM)."""


def today() -> dt.date:
    """As the wizard: today, or ``FLEKSJOB_AS_OF`` (YYYY-MM-DD) for tests and demos."""
    fixed = os.environ.get("FLEKSJOB_AS_OF")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def _p(key: str, lang: str, role: str | None = None, **fmt: Any) -> str:
    return content.text("plain", key, lang, role, **fmt)


# ── reading answers (the wizard's rules, without its widgets) ──────────────────────────────────
def read_number(text: str, integer: bool, lang: str) -> tuple[str | None, Any]:
    """(message, value) for a typed number, as the wizard's NumberField reads it: 187,50 and
    187.50, 32.000 (thirty-two thousand), 1.234,50; the message is None when it is a number."""
    text = text.replace(" ", "")
    if "," in text:
        normal = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        normal = text.replace(".", "")
    else:
        normal = text
    try:
        number: float | int = int(normal) if integer else float(normal)
    except ValueError:
        number = float("nan")
    if number != number or number in (float("inf"), float("-inf")):
        key = "field.not_integer" if integer else "field.not_number"
        return content.ui(key, lang, text=text), None
    return None, number


def _limit_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def refusal(err: ValidationError, lang: str) -> str:
    """Why the model refused a value, in the words the wizard uses beside a field."""
    first = err.errors()[0]
    kind, ctx = first.get("type", ""), first.get("ctx") or {}
    msg = str(first.get("msg", ""))
    if kind in ("less_than_equal", "less_than"):
        return content.ui("field.too_large", lang, limit=_limit_text(ctx.get("le", ctx.get("lt"))))
    if kind in ("greater_than_equal", "greater_than"):
        return content.ui("field.too_small", lang, limit=_limit_text(ctx.get("ge", ctx.get("gt"))))
    if "before" in msg:
        return content.ui("field.period_order", lang)
    if "needs a title" in msg:
        return content.ui("editor.need_text", lang)
    return content.ui("field.invalid", lang, detail=msg)


def _number_shown(value, lang: str) -> str:
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else str(value)
    return text.replace(".", ",") if lang == "da" else text


_OR = {"da": " eller ", "en": " or "}


def spoken(text: str, lang: str) -> str:
    """A line as it is heard: "HR / arbejdsmiljø" is read aloud as "skråstreg" (slash), so a
    slash between words is said as the word it stands for; paths and dates have no spaces
    around their slashes and stay as they are. Danish "pr." is said as "per", and a legal
    reference's "stk. 2, nr. 3" as "stykke 2, nummer 3"."""
    text = printable(text).replace(" / ", _OR.get(lang, " or "))  # never a control code out
    if lang == "da":  # "pr." is read letter by letter ("p r"); "per" is the same word, heard
        text = text.replace(" pr. ", " per ").replace("bl.a. ", "blandt andet ")
    for short, word in _ABBREVIATIONS.get(lang, ()):
        text = short.sub(word, text)
    # "lov nummer 1750/2025" ("skråstreg"): the law's number and year, "1750 af 2025".
    text = _LAW_NUMBER.sub(lambda m: f"{m[1]} {m[2]} {_p('spoken.of', lang)} {m[3]}", text)
    # "stykke 1-2", "måneden skal være 1-12": the dash is silent when heard, "1 til 2".
    text = _RANGE.sub(lambda m: f"{m[1]} {_p('spoken.to', lang)} {m[2]}", text)
    if lang == "da":  # "i kr." is read "i kå er": kroner
        text = _KR.sub(lambda m: "kroner" + (". " if m[1] else "." if m[2] is not None else ""),
                       text)
    for abbr in ("LAB", "LBK", "BEK"):  # the law's abbreviations, as words (content/plain.toml)
        if abbr in text:
            text = re.sub(rf"\b{abbr}\b", _p(f"spoken.{abbr}", lang), text)
    # 01/03/2024 ("nul en skråstreg …"), 01-03-2024 (the program's own form, "nul en streg …")
    # and 2026-12-22 as they are said: "1. marts 2024".
    for form in (_SLASH_DATE, _DASH_DATE, _ISO_DATE):
        text = form.sub(lambda m: _date_words(m, lang), text)
    return text


_LAW_NUMBER = re.compile(r"\b(nummer|no\.|number) (\d+)/(\d{4})\b")
_RANGE = re.compile(r"(?<![\d/.,-])(\d{1,3})-(\d{1,3})(?![\d/-]|[.,]\d)")
_KR = re.compile(r"\bkr\.(?:(\s+)(?=[A-ZÆØÅ])|(\Z)|(?=\s|[,;:)]))")
#: Not a date to say: one in a path or file name, and the example of how to type a date ("fx
#: 22-11-2026"), which is heard as it is typed.
_NOT_SAID = r"(?<![\w/.-])(?<!fx )(?<!e\.g\. )"
_SLASH_DATE = re.compile(_NOT_SAID + r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\w/-]|\.\w)")
_DASH_DATE = re.compile(_NOT_SAID + r"(?P<d>\d{2})-(?P<m>\d{2})-(?P<y>\d{4})(?![\w/-]|\.\w)")
_ISO_DATE = re.compile(_NOT_SAID + r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-]|\.\w)")


def _date_words(found: re.Match, lang: str) -> str:
    d, m = int(found["d"]), int(found["m"])
    try:
        dt.date(int(found["y"]), m, d)
    except ValueError:  # "31-02-1970 findes ikke": a date that is not one is said as written
        return found[0]
    name = content.entry("messages", "dates.months")[lang if lang == "en" else "da"][m - 1]
    return _p("spoken.date", lang, day=d, month=name, year=found["y"])


#: The abbreviations of a legal reference ("LAB § 118, stk. 2, nr. 3"), read letter by letter
#: by a speech synthesizer, as they are said.
_ABBREVIATIONS = {
    "da": ((re.compile(r"\bstk\. (?=\d)"), "stykke "), (re.compile(r"\bnr\. (?=\d)"), "nummer ")),
    "en": ((re.compile(r"\bstk\. (?=\d)"), "subsection "), (re.compile(r"\bnr\. (?=\d)"), "no. ")),
}


def _full_stop(text: str) -> str:
    """``text`` as a sentence: a full stop at the end unless it has one ("200 kr." stays); also
    after a closing bracket, so that a screen reader pauses before the next line."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", ":")) else text + "."


@contextlib.contextmanager
def _signals_held():
    """Ctrl+C, a closed terminal or SIGTERM wait until a save is done (the file is whole either
    way; this keeps the answer that was being saved)."""
    sigs = {getattr(signal, name) for name in ("SIGINT", "SIGHUP", "SIGTERM")
            if hasattr(signal, name)}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX / not main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
