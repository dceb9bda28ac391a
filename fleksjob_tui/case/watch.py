"""Has a case file changed on disk since this window read (or last wrote) it?

A window keeps the file's fingerprint — modification time, size and a hash of its bytes — from
when it read the case, and again after each save. When another window (or a hand edit, or
``fleksjob restore``) changes the file, the fingerprint no longer matches: the window offers to
load the new version, and a window that may write asks before saving over it.

This module imports nothing from Textual.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Fingerprint:
    mtime_ns: int
    size: int
    digest: str


def fingerprint(path: str | os.PathLike[str]) -> Fingerprint | None:
    """The file's fingerprint now, or None when it cannot be read (gone, a folder …)."""
    path = Path(path)
    try:
        st = path.stat()
        data = path.read_bytes()
    except OSError:
        return None
    return Fingerprint(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())


def changed(seen: Fingerprint | None, path: str | os.PathLike[str]) -> Fingerprint | None:
    """The new fingerprint when the file at ``path`` is not the version ``seen``, else None.

    Only the modification time and size are looked at first (cheap, every second); the bytes are
    read only when one of them moved, and a file written again with the same bytes (a touch) is
    not a change worth asking about: then ``seen`` is simply brought up to date by the caller
    with :func:`fingerprint`.
    """
    if seen is None:
        return None
    try:
        st = Path(path).stat()
    except OSError:
        return None  # gone or unreadable: saving will say what is wrong
    if st.st_mtime_ns == seen.mtime_ns and st.st_size == seen.size:
        return None
    now = fingerprint(path)
    if now is None or now.digest == seen.digest:
        return None
    return now
