"""The plain way through a case: a conversation line by line, for screen readers, braille
displays, large print and simple terminals (``fleksjob --plain``).

The same steps in the same order as the wizard, the same questions (:mod:`fleksjob_tui.flow`,
``content/questions.toml``), the same role-aware wording, the same validation (dates as Danes
type them, numbers with comma or point) and the same rules. Every answer is saved at once
(atomically, through :func:`storage.save_case`) under the same lock as the wizard's; a reopened
case goes on after the last question answered. Output is plain lines only: no escape sequences,
no colour, no cursor movement, no box drawing; states are words.

``plain_summary`` gives the summary as plain text (also ``fleksjob summary --plain``).

This module imports nothing from Textual. Its words are in ``content/plain.toml``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from . import content, flow, storage
from .dates import DateError, format_date, parse_date
from .model import MEASURE_IDS, PARTICIPANTS, ROLES, Case, Measure, Meeting
from .privacy import find_cpr, remove_cpr

__all__ = ["run", "auto_plain", "plain_summary", "read_number", "Conversation"]

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1bO.|\x1b.?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")

BACK = object()  # "<": one question back
NEXT = object()  # answered (or kept): on to the next question


class _Quit(Exception):
    """``q`` or the end of the input: everything is saved already."""


class _Hangup(Exception):
    """The terminal was closed (SIGHUP) or the program was asked to stop (SIGTERM)."""


def auto_plain() -> bool:
    """True when the plain conversation should be used without ``--plain``: ``TERM=dumb``, or
    standard input or output is not a terminal. ``FLEKSJOB_PLAIN=1``/``0`` decides outright."""
    forced = os.environ.get("FLEKSJOB_PLAIN")
    if forced in ("0", "1"):
        return forced == "1"
    if os.environ.get("FLEKSJOB_BENCH_EXIT_AFTER_PAINT"):
        return False  # benchmarks/run.py measures the wizard's first paint
    if os.environ.get("TERM", "") == "dumb":
        return True
    try:
        return not (os.isatty(0) and os.isatty(1))
    except OSError:  # pragma: no cover
        return True


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


# ── the conversation ──────────────────────────────────────────────────────────────────────────
class Conversation:
    """One case, asked line by line on ``inp`` / ``out``."""

    def __init__(self, case: Case, path: Path | None, lang: str, as_of: dt.date,
                 inp: TextIO, out: TextIO, *, echo: bool = False) -> None:
        self.case = case
        self.path = path
        self.lang = lang
        self.as_of = as_of
        self.inp = inp
        self.out = out
        self.echo = echo
        self.save_error: str | None = None
        self._opened_answers = case.answers()
        self._saved_answers = self._opened_answers
        self._backed_up = False

    # texts
    @property
    def role(self) -> str:
        return self.case.role

    def t(self, key: str, **fmt: Any) -> str:
        return _p(key, self.lang, self.role, **fmt)

    def ui(self, key: str, **fmt: Any) -> str:
        return content.ui(key, self.lang, self.role, **fmt)

    # lines in and out
    def say(self, text: str = "") -> None:
        for line in text.split("\n"):
            self.out.write(line + "\n")
        self.out.flush()

    def read(self, prompt: str) -> str:
        """One line typed after ``prompt`` (without its newline). The end of the input quits."""
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if line == "":
            self.out.write("\n")
            raise _Quit
        # Arrow keys and the like arrive as escape sequences in a line typed at a simple
        # terminal: never let them into an answer or back out in a message.
        line = _CONTROL.sub("", line.rstrip("\r\n"))
        if self.echo:
            self.out.write(line + "\n")
            self.out.flush()
        return line.strip()

    def command(self, prompt: str, field: flow.Field | None = None) -> Any:
        """A line, with the keys every question knows: ``?`` help, ``s`` summary, ``q`` quit,
        ``<`` back (returned as BACK)."""
        while True:
            line = self.read(prompt)
            low = line.lower()
            if low == "?":
                self.help(field)
                continue
            if low == "s":
                self.say()
                self.say(plain_summary(self.case, self.assess(), self.lang))
                continue
            if low == "q":
                raise _Quit
            if low == "<":
                return BACK
            return line

    def help(self, field: flow.Field | None) -> None:
        if field is None:
            self.say(self.t("ask.help_keys"))
            return
        help_text = self.question_text(field, "help")
        self.say(help_text or self.t("ask.no_help"))
        ref = content.text("questions", f"{field.qkey}.reference", self.lang) if content.has(
            "questions", f"{field.qkey}.reference") else ""
        if ref:
            self.say(self.ui("help.reference", reference=ref))
        self.say(self.t("ask.help_keys"))

    def question_text(self, field: flow.Field, part: str) -> str:
        override = content.load("plain").get("question", {}).get(field.qkey, {}).get(part)
        if override is not None:
            return content.pick(override, self.lang, self.role)
        if content.has("questions", f"{field.qkey}.{part}"):
            return content.text("questions", f"{field.qkey}.{part}", self.lang, self.role)
        return ""

    # the case
    def assess(self):
        from .rules import assess

        return assess(self.case, self.as_of, self.lang)

    def save(self) -> bool:
        """Save now, as the wizard does: the first save that changes an answer keeps the file
        as it was (.bak); ``updated`` moves only when an answer did."""
        if self.path is None:
            return False
        answers = self.case.answers()
        backup = not self._backed_up and answers != self._opened_answers
        touch = answers != self._saved_answers or self.case.case.updated is None
        try:
            with _signals_held():
                storage.save_case(self.case, self.path, lang=self.lang, backup=backup,
                                  touch=touch)
        except (storage.CaseFileError, OSError) as err:
            message = err.message(self.lang) if isinstance(err, storage.CaseFileError) else str(err)
            self.save_error = message
            self.say(self.t("end.save_failed", detail=" ".join(message.split())))
            return False
        if backup:
            self._backed_up = True
        self._saved_answers = answers
        self.save_error = None
        return True

    # ── one question ─────────────────────────────────────────────────────────────────────────
    def shown(self, field: flow.Field, obj) -> str:
        """The answer in words ("" when unanswered)."""
        value = field.get(obj)
        if value is None or value == []:
            return ""
        kind = field.kind
        if kind == "answer":
            return self.ui(f"answer.{value}")
        if kind == "bool":
            return self.ui("answer.yes" if value else "answer.no")
        if kind == "date":
            return format_date(value, self.lang)
        if kind in ("number", "integer"):
            return _number_shown(value, self.lang)
        if kind == "choice":
            return self.ui(f"{field.labels}.{value}")
        if kind == "participants":
            return ", ".join(self.ui(f"participant.{p}") for p in value)
        if kind == "items":
            return "; ".join(value)
        return str(value)

    def letters(self, kind: str) -> list[tuple[str, Any, str]]:
        """(letter, value, word) of a Ja/Nej(/Ved ikke) question."""
        values: tuple = ("yes", "no", "unknown") if kind == "answer" else (True, False)
        out = []
        for v in values:
            key = {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v
            out.append((self.t(f"letter.{key}"), v, self.ui(f"answer.{key}")))
        return out

    def choices_text(self, field: flow.Field) -> str:
        if field.kind in ("answer", "bool"):
            return ", ".join(self.t("ask.choice", letter=ltr, word=w.lower())
                             for ltr, _, w in self.letters(field.kind))
        if field.kind == "choice":
            return ", ".join(self.t("ask.choice", letter=str(i), word=self.ui(f"{field.labels}.{v}"))
                             for i, v in enumerate(field.values, 1))
        if field.kind == "participants":
            names = ", ".join(self.t("ask.choice", letter=str(i), word=self.ui(f"participant.{p}"))
                              for i, p in enumerate(PARTICIPANTS, 1))
            return f"{names}; {self.t('ask.participants')}"
        if field.kind == "date":
            return self.t("ask.date")
        return ""

    def prompt(self, field: flow.Field, obj) -> str:
        label = self.question_text(field, "label").rstrip()
        parts = [p for p in (self.choices_text(field),) if p]
        now = self.shown(field, obj)
        if now:
            parts.append(self.t("ask.now", value=now))
        text = label
        if parts and label.endswith(")"):  # "Fra (dato), fx 22-11-2026: "
            text += ", " + "; ".join(parts)
        elif parts:
            text += f" ({'; '.join(parts)})"
        return text + (" " if label.endswith("?") else ": ")

    def ask(self, field: flow.Field, obj) -> Any:
        """Ask one question until it is answered, kept or left: NEXT or BACK."""
        if field.kind == "items":
            return self.ask_items(field, obj)
        while True:
            line = self.command(self.prompt(field, obj), field)
            if line is BACK:
                return BACK
            if line == "":
                now = self.shown(field, obj)
                self.say(self.t("ask.kept", value=now) if now else self.t("ask.not_answered"))
                return NEXT
            if line == "-":
                if self.write(field, obj, None):
                    self.say(self.t("ask.removed"))
                    return NEXT
                continue
            ok, value = self.parse(field, line)
            if not ok:
                self.say(value)
                continue
            typed = value
            if field.kind in ("text", "note"):
                value = self.guard_cpr(value, note=field.kind == "note") or None
            steps_before = flow.visible_steps(self.case)
            if self.write(field, obj, value):
                if value != typed:  # a CPR number taken out: say what is kept
                    now = self.shown(field, obj)
                    self.say(self.t("ask.saved", value=now) if now else self.t("ask.not_answered"))
                self.after(field, steps_before)
                return NEXT

    def parse(self, field: flow.Field, line: str) -> tuple[bool, Any]:
        """(True, value) or (False, the message why it is refused)."""
        kind = field.kind
        low = line.lower()
        if kind in ("answer", "bool"):
            options = self.letters(kind)
            for letter, value, word in options:
                key = {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value
                words = {letter, word.lower(), *self.t(f"words.{key}").split("|")}
                if low in words:
                    return True, value
            letters = [o[0] for o in options]
            said = ", ".join(letters[:-1]) + f" {self.t('ask.or')} {letters[-1]}"
            return False, self.t("ask.bad_letter", text=line, choices=said)
        if kind == "choice":
            n = len(field.values)
            if line.isdigit() and 1 <= int(line) <= n:
                return True, field.values[int(line) - 1]
            for v in field.values:
                if low == self.ui(f"{field.labels}.{v}").lower():
                    return True, v
            return False, self.t("ask.bad_number_choice", text=line, n=n)
        if kind == "participants":
            picked: list[str] = []
            for part in re.split(r"[\s,;]+", line):
                if not part:
                    continue
                if not (part.isdigit() and 1 <= int(part) <= len(PARTICIPANTS)):
                    return False, self.t("ask.bad_number_choice", text=part, n=len(PARTICIPANTS))
                p = PARTICIPANTS[int(part) - 1]
                if p not in picked:
                    picked.append(p)
            return True, picked
        if kind == "date":
            try:
                parsed = parse_date(line, self.lang)
            except DateError as err:
                return False, err.message(self.lang)
            if field.not_future and parsed > self.as_of:
                return False, content.ui("field.date_too_late", self.lang,
                                         date=format_date(parsed, self.lang))
            return True, parsed
        if kind in ("number", "integer"):
            problem, value = read_number(line, kind == "integer", self.lang)
            return (False, problem) if problem else (True, value)
        return True, line.strip() or None

    def guard_cpr(self, text: str, note: bool) -> str:
        """A CPR-like number is never saved unasked: remove it, or keep the text as typed."""
        if not find_cpr(text):
            return text
        self.say(self.t("ask.cpr"))
        yes, no = self.t("letter.yes"), self.t("letter.no")
        prompt = (self.t("ask.cpr_question") + " ("
                  + self.t("ask.choice", letter=yes, word=self.t("ask.cpr_yes")) + ", "
                  + self.t("ask.choice", letter=no, word=self.t("ask.cpr_no")) + ") ")
        while True:
            line = self.read(prompt).lower()
            if line in (no, self.ui("answer.no").lower()):
                return text
            if line in (yes, self.ui("answer.yes").lower(), ""):
                marker = content.ui("cpr.removed", self.lang) if note else ""
                return remove_cpr(text, marker).strip()

    def write(self, field: flow.Field, obj, value) -> bool:
        target = field.target(obj)
        if field.kind in ("items", "participants") and value is None:
            value = []
        old = getattr(target, field.attr)
        if value == old:
            return True
        try:
            setattr(target, field.attr, value)
        except ValidationError as err:
            # A model check after the assignment (a period ending before it starts) leaves the
            # value assigned: the case keeps the answer it had.
            if getattr(target, field.attr) != old:
                try:
                    setattr(target, field.attr, old)
                except ValidationError:  # pragma: no cover - it was valid a moment ago
                    target.__dict__[field.attr] = old
            self.say(refusal(err, self.lang) + " " + self.t("ask.again"))
            return False
        self.save()
        return True

    def after(self, field: flow.Field, steps_before: list[str]) -> None:
        """What the wizard shows beside a field once it is answered (pension age, 12 months)."""
        if field.path == "person.birth_date":
            a = self.assess()
            p = a.pension
            if p is None:
                return
            age = f"{p.years}½" if p.months == 6 else str(p.years)
            self.say(self.ui("person.pension_info", age=age, date=format_date(p.date, self.lang)))
            key = ("person.six_years_exempt" if a.twelve_months.exemption == "senior"
                   or a.as_of >= p.six_year_mark else "person.six_years_applies")
            self.say(self.ui(key, mark=format_date(p.six_year_mark, self.lang)))
        elif field.path == "employment.special_terms_start":
            tm = self.assess().twelve_months
            if tm.exemption is not None:
                self.say(self.ui(f"employment.exempt.{tm.exemption}"))
            elif tm.met_on is not None:
                key = "employment.met" if tm.met else "employment.met_on"
                self.say(self.ui(key, date=format_date(tm.met_on, self.lang)))
        steps = flow.visible_steps(self.case)
        if steps != steps_before:  # e.g. self-employed: the step Selvstændig comes in
            self.say(self.t("info.steps_changed",
                            steps=", ".join(self.ui(f"step.{s}.short") for s in steps)))

    def ask_items(self, field: flow.Field, obj) -> Any:
        """A list, one item a line; an empty line ends it. ``-2`` removes item 2."""
        label = self.question_text(field, "label")
        self.say(label + ".")
        self.say(self.t("items.intro"))
        current = list(field.get(obj) or [])
        if current:
            self.say(self.t("items.now_one") if len(current) == 1
                     else self.t("items.now", n=len(current)))
            for i, item in enumerate(current, 1):
                self.say(self.t("items.item", n=i, text=item))
            self.say(self.t("items.more"))
        first = True
        while True:
            current = list(field.get(obj) or [])
            line = self.command(self.t("items.prompt", n=len(current) + 1), field)
            if line is BACK:
                return BACK
            if line == "":
                if first and current:
                    self.say(self.t("ask.kept", value="; ".join(current)))
                n = len(current)
                self.say(self.t("items.done_none") if n == 0 else
                         self.t("items.done_one") if n == 1 else self.t("items.done", n=n))
                return NEXT
            first = False
            m = re.fullmatch(r"-\s*(\d+)", line)
            if m:
                i = int(m.group(1))
                if not 1 <= i <= len(current):
                    self.say(self.t("items.no_such", n=i))
                    continue
                gone = current.pop(i - 1)
                if self.write(field, obj, current):
                    self.say(self.t("items.deleted", n=i, text=gone))
                continue
            text = self.guard_cpr(line, note=False)
            if not text:
                continue
            if self.write(field, obj, current + [text]):
                self.say(self.t("items.added", n=len(current) + 1))

    # ── the walk ─────────────────────────────────────────────────────────────────────────────
    def positions(self) -> list[tuple[str, flow.Field | None]]:
        """Every stop of the conversation in order: (step, question), or (step, None) for a
        step that is a list (measures, meetings), has only a note, or is the summary."""
        out: list[tuple[str, flow.Field | None]] = []
        for step in flow.visible_steps(self.case):
            fs = flow.fields(step, self.case)
            if step in flow.LIST_STEPS:  # the list first, then its own questions (next meeting)
                out.append((step, None))
                out += [(step, f) for f in fs]
            elif fs:
                out += [(step, f) for f in fs]
            else:
                out.append((step, None))
        return out

    @staticmethod
    def key(pos) -> tuple[str, str | None]:
        return pos[0], pos[1].qkey if pos[1] is not None else None

    def answered(self, pos) -> bool:
        step, field = pos
        if field is not None:
            if field.prefilled:
                return False
            value = field.get(self.case)
            return value is not None and value != []
        if step == "measures":
            return bool(self.case.measures)
        if step == "meetings":
            return bool(self.case.meetings)
        return False

    def resume_index(self) -> int:
        """The stop after the last one answered (0 for a case without answers)."""
        stops = self.positions()
        last = max((i for i, pos in enumerate(stops) if self.answered(pos)), default=-1)
        return min(last + 1, len(stops) - 1)

    def step_heading(self, step: str) -> None:
        steps = flow.visible_steps(self.case)
        self.say()
        self.say(self.t("step.heading", n=steps.index(step) + 1, total=len(steps),
                        title=self.ui(f"step.{step}.title")))
        if step in ("measures", "meetings"):
            intro = self.t(f"step.intro_{step}")
        else:
            intro = self.ui(f"step.{step}.intro")
        if intro:
            self.say(intro)
        note_key = f"{step}.self_employed_note"  # what does not apply to the self-employed
        if self.case.person.self_employed and content.has("ui", note_key):
            self.say(self.ui(note_key))
        if self.case.case.last_step != step:
            self.case.case.last_step = step  # type: ignore[assignment]
            self.save()  # the wizard opens at the same step

    def step_state(self, step: str) -> None:
        """Leaving a step: its state in words and what the rules say about it."""
        from .report import finding_tag  # report imports Rich: only once a step is left

        a = self.assess()
        state = a.step_state(step)  # waiting / municipality are worded in report.toml
        state = (self.ui(f"step_state.{state}") if content.has("ui", f"step_state.{state}")
                 else content.text("report", f"step_state.{state}", self.lang))
        self.say(self.t("step.state", title=self.ui(f"step.{step}.title"), state=state))
        for f in a.findings:
            if f.step == step:
                self.say(self.t("step.finding", severity=finding_tag(f, self.lang),
                                message=f.message, reference=f.reference))
        if step == "economy":  # the estimate, as the wizard's Økonomi step shows it
            from .estimate import case_lines

            for line in case_lines(self.case, self.lang, self.as_of.year, detail=False,
                                   when_missing=True):
                if isinstance(line, tuple):
                    self.say(_full_stop(self.t("summary.row", label=line[0],
                                               value=line[1]).rstrip(".")))
                elif line.strip():
                    self.say(line.strip())

    def walk(self, start: int | None = None) -> int:
        stops = self.positions()
        index = self.resume_index() if start is None else start
        if start is None and index > 0:
            step = stops[index][0]
            self.say(self.t("start.resume", step=self.ui(f"step.{step}.title"), n=index + 1,
                            total=len(stops)))
        shown_step: str | None = None
        direction = 1
        while True:
            stops = self.positions()
            index = max(0, min(index, len(stops) - 1))
            step, field = stops[index]
            if step != shown_step:
                self.step_heading(step)
                shown_step = step
            if step == "summary":
                self.say()
                self.say(plain_summary(self.case, self.assess(), self.lang))
                self.say()
                self.say(self.t("end.done", path=self.path))
                line = self.command(self.t("end.prompt"))
                if line is BACK:
                    index -= 1
                    direction = -1
                    continue
                self.say(self.t("end.quit", path=self.path))
                return 0
            if step == "measures" and field is None:
                result = self.measures()
            elif step == "meetings" and field is None:  # the list; then the next meeting's date
                result = self.meetings()
            elif field is None:  # a step with only a note (the self-employed's Ansættelsen)
                result = BACK if direction < 0 and index > 0 else NEXT
            else:
                result = self.ask(field, self.case)
            if result is BACK:
                if index == 0:
                    self.say(self.t("ask.first"))
                    continue
                index -= 1
                direction = -1
                continue
            direction = 1
            key = self.key(stops[index])
            stops = self.positions()
            keys = [self.key(p) for p in stops]
            index = keys.index(key) + 1 if key in keys else index + 1
            if index < len(stops) and stops[index][0] != step and step != "summary":
                self.step_state(step)

    # ── measures ─────────────────────────────────────────────────────────────────────────────
    def measure_title(self, m: Measure) -> str:
        if m.id == "other":
            return m.title or content.text("measures", "other.title", self.lang)
        return content.text("measures", f"{m.id}.title", self.lang)

    def measure_state(self, m: Measure | None) -> str:
        if m is None or m.status is None:
            return self.t("measures.not_answered")
        parts = [self.ui(f"measure_status.{m.status}").lower()]
        if m.from_ and m.to:
            parts.append(self.t("measures.period_from_to", start=format_date(m.from_, self.lang),
                                end=format_date(m.to, self.lang)))
        elif m.from_:
            parts.append(self.t("measures.period_from", start=format_date(m.from_, self.lang)))
        elif m.to:
            parts.append(self.t("measures.period_to", end=format_date(m.to, self.lang)))
        if m.active:
            if m.result:
                parts.append(self.t("measures.result",
                                    result=self.ui(f"measure_result.{m.result}").lower()))
            if m.documented:
                parts.append(self.t("measures.documented",
                                    answer=self.ui(f"answer.{m.documented}").lower()))
            else:
                parts.append(self.t("measures.documented_none"))
        return ", ".join(parts)

    def measure_rows(self) -> list[tuple[str, Measure | None]]:
        rows: list[tuple[str, Measure | None]] = [(mid, self.case.measure(mid)) for mid in MEASURE_IDS]
        rows += [("other", m) for m in self.case.measures if m.id == "other"]
        return rows

    def list_measures(self) -> None:
        rows = self.measure_rows()
        for n, (mid, m) in enumerate(rows, 1):
            title = self.measure_title(m) if m is not None else content.text(
                "measures", f"{mid}.title", self.lang)
            self.say(self.t("measures.line", n=n, title=title, state=self.measure_state(m)))
        self.say(self.t("measures.add_other", n=len(rows) + 1))

    def measures(self) -> Any:
        self.list_measures()
        while True:
            rows = self.measure_rows()
            n = len(rows) + 1
            line = self.command(self.t("measures.pick", n=n))
            if line is BACK:
                return BACK
            if line == "":
                return NEXT
            if line == "0":
                self.list_measures()
                continue
            if not (line.isdigit() and 1 <= int(line) <= n):
                self.say(self.t("ask.bad_number_choice", text=line, n=n))
                continue
            i = int(line)
            if i == n:
                self.add_other_measure()
                continue
            mid, m = rows[i - 1]
            if m is None:
                m = Measure(id=mid)  # type: ignore[arg-type]
                self.case.measures.append(m)
            self.edit_measure(m)

    def add_other_measure(self) -> None:
        title_field = flow.MEASURE[0]
        label = self.question_text(title_field, "label")
        while True:
            line = self.command(label + " ", title_field)
            if line is BACK:
                self.say(self.t("measures.no_title"))
                return
            if line == "" or line == "-":
                self.say(self.ui("editor.need_text"))
                continue
            title = self.guard_cpr(line, note=False)
            if title:
                break
        m = Measure(id="other", title=title)
        self.case.measures.append(m)
        self.save()
        self.edit_measure(m, skip_title=True)

    def edit_measure(self, m: Measure, skip_title: bool = False) -> None:
        title = self.measure_title(m)
        self.say(self.t("measures.editing", title=title))
        if m.id != "other":
            self.say(content.text("measures", f"{m.id}.help", self.lang))
        self.edit_item(flow.MEASURE, m, skip=("title",) if skip_title else ())
        empty = all(getattr(m, f) is None for f in
                    ("status", "from_", "to", "result", "documented", "note"))
        if m.id != "other" and empty:
            self.case.measures.remove(m)
            self.save()
            self.say(self.t("measures.not_kept", title=title))
            return
        self.save()
        self.say(self.t("measures.now", title=self.measure_title(m), state=self.measure_state(m)))

    def edit_item(self, fields: tuple[flow.Field, ...], item, skip: tuple[str, ...] = ()) -> None:
        """Ask an item's questions in order; ``<`` on the first one leaves the item."""
        def stops():
            return [f for f in flow.item_fields(fields, item)
                    if f.attr not in skip and not (f.skip and f.skip(item))]

        index = 0
        while True:
            current = stops()
            if index >= len(current):
                return
            field = current[index]
            result = self.ask(field, item)
            if result is BACK:
                if index == 0:
                    return
                index -= 1
                continue
            after = stops()
            index = after.index(field) + 1 if field in after else index + 1

    # ── meetings ─────────────────────────────────────────────────────────────────────────────
    def meeting_text(self, m: Meeting) -> str:
        parts = [format_date(m.date, self.lang) if m.date else self.t("meetings.no_date")]
        if m.participants:
            who = ", ".join(self.ui(f"participant.{p}").lower() for p in m.participants)
            parts.append(self.t("meetings.who", who=who))
        if m.summary:
            parts.append(self.t("meetings.summary", text=" ".join(m.summary.split())))
        if m.agreed:
            parts.append(self.t("meetings.agreed", text=" ".join(m.agreed.split())))
        return ", ".join(parts)

    def list_meetings(self) -> None:
        ms = self.case.meetings
        if not ms:
            self.say(self.t("meetings.none"))
            return
        self.say(self.t("meetings.count_one") if len(ms) == 1 else self.t("meetings.count", n=len(ms)))
        for i, m in enumerate(ms, 1):
            self.say(self.t("meetings.line", n=i, text=self.meeting_text(m)))

    def meetings(self) -> Any:
        self.list_meetings()
        added = False
        while True:
            yes, no = self.t("letter.yes"), self.t("letter.no")
            edit = self.t("meetings.edit_letter")
            choices = [self.t("ask.choice", letter=yes, word=self.ui("answer.yes").lower()),
                       self.t("ask.choice", letter=no, word=self.ui("answer.no").lower())]
            if self.case.meetings:
                choices.append(self.t("ask.choice", letter=edit, word=self.t("meetings.edit_word")))
            question = self.t("meetings.add_more" if added else "meetings.add")
            line = self.command(f"{question} ({', '.join(choices)}) ")
            if line is BACK:
                return BACK
            line = line.lower()
            if line in ("", no, self.ui("answer.no").lower()):
                return NEXT
            if line in (yes, self.ui("answer.yes").lower()):
                m = Meeting()
                self.case.meetings.append(m)
                self.say(self.t("meetings.new"))
                self.edit_meeting(m)
                added = True
                continue
            if line == edit and self.case.meetings:
                n = len(self.case.meetings)
                pick = self.command(self.t("meetings.which", n=n))
                if pick is BACK or pick == "":
                    continue
                if not (pick.isdigit() and 1 <= int(pick) <= n):
                    self.say(self.t("ask.bad_number_choice", text=pick, n=n))
                    continue
                self.say(self.t("meetings.editing", n=int(pick)))
                self.edit_meeting(self.case.meetings[int(pick) - 1])
                continue
            letters = [yes, no] + ([edit] if self.case.meetings else [])
            said = ", ".join(letters[:-1]) + f" {self.t('ask.or')} {letters[-1]}"
            self.say(self.t("ask.bad_letter", text=line, choices=said))

    def edit_meeting(self, m: Meeting) -> None:
        self.edit_item(flow.MEETING, m)
        if m.date is None and not m.participants and not m.summary and not m.agreed:
            self.case.meetings.remove(m)
            self.save()
            self.say(self.t("meetings.empty"))
            return
        self.save()
        self.say(self.t("meetings.saved", text=self.meeting_text(m)))


