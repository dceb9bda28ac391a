"""Moving the cursor on from a field, safely during a fast step change."""

from __future__ import annotations

from textual.widget import Widget


def move_on(widget: Widget, delta: int = 1) -> None:
    """The cursor to the next (``delta`` > 0) or previous field of ``widget``'s screen.

    Nothing when the widget was taken down meanwhile (Enter and Ctrl+N typed together: the step
    may already be gone when the Enter is handled).
    """
    if not widget.is_attached:
        return
    screen = widget.screen
    (screen.focus_next if delta > 0 else screen.focus_previous)()


def show_whole(widget: Widget) -> None:
    """The one scroll-into-view rule: the question with the cursor — its label, its answer and
    the line under it — is scrolled wholly into view (not only the line being typed in), so
    nothing of it sits under the key bar or below the window's edge."""
    if widget.is_attached and widget.has_focus_within:
        widget.scroll_visible(animate=False)


def reveal_problem(field: Widget) -> None:
    """A refused answer's message just appeared under the question with the cursor: once it is
    laid out, scroll the question wholly into view again, message and all (at 80x24 it wrapped
    to lines under the key bar: "… eller tøm feltet" said where nothing was to be seen)."""
    if field.is_attached:
        field.call_after_refresh(show_whole, field)
