"""Step 7, Møder: the log of the dialogue between manager, employee and union representative:
date, who took part, what was discussed, what was agreed."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets.option_list import Option

from ... import content
from ...case.dates import format_date
from ...case.model import Meeting
from ..widgets.host import host_of
from .base import ItemListStep
from .editor import EditorScreen

ADD = "__add_meeting__"


class MeetingEditor(EditorScreen):
    def __init__(self, meeting: Meeting, lang: str, title: str, *, new: bool = False) -> None:
        self.meeting = meeting
        self.lang = lang
        super().__init__(title, deletable=True, item=meeting, new=new)

    def complete(self) -> bool:
        """A new meeting is written once it has a valid date."""
        return self.meeting.date is not None and super().complete()

    def compose_fields(self) -> ComposeResult:
        from ..widgets.datefield import DateField
        from ..widgets.fields import NoteField
        from ..widgets.ticks import ParticipantsField

        m = self.meeting
        kw = {"lang": self.lang, "role": host_of(self).case.role}
        yield DateField(m, "date", "meeting.date", **kw)
        yield ParticipantsField(m, "participants", "meeting.participants", **kw)
        yield NoteField(m, "summary", "meeting.summary", **kw)
        yield NoteField(m, "agreed", "meeting.agreed", **kw)

    def extra_buttons(self) -> ComposeResult:
        from textual.widgets import Button  # only the editor's own buttons

        yield Button(self.t("meetings.minutes"), id="editor-minutes")

    def on_button_pressed(self, event) -> None:
        if event.button.id == "editor-minutes":
            event.prevent_default()  # not the editor's "close"
            event.stop()
            self.write_minutes()

    def write_minutes(self) -> Path | None:
        """The minutes of this meeting as Word, beside the case (an example's: in the case
        folder), written over an earlier copy: they are made from the case each time."""
        # Only when minutes are made: python-docx and the documents load on the first press.
        from ...case import examples
        from ...documents.output import ExportError, default_output, export_case

        fj = host_of(self)
        day = self.meeting.date
        if day is None:
            self.notify(self.t("meetings.minutes_no_date"), severity="warning")
            return None
        path = fj.path
        if path is None or path.parent == examples.FOLDER:
            out = default_output(None, "docx", fj.case_folder(), title=fj.case.case.title,
                                 document="minutes", meeting=day)
        else:
            out = default_output(path, "docx", title=fj.case.case.title, document="minutes",
                                 meeting=day)  # named like every export: after the title
        try:
            written = export_case(fj.case, fj.as_of, "docx", out, path, document="minutes",
                                  meeting=day)
        except ExportError as err:
            self.notify(self.t("meetings.minutes_failed", detail=err.message(fj.lang)),
                        severity="error", timeout=15)
            return None
        self.notify(self.t("meetings.minutes_saved", path=str(written)), timeout=6)
        return written


def meeting_line(m: Meeting, lang: str, width: int = 400) -> Text:
    """The meeting in the list: its date and who came, then what was said — each line as wide
    as the list is, cut there with "…" (the list's style), so a wide window shows more."""
    text = Text()
    when = format_date(m.date, lang) if m.date else content.ui("meetings.no_date", lang)
    who = ", ".join(content.ui(f"participant.{p}", lang) for p in m.participants)
    text.append(f"{when}", style="bold")
    if who:
        text.append(f"  {who}")
    text.append("\n\u00a0\u00a0")  # no-break spaces: the list keeps the indent
    summary = (m.summary or content.ui("meetings.no_summary", lang)).splitlines()[0]
    text.append(summary[:width] + ("…" if len(summary) > width else ""))
    return text


class MeetingsStep(ItemListStep):
    step_id = "meetings"
    list_id = "meeting-list"
    add_id = ADD
    add_typing_key = "list.typing_add_meeting"

    def compose_fields(self) -> ComposeResult:
        yield from super().compose_fields()
        # The next planned follow-up (Tab from the list): shown in the summary and the pack.
        yield self.date(self.case.follow_up, "next_meeting", "follow_up.next_meeting")

    def order(self) -> list[int]:
        """The meetings' indexes in the case, by date (meetings without a date last)."""
        meetings = self.case.meetings
        return sorted(range(len(meetings)),
                      key=lambda i: (meetings[i].date is None, meetings[i].date or 0, i))

    def fill_list(self, highlight: int | None = None) -> None:
        """Show the meetings by date; the cursor on meeting ``highlight`` (an index in the
        case; default: "+ Tilføj et møde")."""
        order = self.order()
        ol = self.item_list
        options = [
            Option(meeting_line(self.case.meetings[i], self.lang), id=f"meeting-{i}")
            for i in order
        ]
        options.append(Option(Text(self.t("meetings.add"), style="italic"), id=ADD))
        ol.set_options(options)
        ol.highlighted = len(options) - 1 if highlight not in order else order.index(highlight)

    def _meeting_title(self, meeting: Meeting) -> str:
        title = self.t("meetings.edit")
        if meeting.date is not None:  # "Møde 01-06-2025": also the delete question says which
            title += f" {format_date(meeting.date, self.lang)}"
        return title

    @work(exclusive=True)
    async def delete(self, option_id: str) -> None:
        from .editor import ConfirmScreen

        if not option_id.startswith("meeting-"):
            self.notify(self.t("items.nothing_to_delete"))
            return
        meeting = self.case.meetings[int(option_id.split("-", 1)[1])]
        sure = await self.app.push_screen_wait(
            ConfirmScreen(self.t("editor.confirm_delete", title=self._meeting_title(meeting)),
                          self.lang)
        )
        if not sure:
            return
        at = self.item_list.highlighted or 0
        self.case.meetings.remove(meeting)
        self.fj.case_changed()
        self.fj.save()
        self.fill_list()
        self.item_list.highlighted = min(at, self.item_list.option_count - 1)

    @work(exclusive=True)
    async def edit(self, option_id: str) -> None:
        case = self.case
        if option_id == ADD:
            meeting = Meeting()
            case.meetings.append(meeting)
            title = self.t("meetings.new")
        else:
            meeting = case.meetings[int(option_id.split("-", 1)[1])]
            title = self._meeting_title(meeting)
        outcome = await self.app.push_screen_wait(
            MeetingEditor(meeting, self.lang, title, new=option_id == ADD))
        empty = (
            meeting.date is None and not meeting.participants and not meeting.summary
            and not meeting.agreed
        )
        highlight = None  # after a deleted meeting: on "+ Tilføj et møde"
        if outcome == "delete" or empty:
            case.meetings.remove(meeting)
        else:  # the cursor on the meeting, also a new one (the next keys are not lost in another)
            highlight = case.meetings.index(meeting)
        self.fj.case_changed()
        self.fj.save()
        self.fill_list(highlight)
        self.item_list.focus()