# ── the plain summary ─────────────────────────────────────────────────────────────────────────
def plain_summary(case: Case, assessment, lang: str | None = None) -> str:
    """The summary as plain text: each heading on its own line, then its lines; each finding
    one sentence that says who acts and by when. No symbols, no box drawing, no colour."""
    from .estimate import case_lines
    from .report import counts_line, date_rows, next_steps, status_sentence, status_word, word

    lang = lang if lang in ("da", "en") else (assessment.language or case.language)
    role = case.case.role or "employee"

    def t(key: str, **fmt) -> str:
        return _p(key, lang, role, **fmt)

    lines: list[str] = [word("heading.title", lang)]
    lines.append(t("summary.title_line", title=case.case.title or word("heading.untitled", lang)))
    details = [x for x in (case.person.name, case.employment.employer,
                           case.employment.job_title) if x]
    if details:
        lines.append(t("summary.details", details=", ".join(details)))
    lines.append(word("heading.as_of", lang, date=format_date(assessment.as_of, lang)) + ".")

    lines += ["", word("heading.status", lang)]
    lines.append(t("summary.status", word=status_word(assessment.status, lang).capitalize(),
                   sentence=status_sentence(assessment.status, lang)))
    counts = counts_line(assessment, lang)
    if counts:
        lines.append(t("summary.counts", counts=counts))

    lines += ["", word("heading.dates", lang)]
    if assessment.pension is None:
        lines.append(word("dates.no_birth_date", lang))
    for label, value in date_rows(assessment, lang):
        lines.append(_full_stop(t("summary.date_row", label=label, value=value).rstrip(".")))

    lines += ["", word("heading.findings", lang)]
    if not assessment.findings:
        lines.append(word("heading.no_findings", lang))
    order = ("blocker", "missing", "advice")
    for who, found in assessment.by_responsible().items():
        for f in sorted(found, key=lambda f: order.index(f.severity) if f.severity in order else 9):
            due = t("summary.due", date=format_date(f.due, lang)) if getattr(f, "due", None) else ""
            if f.severity == "advice":
                lines.append(t("summary.advice", whom=t(f"whom.{who}"), due=due,
                               message=f.message, reference=f.reference))
            else:
                lines.append(t("summary.finding", severity=word(f"severity.{f.severity}", lang),
                               who=t(f"who.{who}"), due=due, message=f.message,
                               reference=f.reference))

    lines += ["", word("next_steps.heading", lang), word(f"next_steps.lead.{role}", lang)]
    lines += next_steps(case, assessment, lang)

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
        lines.append(t("summary.meeting", date=when, parts=", ".join(parts)))

    eco = case_lines(case, lang, assessment.as_of.year, detail=False)
    if eco:
        lines += ["", word("heading.economy", lang)]
        for line in eco:
            if isinstance(line, tuple):
                lines.append(_full_stop(t("summary.row", label=line[0], value=line[1]).rstrip(".")))
            elif line.strip():
                lines.append(line.strip())

    lines += ["", word("heading.disclaimer", lang)]
    return "\n".join(lines)


