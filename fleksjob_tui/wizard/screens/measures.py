"""Step 4, Redskaber afprøvet: the social-chapter measures from the catalogue (seed 000), each
with status, period, result, documentation and a note; the user can add "other" measures.

The list shows every catalogue measure with its state in words; Enter opens a small editor.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets.option_list import Option

from ... import content
from ...case.dates import format_date
from ...case.model import MEASURE_IDS, MEASURE_RESULTS, MEASURE_STATUSES, Measure
from ..widgets.host import host_of
from .base import ItemListStep
from .editor import AskTextScreen, EditorScreen

ADD_OTHER = "__add_other__"


def measure_title(m: Measure, lang: str) -> str:
    if m.id == "other":
        return m.title or content.text("measures", "other.title", lang)
    return content.text("measures", f"{m.id}.title", lang)


def measure_state(m: Measure | None, lang: str) -> str:
    """The measure's state in words: status · period · result · documented."""
    if m is None or m.status is None:
        return content.ui("measure.not_answered", lang)
    parts = [content.ui(f"measure_status.{m.status}", lang)]
    if m.from_ or m.to:
        start = format_date(m.from_, lang) if m.from_ else "?"
        end = format_date(m.to, lang) if m.to else "…"
        parts.append(f"{start}–{end}")
    if m.active:
        if m.result:
            result = content.ui(f"measure_result.{m.result}", lang).lower()
            parts.append(content.ui("measure.result_is", lang, result=result))
        doc = m.documented or "unanswered"
        parts.append(content.ui(f"measure_documented.{doc}", lang))
    if m.approved_by_municipality == "yes":
        when = format_date(m.approved_on, lang) if m.approved_on else ""
        parts.append(content.ui("measure.approved", lang, date=when).strip())
    return " · ".join(parts)


def state_lines(state: str, width: int) -> list[str]:
    """The state's parts over lines of at most ``width`` columns, broken only between parts
    ("dokumenteret: nej" whole, never "dokumenteret:" at one line's end and "nej" on the next;
    Textual's wrapping breaks at any space, a no-break space too)."""
    lines: list[str] = []
    line = ""
    for part in state.split(" · "):
        joined = f"{line} · {part}" if line else part
        if line and len(joined) + 2 > width:  # (room for the " ·" that ends a line)
            lines.append(f"{line} ·")
            line = part
        else:
            line = joined
    return [*lines, line]


class MeasureEditor(EditorScreen):
    def __init__(self, measure: Measure, lang: str, *, new: bool = False) -> None:
        self.measure = measure
        self.lang = lang
        super().__init__(measure_title(measure, lang), deletable=measure.id == "other",
                         item=measure, new=new)

    def compose_fields(self) -> ComposeResult:
        from ..widgets.datefield import DateField
        from ..widgets.fields import NoteField, OptionsField, TextField

        m = self.measure
        role = host_of(self).case.role
        kw = {"lang": self.lang, "role": role}
        if m.id != "other":
            help_text = content.text("measures", f"{m.id}.help", self.lang)
            if m.id == "reduced_hours":
                from .employment import hours_text

                hours = hours_text(host_of(self).case.employment, self.lang)
                if hours:
                    help_text += f"\n{hours}"
            yield _help_line(_short_help(help_text, self.lang))
        else:
            yield TextField(m, "title", "measure.title", **kw)
            help_text = ""
        status = OptionsField(m, "status", "measure.status", MEASURE_STATUSES, "measure_status",
                              **kw)
        status.extra_help = help_text  # the whole text under F1, where the cursor starts
        yield status
        yield DateField(m, "from_", "measure.from", **kw)
        yield DateField(m, "to", "measure.to", **kw)
        yield OptionsField(m, "result", "measure.result", MEASURE_RESULTS, "measure_result", **kw)
        from ..widgets.fields import AnswerField

        yield AnswerField(m, "documented", "measure.documented", **kw)
        yield AnswerField(m, "approved_by_municipality", "measure.approved_by_municipality", **kw)
        yield DateField(m, "approved_on", "measure.approved_on", **kw)
        yield NoteField(m, "note", "measure.note", **kw)


    def on_mount(self) -> None:
        self._show_approval_date()
        super().on_mount()

    def on_field_changed(self, event) -> None:
        super().on_field_changed(event)
        shown = self._show_approval_date()
        if shown is not None and event.field.attr == "approved_by_municipality":
            # "Ja" moved the cursor on before the date appeared: the date is the next question.
            # (The next key typed waits until this answer has taken its whole effect.)
            note = self.query("#f-measure-note")
            if note and self.focused is not None and note.first().query(".q-input").first() \
                    is self.focused:
                shown.focus_input()

    def _show_approval_date(self):
        """"Godkendt af kommunen den" only when the municipality approved it: after Nej, Tab and
        the answer's letter go on to the note, not to a date that does not apply. The date
        field when it has just appeared, else None."""
        for field in self.query("#f-measure-approved_on"):
            before = field.display
            field.display = self.measure.approved_by_municipality == "yes" or (
                self.measure.approved_on is not None)
            return field if field.display and not before else None
        return None

    def first_field(self):
        """"Er redskabet afprøvet?", also for a measure of the user's own: its name is given
        when it is added (the first letter typed must not go into the name)."""
        from ..widgets.fields import QuestionField

        for field in self.query(QuestionField):
            if field.attr == "status":
                return field
        return super().first_field()


#: A measure's help longer than this shows its first sentence; F1 shows all of it (at 80×24 the
#: whole § 56 text pushed every question below the window's edge).
SHORT_HELP = 160


