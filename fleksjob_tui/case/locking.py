"""One writer per case: a lock file beside the case while a wizard has it open.

``sag.toml`` is locked by the hidden file ``.sag.toml.lock`` (mode 600), created with
``O_CREAT | O_EXCL`` so that two programs can never both create it. It holds who has the case
open, as TOML: ``pid``, ``host``, ``since`` (UTC) and a random ``token``.

* :func:`acquire` — take the lock or raise :class:`CaseLocked` (with the holder's details).
  A lock left by a crashed program is *stale* and cleared: same host and its pid no longer
  runs, or a lock file that is unreadable/empty and older than :data:`GRACE` seconds (a program
  killed between creating it and writing it). A lock from another host is never taken as
  stale — we cannot see whether that program still runs — the user may open read-only.
* :meth:`CaseLock.release` — remove the lock, but only if it is still ours (same token).
* :func:`read_lock` — who holds the lock, or ``None``.

The lock is advisory: it protects against two wizards autosaving over each other; the command
line commands only read cases and do not take it. This module imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..content import Msg, _toml

__all__ = ["CaseLock", "CaseLocked", "LockInfo", "acquire", "lock_path", "read_lock", "GRACE"]

#: An unreadable lock file younger than this (seconds) is taken as being written, not stale.
GRACE = 10.0


def lock_path(case_path: str | os.PathLike[str]) -> Path:
    """``FOLDER/sag.toml`` → ``FOLDER/.sag.toml.lock`` (hidden: not listed as a case)."""
    p = Path(case_path)
    if p.is_symlink():
        p = Path(os.path.realpath(p))
    return p.with_name(f".{p.name}.lock")


def this_host() -> str:
    """This computer's name, from the kernel (no network is used)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import platform  # pragma: no cover - Windows

    return platform.node()  # pragma: no cover


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a lock. ``pid``/``host``/``since`` are ``None`` when the file is unreadable."""

    path: Path
    pid: int | None
    host: str | None
    since: dt.datetime | None
    token: str | None
    mtime: float

    @property
    def local(self) -> bool:
        return self.host == this_host()

    def stale(self) -> bool:
        """True when the program that took the lock has certainly gone."""
        if self.pid is None or self.host is None:
            return time.time() - self.mtime > GRACE
        if not self.local:
            return False
        return not pid_alive(self.pid)

    def describe(self, lang: str = "da") -> str:
        """In plain words, for messages: ``"åbnet 22-11-2026 10:15 i et andet vindue eller en
        anden browserfane på denne computer"`` (or ``"… på computeren laptop-2"`` when it is
        another machine); no process number, which says nothing to the person reading it."""
        return self.description.get(lang)

    @property
    def description(self) -> Msg:
        """:meth:`describe` in every language (the words are in ``content/messages.toml``)."""
        if self.pid is None:
            return Msg.of("lock.unknown")
        if self.local:
            where = Msg.of("lock.this_computer")
        else:
            where = Msg.of("lock.other_computer", host=self.host)
        if self.since is None:
            return Msg.of("lock.holder", where=where)
        from .dates import format_datetime  # dates is needed only when a lock is shown

        since = Msg.either(format_datetime(self.since, "da"), format_datetime(self.since, "en"))
        return Msg.of("lock.holder_since", since=since, where=where)


class CaseLocked(Exception):
    """The case is open in another running fleksjob. ``holder`` says which."""

    def __init__(self, case_path: Path, holder: LockInfo) -> None:
        self.case_path = case_path
        self.holder = holder
        super().__init__(Msg.of("lock.locked", path=case_path, holder=holder.description).en)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # runs, as another user
        return True
    except OSError:  # pragma: no cover - cannot tell: assume it runs
        return True
    return _not_zombie(pid)


def _not_zombie(pid: int) -> bool:
    """A killed child not yet reaped by its parent still answers kill(0): read its state."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            state = f.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in (b"Z", b"X")


def read_lock(case_path: str | os.PathLike[str]) -> LockInfo | None:
    """The lock of the case at ``case_path``, or ``None`` when it is not locked."""
    return _read(lock_path(case_path))


def _read(lp: Path) -> LockInfo | None:
    try:
        st = os.stat(lp)
        with open(lp, "rb") as f:
            data = f.read(4096)
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo(lp, None, None, None, None, time.time())
    try:
        raw = _toml.loads(data.decode("utf-8"))
        pid = raw["pid"]
        host = raw["host"]
        since = raw.get("since")
        token = raw.get("token")
        if type(pid) is not int or not isinstance(host, str):
            raise ValueError
        if not isinstance(since, dt.datetime):
            since = None
        return LockInfo(lp, pid, host, since, token if isinstance(token, str) else None,
                        st.st_mtime)
    except (ValueError, KeyError, UnicodeDecodeError, _toml.TOMLDecodeError):
        return LockInfo(lp, None, None, None, None, st.st_mtime)


class CaseLock:
    """A lock this program holds on a case. Release it with :meth:`release` (or ``with``)."""

    def __init__(self, case_path: Path, path: Path, token: str) -> None:
        self.case_path = case_path
        self.path = path
        self.token = token
        self.released = False

    def release(self) -> None:
        """Remove the lock file if it is still ours; never raises."""
        if self.released:
            return
        self.released = True
        info = _read(self.path)
        if info is None or info.token != self.token:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def __enter__(self) -> CaseLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def acquire(case_path: str | os.PathLike[str]) -> CaseLock:
    """Lock the case at ``case_path`` for this program.

    Raises :class:`CaseLocked` when another running program holds it (after clearing a stale
    lock, see the module text), and ``OSError`` when the lock file cannot be written at all
    (e.g. a read-only folder) — callers may then go on without a lock.
    """
    case_path = Path(case_path)
    lp = lock_path(case_path)
    token = os.urandom(8).hex()
    since = dt.datetime.now(dt.UTC).replace(microsecond=0)
    body = (f'pid = {os.getpid()}\nhost = "{_toml_escape(this_host())}"\n'
            f"since = {since.isoformat().replace('+00:00', 'Z')}\n"
            f'token = "{token}"\n').encode()
    for _attempt in range(3):
        try:
            fd = os.open(lp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o600)
        except FileExistsError:
            holder = _read(lp)
            if holder is None:
                continue  # released meanwhile: try again
            if holder.stale():
                _clear(lp, holder)
                continue
            raise CaseLocked(case_path, holder) from None
        try:
            os.write(fd, body)
            os.fsync(fd)
        except OSError:
            os.close(fd)
            try:
                os.unlink(lp)
            except OSError:
                pass
            raise
        os.close(fd)
        return CaseLock(case_path, lp, token)
    holder = _read(lp) or LockInfo(lp, None, None, None, None, time.time())
    raise CaseLocked(case_path, holder)


def _clear(lp: Path, seen: LockInfo) -> None:
    """Remove a stale lock, unless it changed since we looked (another program took it)."""
    now = _read(lp)
    if now is None or (now.token, now.pid, now.mtime) != (seen.token, seen.pid, seen.mtime):
        return
    try:
        os.unlink(lp)
    except OSError:
        pass


def _toml_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')