def _full_stop(text: str) -> str:
    """``text`` as a sentence: a full stop at the end unless it has one ("200 kr." stays)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", ":", ")")) else text + "."


def _summary_measure_title(m, lang: str) -> str:
    if m.id == "other":
        return m.title or content.text("measures", "other.title", lang)
    title = content.text("measures", f"{m.id}.title", lang)
    return f"{title}: {m.title}" if m.title and m.title.strip().lower() != title.lower() else title


def _measure_parts(m, lang: str, t) -> list[str]:
    from .report import word

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
    return parts


# ── starting ──────────────────────────────────────────────────────────────────────────────────
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
    from .rules import assess

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
        if e.case is None:
            conv.say(_p("start.case_unreadable", lang, n=n, title=title))
            continue
        when = e.updated.astimezone().strftime("%d-%m-%Y %H:%M") if e.updated else "?"
        status = content.ui(f"status_short.{assess(e.case, conv.as_of).status}", lang)
        conv.say(_p("start.case_line", lang, n=n, title=title, when=when, status=status))
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
    (``q``, the end, or the end of the input), 1 when the case is open elsewhere, 130 after
    Ctrl+C (everything answered is saved either way)."""
    from . import locking

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
    try:
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
        except _Quit:
            if conv.path is not None:
                if conv.save_error:
                    conv.say(_p("end.not_saved", conv.lang, path=conv.path))
                conv.say(_p("end.quit", conv.lang, path=conv.path))
            return 0
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