def _short_help(text: str, lang: str) -> str:
    first, *more = text.split("\n", 1)
    if len(text) <= SHORT_HELP:
        return text
    ends = [i for i in (first.find(". "), first.find("; ")) if 0 < i < 2 * SHORT_HELP]
    if ends:
        short = first[: min(ends)].rstrip(".;") + "."
    else:
        short = first[: first.rfind(" ", 0, SHORT_HELP)] + " …"
    extra = f"\n{more[0]}" if more and len(more[0]) < 80 else ""  # the hours of reduced_hours
    return f"{short}{extra} ({content.text('keys', 'editor.more_help', lang)})"


def _help_line(text: str):
    from textual.widgets import Static

    return Static(text, classes="step-intro")


class MeasuresStep(ItemListStep):
    step_id = "measures"
    list_id = "measure-list"
    add_id = ADD_OTHER
    add_typing_key = "list.typing_add_measure"
    _filled_width = 0  # the width the rows' lines were broken for

    def on_resize(self) -> None:
        """The rows' lines follow the list's width (they are broken between parts only)."""
        width = self.item_list.scrollable_content_region.width
        if width and max(20, width - 4) != self._filled_width:
            self.fill_list()

    def rows(self) -> list[tuple[str, Measure | None]]:
        """(option id, measure) for every catalogue measure, then every "other" measure."""
        rows: list[tuple[str, Measure | None]] = [(mid, self.case.measure(mid)) for mid in MEASURE_IDS]
        for i, m in enumerate(self.case.measures):
            if m.id == "other":
                rows.append((f"other-{i}", m))
        return rows

    def fill_list(self, highlight: str | None = None) -> None:
        """Show every measure; the cursor stays where it was, or goes to row ``highlight``."""
        options = []
        # The width the rows have (the list's, less its border, padding and the indent); before
        # the list is laid out, the screen's less the step list. Redone on a resize.
        width = self.item_list.scrollable_content_region.width or self.app.size.width - 28
        width = max(20, width - 4)
        self._filled_width = width
        for option_id, m in self.rows():
            if m is not None:
                title = measure_title(m, self.lang)
            else:
                title = content.text("measures", f"{option_id}.title", self.lang)
            prompt = Text()
            prompt.append(f"{title}\n", style="bold")
            prompt.append("\n".join(f"  {line}" for line in
                                     state_lines(measure_state(m, self.lang), width)))
            if option_id == "reduced_hours":  # the hours belong with it: 37 → 25 timer om ugen
                from .employment import hours_text

                hours = hours_text(self.case.employment, self.lang)
                if hours:
                    prompt.append(f"\n  {hours}")
            options.append(Option(prompt, id=option_id))
        options.append(Option(Text(self.t("measures.add_other"), style="italic"), id=ADD_OTHER))
        ol = self.item_list
        keep = ol.highlighted
        ol.set_options(options)
        ids = [o.id for o in options]
        if highlight in ids:
            ol.highlighted = ids.index(highlight)
        elif keep is not None:
            ol.highlighted = min(keep, len(options) - 1)

    @work(exclusive=True)
    async def delete(self, option_id: str) -> None:
        """Delete an "other" measure, or clear the answers about a catalogue measure."""
        from .editor import ConfirmScreen

        case = self.case
        if option_id.startswith("other-"):
            measure = case.measures[int(option_id.split("-", 1)[1])]
            question = self.t("editor.confirm_delete", title=measure_title(measure, self.lang))
        else:
            measure = case.measure(option_id) if option_id != ADD_OTHER else None
            if measure is None:
                self.notify(self.t("items.nothing_to_delete"))
                return
            question = self.t("measures.confirm_clear", title=measure_title(measure, self.lang))
        sure = await self.app.push_screen_wait(ConfirmScreen(question, self.lang))
        if not sure:
            return
        case.measures.remove(measure)
        self.fj.case_changed()
        self.fj.save()
        self.fill_list()

    @work(exclusive=True)
    async def edit(self, option_id: str) -> None:
        case = self.case
        new = option_id == ADD_OTHER
        if new:
            label = content.text("questions", "measure.title.label", self.lang)
            title = await self.app.push_screen_wait(
                AskTextScreen(label, self.lang, lost_as=self.t("quit.new_measure"), cpr=True)
            )
            if not title:
                return
            measure = Measure(id="other", title=title)
            case.measures.append(measure)
        elif option_id.startswith("other-"):
            measure = case.measures[int(option_id.split("-", 1)[1])]
        else:
            measure = case.measure(option_id)
            if measure is None:
                new = True
                measure = Measure(id=option_id)  # type: ignore[arg-type]
                case.measures.append(measure)
        editor = MeasureEditor(measure, self.lang, new=new)
        if option_id == ADD_OTHER:
            self.fj.case_changed()  # the new measure counts from now (held back while open)
        outcome = await self.app.push_screen_wait(editor)
        highlight = None
        if outcome == "delete" or (measure.id != "other" and _empty(measure)):
            case.measures.remove(measure)
        elif measure.id == "other":  # the cursor on it, also when it was just added
            highlight = f"other-{case.measures.index(measure)}"
        self.fj.case_changed()
        self.fj.save()
        self.fill_list(highlight)
        self.item_list.focus()


def _empty(m: Measure) -> bool:
    return all(
        getattr(m, f) is None
        for f in ("status", "from_", "to", "result", "documented", "approved_by_municipality",
                  "approved_on", "note")
    )
