"""Where cases live and what they are called: the folder, the list for the start screen, and a
free file name for a new case.

* :func:`default_folder` — ``$FLEKSJOB_HOME`` if set, else the platform's user data folder for
  "fleksjob" (e.g. ``~/.local/share/fleksjob``). Created with mode 700.
* :func:`list_cases` — the cases in a folder (path, title, person name, updated, and the loaded
  :class:`~fleksjob_tui.case.model.Case` so the caller can assess the status; a broken file is listed
  with its error instead of being hidden). Hidden files are never shown.
* :func:`new_case_path` — a free file name in a folder for a new case's title.

This module imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Case
from .explain import CaseFileError
from .files import load_case
from .home import APP_NAME, ENV_HOME, default_folder, tighten_case_folder  # noqa: F401

# The folder itself (where, and mode 700): home.py, which a save uses too.


# --------------------------------------------------------------------------------------------
# Listing and naming


@dataclass(frozen=True, slots=True)
class CaseEntry:
    """One case file in a folder, for the start screen.

    ``case`` is the loaded case (assess it to get the status), or ``None`` with ``error`` set
    when the file cannot be read. ``updated`` is the case's own ``updated`` stamp, falling back
    to the file's modification time.
    """

    path: Path
    title: str | None
    person_name: str | None
    updated: dt.datetime | None
    case: Case | None = field(repr=False)
    error: CaseFileError | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None


def list_cases(folder: str | os.PathLike[str] | None = None, lang: str = "da") -> list[CaseEntry]:
    """The ``*.toml`` case files in ``folder`` (default: :func:`default_folder`), newest first.

    Hidden files (names starting with ".", e.g. temporary files of an unfinished save) and
    sub-folders are skipped. A file that cannot be loaded is still listed, with ``error`` set.
    A folder that does not exist gives an empty list.
    """
    folder = Path(folder) if folder is not None else default_folder()
    if not folder.is_dir():
        return []
    entries: list[CaseEntry] = []
    for p in folder.glob("*.toml"):
        if p.name.startswith("."):
            continue
        try:
            st = p.stat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        try:
            mtime: dt.datetime | None = dt.datetime.fromtimestamp(
                st.st_mtime, dt.UTC).replace(microsecond=0)
        except (OverflowError, ValueError, OSError):  # a time no date holds (touch -d 9999)
            mtime = None
        try:
            case = load_case(p, lang=lang)
        except CaseFileError as err:
            entries.append(CaseEntry(p, None, None, mtime, None, err))
            continue
        updated = case.case.updated or mtime
        if updated is not None and updated.tzinfo is None:
            updated = updated.replace(tzinfo=dt.UTC)
        entries.append(CaseEntry(p, case.case.title, case.person.name, updated, case))
    entries.sort(key=lambda e: (-(e.updated.timestamp() if e.updated else 0.0), e.path.name))
    return entries


_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o",
                           "ä": "a"})


def title_stem(title: str | None) -> str:
    """A file name (without ending) from a case's title: ``"Fleksjob for Åse Ærø"`` →
    ``fleksjob-for-aase-aeroe``; ``sag`` for no title. Cases and their documents both use it."""
    slug = (title or "").lower().translate(_TRANSLIT)
    return re.sub(r"[^a-z0-9]+", "-", slug, flags=re.ASCII).strip("-")[:60].strip("-") or "sag"


def new_case_path(folder: str | os.PathLike[str] | None, title: str | None) -> Path:
    """A path for a new case file in ``folder``, named after ``title``, not yet taken.

    ``"Fleksjob for Åse Ærø"`` → ``fleksjob-for-aase-aeroe.toml``; an empty title gives
    ``sag.toml``; a taken name gets ``-2``, ``-3`` … The file is not created.
    """
    folder = Path(folder) if folder is not None else default_folder()
    slug = title_stem(title)
    candidate = folder / f"{slug}.toml"
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{slug}-{n}.toml"
        n += 1
    return candidate
