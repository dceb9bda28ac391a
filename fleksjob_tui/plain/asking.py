"""One question at a time: the lines in and out, the keys every question knows, a question's
prompt with its choices in words, reading and checking the answer, saving it at once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from .. import content
from ..case import storage
from ..case.dates import DateError, format_date, parse_date
from ..case.model import DATE_KEYS, PARTICIPANTS, Case
from ..case.privacy import find_cpr, remove_cpr
from . import flow
from .reading import (
    _CONTROL,
    BACK,
    NEXT,
    _InputEnded,
    _number_shown,
    _p,
    _Quit,
    _signals_held,
    read_number,
    refusal,
    spoken,
)
from .summary import plain_summary


class Asking:
    """One case, asked line by line on ``inp`` / ``out``: the questions themselves. The walk
    through the steps, the measures and the meetings are :class:`~.conversation.Conversation`."""

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
        #: The date example and "ved ikke" are said at the first date question only (issue 24:
        #: "fx 22-11-2026" read aloud at every date was heard 28 times in one run).
        self._date_hint_said = False

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
            self.out.write(spoken(line, self.lang) + "\n")
        self.out.flush()

    def read(self, prompt: str) -> str:
        """One line typed after ``prompt`` (without its newline). The end of the input quits."""
        self.out.write(spoken(prompt, self.lang))
        self.out.flush()
        line = self.inp.readline()
        if line == "":
            self.out.write("\n")
            raise _InputEnded
        # Arrow keys and the like arrive as escape sequences in a line typed at a simple
        # terminal: never let them into an answer or back out in a message.
        line = _CONTROL.sub("", line.rstrip("\r\n"))
        if self.echo:
            self.out.write(line + "\n")
            self.out.flush()
        return line.strip()

    def command(self, prompt: str, field: flow.Field | None = None) -> Any:
        """A line, with the keys every question knows: ``?`` help, ``s`` short summary, ``o``
        the whole summary, ``q`` quit,
        ``<`` back (returned as BACK)."""
        while True:
            line = self.read(prompt)
            low = line.lower()
            if low == "?":
                self.help(field)
                continue
            if low in ("s", "o"):  # s: the status and who does what; o: the whole summary
                self.say()
                self.say(plain_summary(self.case, self.assess(), self.lang, short=low == "s"))
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
        if field.kind == "date":  # how to write it, and how to say it is not known
            self.say(self.t("ask.date_help"))
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
        from ..rules import assess  # the rules load on first use: the first question comes quickly

        return assess(self.case, self.as_of, self.lang)

    def save(self) -> bool:
        """Save now, as the wizard does: the first write of a session keeps the file as it was
        (.bak); ``updated`` moves only when an answer did."""
        if self.path is None:
            return False
        answers = self.case.answers()
        backup = not self._backed_up  # the first write of a session, whatever made it
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
            return ", ".join(self.t("ask.choice", letter=str(i),
                                    word=self.ui(f"{field.labels}.{v}"))
                             for i, v in enumerate(field.values, 1))
        if field.kind == "participants":
            names = ", ".join(self.t("ask.choice", letter=str(i), word=self.ui(f"participant.{p}"))
                              for i, p in enumerate(PARTICIPANTS, 1))
            return f"{names}; {self.t('ask.participants')}"
        if field.kind == "date" and not self._date_hint_said:
            self._date_hint_said = True
            return self.t("ask.date")
        return ""

    def prompt(self, field: flow.Field, obj) -> str:
        label = self.question_text(field, "label").rstrip()
        parts = [p for p in (self.choices_text(field),) if p]
        now = self.shown(field, obj)
        if now:
            parts.append(self.t("ask.now_keep" if field.prefilled else "ask.now", value=now))
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
            if field.kind == "date" and self.not_known(line):
                # As the wizard's date field: "ved ikke" is no date, and for a case date the plan
                # says who can find it (case.unknown_dates); "?" stays the help key here.
                if self.write(field, obj, None, not_known=field.qkey in DATE_KEYS):
                    self.say(self.t("ask.date_unknown"))
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
                key = ({True: "yes", False: "no"}.get(value, value) if isinstance(value, bool)
                       else value)
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
                if err.kind in ("form", "short_year", "empty"):  # the form in words, not dd-mm-åååå
                    return False, self.t("ask.bad_date", text=line)
                return False, err.message(self.lang)
            if field.not_future and parsed > self.as_of:
                return False, content.ui("field.date_too_late", self.lang,
                                         date=format_date(parsed, self.lang))
            return True, parsed
        if kind in ("number", "integer"):
            problem, value = read_number(line, kind == "integer", self.lang)
            return (False, problem) if problem else (True, value)
        return True, line.strip() or None

    def not_known(self, line: str) -> bool:
        """"ved ikke" (or its one letter, "v") for a date: the wizard's words for a date not known
        (``field.date_not_known``, without "?", the help key here) and the Ja/Nej/Ved ikke
        questions' own."""
        said = " ".join(line.lower().replace("’", "'").split())
        words = {w for lang in ("da", "en")
                 for w in content.ui("field.date_not_known", lang).split("|")} - {"?"}
        words |= {self.t("letter.unknown"), *self.t("words.unknown").split("|")}
        return said in words

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
            # Never the same question in silence (a tester typed q, ? and v here): say what to
            # type; the number stays out of the case until it is answered.
            self.say(self.t("ask.bad_letter", text=line, choices=f"{yes} {self.t('ask.or')} {no}"))

    def write(self, field: flow.Field, obj, value, not_known: bool = False) -> bool:
        target = field.target(obj)
        if field.kind in ("items", "participants") and value is None:
            value = []
        if field.kind == "date" and field.qkey in DATE_KEYS:  # "ved ikke" recorded, or undone
            marked = [k for k in self.case.case.unknown_dates if k != field.qkey]
            marked += [field.qkey] if not_known else []
            if marked != self.case.case.unknown_dates:
                self.case.case.unknown_dates = marked
                if value == getattr(target, field.attr):
                    self.save()
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
            key = ("person.six_years_exempt" if a.six_years_or_less  # the rules' check
                   else "person.six_years_applies")
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
            if not re.search(r"\w", line):  # "-" or "." alone: not an item
                self.say(self.t("items.not_an_item", text=line))
                continue
            text = self.guard_cpr(line, note=False)
            if not text:
                continue
            if self.write(field, obj, current + [text]):
                self.say(self.t("items.added", n=len(current) + 1))
