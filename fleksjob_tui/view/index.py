"""The start screen's list of cases, fast: a small private index of the case folder.

Listing a folder with :func:`fleksjob_tui.case.storage.list_cases` reads, parses and validates every
case file, and the start screen then assesses each one: with 1,000 cases that is most of a
second before the list can be shown. :func:`list_entries` gives the same list (title, person,
last change, status and the next step of :mod:`.caseload`, or "cannot be read") from a small
index kept beside the cases, in the
hidden file ``.fleksjob-index.json`` (mode 600, written atomically like a case).

An indexed line is used only while its file has the size, modification time, change time and
inode it had when the line was made, and only for the same date of assessment and the same
rules; every other file is read and validated with :func:`storage.load_case` and assessed
again, as before, and the index is rewritten. Files that are gone drop out of it (a deleted
case's name does not stay behind). The index is a cache and nothing more: a missing, broken or
foreign index only makes one start slower, and opening a case always reads and validates its
file.

This module imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..case import storage
from ..case.clean import printable
from ..case.dates import MAX_DATE, MIN_DATE
from .caseload import NextStep, next_step

INDEX_NAME = ".fleksjob-index.json"
INDEX_VERSION = 3

__all__ = ["INDEX_NAME", "Entry", "list_entries"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One case file in the folder, as the start screen lists it.

    ``status`` is the assessment's status on the day given to :func:`list_entries`, or ``None``
    when the file cannot be read (``readable`` is then False; load it to learn why).
    ``updated`` is the case's own ``updated`` stamp, else the file's modification time.
    ``step`` is the case's next step on that day (:func:`.caseload.next_step`), None when the
    file cannot be read.
    """

    path: Path
    title: str | None
    person_name: str | None
    updated: dt.datetime | None
    status: str | None
    readable: bool
    step: NextStep | None = None

    @property
    def ok(self) -> bool:
        return self.readable


def _rules_key() -> str:
    """Changes whenever the program that computes a status may have changed (model, rules,
    legal parameters): a status in the index is only reused under the same key."""
    here = Path(__file__).resolve().parent.parent  # the package: fleksjob_tui/
    parts = []
    for p in (here / "case" / "model.py", here / "content" / "parameters.toml",
              *sorted((here / "rules").glob("*.py")),
              # the next step is read from the view's dates
              *(here / "view" / name for name in ("__init__.py", "words.py", "caseload.py"))):
        try:
            st = p.stat()
        except OSError:
            continue
        parts.append(f"{p.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _read_index(path: Path, as_of: str, rules: str) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (not isinstance(data, dict) or data.get("version") != INDEX_VERSION
            or data.get("as_of") != as_of or data.get("rules") != rules
            or not isinstance(data.get("files"), dict)):
        return {}
    return data["files"]


def _entry_from(path: Path, line: dict) -> Entry | None:
    try:
        title, person, updated, status, readable = (
            line["title"], line["person"], line["updated"], line["status"], line["readable"])
        if not all(v is None or isinstance(v, str) for v in (title, person, updated, status)):
            return None
        step = NextStep.from_json(line["step"]) if line["step"] is not None else None
        if readable is True and step is None:
            return None
        when = dt.datetime.fromisoformat(updated) if updated else None
        if when is not None and not _shown_safely(when):
            return None
        return Entry(path, title, person, when, status, readable is True, step)
    except (KeyError, TypeError, ValueError):
        return None  # a line we did not write: read the file again


def _shown_safely(when: dt.datetime) -> bool:
    """A time the list can show and sort (in local time, as a timestamp) without an error."""
    try:
        (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone().timestamp()
    except (OverflowError, ValueError, OSError):
        return False
    return MIN_DATE.year <= when.year <= MAX_DATE.year


def _mtime(st: os.stat_result) -> dt.datetime | None:
    """The file's modification time, or None if it is one no date can hold (touch -d 9999)."""
    try:
        when = dt.datetime.fromtimestamp(st.st_mtime, dt.UTC).replace(microsecond=0)
    except (OverflowError, ValueError, OSError):
        return None
    return when if _shown_safely(when) else None


def _line(entry: Entry, key: list[int]) -> dict:
    return {"stat": key, "title": entry.title, "person": entry.person_name,
            "updated": entry.updated.isoformat() if entry.updated else None,
            "status": entry.status, "readable": entry.readable,
            "step": entry.step.to_json() if entry.step is not None else None}


def _read_case(path: Path, st: os.stat_result, as_of: dt.date, lang: str) -> Entry:
    from ..rules import assess  # only when a file changed: a start from the index skips the rules

    mtime = _mtime(st)
    try:
        case = storage.load_case(path, lang=lang)
    except storage.CaseFileError:
        return Entry(path, None, None, mtime, None, False)
    updated = case.case.updated or mtime
    if updated is not None and updated.tzinfo is None:
        updated = updated.replace(tzinfo=dt.UTC)
    # The list shows the case's own words: without control characters (issue 22).
    title = printable(case.case.title) if case.case.title else None
    person = printable(case.person.name) if case.person.name else None
    try:
        assessment = assess(case, as_of)
        step = next_step(case, assessment, as_of)
    except Exception:  # noqa: BLE001 - one case the rules cannot assess never hides the others
        return Entry(path, title, person, mtime, None, False)
    return Entry(path, title, person, updated, assessment.status, True, step)


def list_entries(folder: str | os.PathLike[str], as_of: dt.date, lang: str = "da",
                 *, write: bool = True) -> list[Entry]:
    """The ``*.toml`` case files in ``folder``, newest first (by ``updated``, then name).

    The same files as :func:`storage.list_cases` (hidden files and sub-folders skipped, a
    file that cannot be read listed as such, a folder that does not exist gives an empty list),
    each with its status on ``as_of``. With ``write`` (the default) the index is brought up to
    date when anything in it changed; a folder where it cannot be written is no error.
    """
    folder = Path(folder)
    index_path = folder / INDEX_NAME
    as_of_text, rules = as_of.isoformat(), _rules_key()
    try:
        scan = list(os.scandir(folder))
    except OSError:
        return []
    old = _read_index(index_path, as_of_text, rules)
    lines: dict[str, dict] = {}
    entries: list[Entry] = []
    changed = False
    for item in scan:
        name = item.name
        if name.startswith(".") or not name.endswith(".toml"):
            continue
        try:
            st = item.stat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        path = Path(item.path)
        line = old.get(name)
        entry = _entry_from(path, line) if line is not None and line.get("stat") == key else None
        if entry is None:
            entry = _read_case(path, st, as_of, lang)
            changed = True
        lines[name] = _line(entry, key)
        entries.append(entry)
    if len(lines) != len(old):
        changed = True  # files that are gone
    if write and changed:
        text = json.dumps({"version": INDEX_VERSION, "as_of": as_of_text, "rules": rules,
                           "files": lines}, ensure_ascii=False, separators=(",", ":"))
        try:
            storage.write_private_text(index_path, text, lang=lang)
        except (storage.CaseFileError, OSError):
            pass  # a read-only folder: the list is right, the next start is as slow as this one
    entries.sort(key=lambda e: (-(e.updated.timestamp() if e.updated else 0.0), e.path.name))
    return entries
