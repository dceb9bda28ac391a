"""A report of a crash that the user can send: where the program failed, without case data.

The report names the error's type and every frame of its traceback (file, line, function and
the line of code), for the error and the errors it came from. It leaves out what could hold the
case: no local variables and no error messages (a message may quote an answer: a name, a date,
a title). It is written to ``crash-reports/`` in the case folder, a new file readable by its
owner only (mode 600), never over another file.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path

FOLDER = "crash-reports"


def report_text(error: BaseException | None) -> str:
    """The report of ``error`` (and its causes): types and frames, no messages, no locals."""
    lines = [
        "fleksjob crash report (no case data: no messages, no local variables)",
        f"time: {dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()}",
        f"fleksjob: {_version()}",
        f"python: {platform.python_version()} ({sys.implementation.name})",
        f"system: {platform.system()} {platform.release()} {platform.machine()}",
        "",
    ]
    seen: set[int] = set()
    chain = []
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        chain.append(error)
        error = getattr(error, "error", None) or error.__cause__ or error.__context__
    for i, err in enumerate(reversed(chain)):
        if i:
            lines += ["", "which led to:"]
        lines.append(f"{type(err).__module__}.{type(err).__qualname__}")
        for frame in traceback.extract_tb(err.__traceback__):
            lines.append(f'  File "{_short(frame.filename)}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines) + "\n"


def write_report(error: BaseException | None, case_folder: str | os.PathLike[str]) -> Path:
    """Write the report of ``error`` to a new private file in the case folder; its path."""
    folder = Path(case_folder) / FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for n in range(1, 100):
        path = folder / f"crash-{stamp}-{os.getpid()}{f'-{n}' if n > 1 else ''}.txt"
        try:
            fd = os.open(path, flags, 0o600)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(path)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(report_text(error))
    return path


def _short(filename: str) -> str:
    """A file's path from the package or the library it belongs to (not the user's home)."""
    parts = Path(filename).parts
    for anchor in ("fleksjob_tui", "site-packages", "lib"):
        if anchor in parts:
            at = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[at + (anchor != "fleksjob_tui"):])
    return Path(filename).name


def _version() -> str:
    from importlib import metadata  # only when a report is written

    try:
        return metadata.version("fleksjob-tui")
    except metadata.PackageNotFoundError:
        return "unknown"
