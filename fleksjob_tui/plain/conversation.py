"""The walk through a case: the wizard's steps in order, resuming after the last answer, each
step's heading and its state in words when it is left; the measures and the meetings as short
sub-questions."""

from __future__ import annotations

from typing import Any

from .. import content
from ..case.dates import format_date
from ..case.model import MEASURE_IDS, Measure, Meeting
from . import flow
from .asking import Asking
from .reading import BACK, NEXT, _full_stop, _InputEnded
from .summary import approval_text, plain_summary, short_line, unbracketed
from .terminal import reopen_words


class Conversation(Asking):
    """One case, asked line by line on ``inp`` / ``out``."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._step_said: set[str] = set()  # the findings said at a step's end

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
                # The title the program suggested last (README): the first question is about the
                # person, not the case's name in a list (issue 24: "Jonas" typed as the title).
                fs = [f for f in fs if not f.prefilled] + [f for f in fs if f.prefilled]
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
        from ..documents.summary import finding_tag  # report imports Rich: only once a step is left

        a = self.assess()
        state = a.step_state(step)  # waiting / municipality are worded in report.toml
        state = (self.ui(f"step_state.{state}") if content.has("ui", f"step_state.{state}")
                 else content.text("report", f"step_state.{state}", self.lang))
        self.say(self.t("step.state", title=self.ui(f"step.{step}.title"), state=state))
        for f in a.findings:
            # One line each, by when and what (the whole text is in the summary, "o"); what was
            # said at an earlier step's end is not said again (issue 24: the same text twice).
            if f.step == step and f.message not in self._step_said:
                self._step_said.add(f.message)
                self.say(self.t("step.finding_short", severity=finding_tag(f, self.lang),
                                line=short_line(f, self.lang, a)))
        if step == "economy":  # the estimate, as the wizard's Økonomi step shows it
            from ..view.estimate import lines  # only the Økonomi step words the estimate

            for line in lines(a.estimate, self.lang, detail=False, when_missing=True):
                if isinstance(line, tuple):
                    self.say(_full_stop(self.t("summary.row", label=line[0],
                                               value=line[1]).rstrip(".")))
                elif line.strip():
                    self.say(unbracketed(line))

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
                try:
                    line = self.command(self.t("end.prompt"))
                except _InputEnded:  # the input ends after the last step: that is finished
                    line = ""
                if line is BACK:
                    index -= 1
                    direction = -1
                    continue
                self.say(self.t("end.quit", path=self.path, command=reopen_words()))
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
                                    # "hjalp delvist", as the summary says it (not "delvist")
                                    result=content.text("report", f"measure_result.{m.result}",
                                                        self.lang)))
            if m.documented:
                parts.append(self.t("measures.documented",
                                    answer=self.ui(f"answer.{m.documented}").lower()))
            else:
                parts.append(self.t("measures.documented_none"))
            approval = approval_text(m, self.lang, self.t)
            if approval:
                parts.append(approval)
        return ", ".join(parts)

    def measure_rows(self) -> list[tuple[str, Measure | None]]:
        rows: list[tuple[str, Measure | None]] = [(mid, self.case.measure(mid))
                                                  for mid in MEASURE_IDS]
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
        # "; " is a pause when heard, and the names within stay one part; the line ends it.
        return "; ".join(parts).rstrip(".")

    def list_meetings(self) -> None:
        ms = self.case.meetings
        if not ms:
            self.say(self.t("meetings.none"))
            return
        self.say(self.t("meetings.count_one") if len(ms) == 1
                 else self.t("meetings.count", n=len(ms)))
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
