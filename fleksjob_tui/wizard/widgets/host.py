"""What the screens and widgets use from the app that hosts them: a small typed protocol.

Screens and widgets depend on this, never on the App class (``fleksjob_tui.wizard.app`` is imported
only by the entry point): the layers point down, app → screens → widgets, and the import
contracts in ``pyproject.toml`` check it. ``FleksjobApp`` satisfies the protocol.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from ...case.model import Case
    from ...rules.types import Assessment

#: The smallest terminal the wizard is laid out for; smaller shows a note instead.
MIN_WIDTH = 60
MIN_HEIGHT = 20


class WizardHost(Protocol):
    """The case, its assessment, the language and the day, saving, and the read-only state."""

    lang: str
    as_of: dt.date
    case: Case | None
    assessment: Assessment | None
    path: Path | None
    read_only: bool
    cursor_blink: bool
    #: The editors open on a new item (each says whether its item may be written yet).
    open_editors: list

    def case_folder(self) -> Path: ...

    def t(self, key: str, **fmt) -> str: ...

    def case_changed(self) -> None: ...

    def save(self) -> bool: ...

    @property
    def takes_edits(self) -> bool: ...

    def tell_read_only(self) -> None: ...

    def case_on_disk(self) -> Case | None: ...

    def open_case(self, case: Case, path: Path | None, *, read_only: bool = False) -> None: ...


def host_of(widget) -> WizardHost:
    """The app a widget or screen runs in, seen through :class:`WizardHost`."""
    return cast(WizardHost, widget.app)
