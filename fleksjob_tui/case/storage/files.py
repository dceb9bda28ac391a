"""Read and write case files: atomic, private to their owner, with a backup beside them.

* :func:`load_case` — read and validate a case file; every problem is raised as
  :class:`~fleksjob_tui.case.storage.explain.CaseFileError`. Loading never writes to the file.
* :func:`save_case` — write atomically: a temporary file (mode 600) in the same folder, write,
  flush, ``fsync``, ``os.replace`` over the target, then ``fsync`` the folder. A crash leaves
  either the old file or the new one, never a mix. **save_case sets ``case.case.updated`` to now
  (and ``case.case.created`` and ``case.case.id`` if unset)** unless called with ``touch=False``.
  The previous file is kept beside it as ``NAME.bak`` (e.g. ``sag.toml.bak``, mode 600, also
  written atomically) unless called with ``backup=False``; :func:`restore_backup` swaps the two.
  A temporary file left behind by a killed process (``.NAME.<pid>-<random>.tmp``, hidden) is
  removed by the next save in that folder once its process is gone.
* :func:`delete_case` — remove a case, its backup and a stale lock (never through a link).
* :func:`write_private_text` — the same atomic, private write for any text (the exports).

This module imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from ...content import Msg
from .. import locking
from ..model import Case, new_case_id
from .explain import (
    CaseFileError,
    check_schema_version,
    decode,
    file_error,
    os_error,
    parse_toml,
    too_large,
    unchanged_hint,
    validation_error,
)
from .home import tighten_case_folder

#: Case files larger than this are refused (a real case is a few kilobytes).
MAX_BYTES = 5 * 1024 * 1024

# --------------------------------------------------------------------------------------------
# Loading


def load_case(path: str | os.PathLike[str], lang: str = "da") -> Case:
    """Read, parse and validate the case file at ``path``.

    Raises :class:`CaseFileError` (and nothing else) for every problem with the file; ``lang``
    chooses the language of ``str(err)``. The file is opened read-only and never written.
    """
    path = Path(path)
    data = _read_bytes(path, lang)
    # Through a link, the bytes may be any file's (a link named sag.toml to /proc/self/environ):
    # the error then says where and what, but quotes none of them (issue 22).
    return loads_case(decode(path, data, lang), path, lang, quote=not path.is_symlink())


def loads_case(text: str, path: str | os.PathLike[str] = "<text>", lang: str = "da", *,
               quote: bool = True) -> Case:
    """Parse and validate case TOML given as text (same errors as :func:`load_case`).

    With ``quote=False`` an error never quotes the text (a line, a value found in it)."""
    path = Path(path)
    raw = parse_toml(path, text, lang, backup_path(path), quote=quote)
    check_schema_version(path, raw, text, lang, quote=quote)
    try:
        return Case.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(path, exc, text, lang, quote=quote) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # pragma: no cover
        raise CaseFileError(
            path, Msg.of("storage.validation.failed", error=exc), None,
            unchanged_hint("storage.validation.failed_hint"), code="validation", lang=lang,
        ) from None


def _read_bytes(path: Path, lang: str) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise file_error(path, "not_found", "not_found", lang, unchanged=False) from None
    except NotADirectoryError:
        raise file_error(path, "not_a_folder", "not_found", lang, unchanged=False) from None
    except OSError as exc:
        raise os_error(path, exc, lang) from None
    if stat.S_ISDIR(st.st_mode):
        raise file_error(path, "is_directory", "is_directory", lang)
    if not stat.S_ISREG(st.st_mode):
        raise file_error(path, "not_regular", "not_regular", lang)
    if st.st_size > MAX_BYTES:
        raise too_large(path, st.st_size, MAX_BYTES, lang)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except IsADirectoryError:  # pragma: no cover - raced with a rename
        raise CaseFileError(
            path, Msg.of("storage.is_directory.short"), None,
            unchanged_hint("storage.is_directory.short_hint"), code="is_directory", lang=lang,
        ) from None
    except OSError as exc:
        raise os_error(path, exc, lang) from None
    if len(data) > MAX_BYTES:
        raise too_large(path, len(data), MAX_BYTES, lang)
    return data


# --------------------------------------------------------------------------------------------
# Saving


def dumps_case(case: Case) -> str:
    """The TOML text of a case (as :func:`save_case` writes it)."""
    return tomli_w.dumps(case.to_toml_dict())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def save_case(case: Case, path: str | os.PathLike[str], *, touch: bool = True,
              lang: str = "da", backup: bool = True) -> Path:
    """Write ``case`` to ``path`` atomically, readable by its owner only (mode 600).

    With ``touch`` (the default) ``case.case.updated`` is set to now (UTC, whole seconds) and
    ``case.case.created`` and ``case.case.id`` too if unset — the case object is changed in place. The text is
    written to a temporary file (created with mode 600) in the same folder, flushed and fsynced,
    then renamed over ``path`` with ``os.replace``; the folder is fsynced after. If ``path`` is
    a symbolic link, the file it points to is replaced and the link kept.

    With ``backup`` (the default) the file being replaced is first kept as :func:`backup_path`
    (``sag.toml.bak``): a hard link to the old file (or, where links are not possible, an atomic
    copy), mode 600. The wizard asks for this only on its first save of a session, so the backup
    is the case as it was before the session, not half a second ago.

    Raises :class:`CaseFileError` (code ``write_failed``) when the folder cannot be written; the
    target file is then unchanged and no temporary file is left behind. Returns the path written.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    written = _save(case, path, touch, lang, backup)
    tighten_case_folder(path.parent)  # a 755 case folder becomes 700 on a save (issue 22)
    return written


def _save(case: Case, path: Path, touch: bool, lang: str, backup: bool) -> Path:
    if not touch:
        return _write_private(path, dumps_case(case).encode("utf-8"), lang, backup=backup)
    before = (case.case.created, case.case.updated, case.case.id)
    now = _now()
    if case.case.created is None:
        case.case.created = now
    if case.case.id is None:  # an old file gets its identifier on its first save
        case.case.id = new_case_id()
    case.case.updated = now
    try:
        return _write_private(path, dumps_case(case).encode("utf-8"), lang, backup=backup)
    except BaseException:
        case.case.created, case.case.updated, case.case.id = before  # not saved: as it was
        raise


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where the previous version of the case at ``path`` is kept: ``sag.toml`` → ``sag.toml.bak``.

    The name does not end in ``.toml``, so :func:`list_cases` does not show it as a second case.
    """
    path = Path(path)
    return path.with_name(path.name + ".bak")


def restore_backup(path: str | os.PathLike[str], lang: str = "da") -> Path:
    """Put the backup (:func:`backup_path`) back as the case; the current file becomes the backup.

    The backup is loaded (validated) first; a missing or broken backup raises
    :class:`CaseFileError` and nothing is changed. Running it twice undoes it. Returns the path.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    bak = backup_path(path)
    data = _read_bytes(bak, lang)
    load_case(bak, lang=lang)  # refuse to restore a broken backup
    keep = path.exists()
    # Errors say "could not be put back" and that the files are unchanged — not "the answers
    # are still in memory", which is a save's (issue 22).
    return _write_private(path, data, lang, backup=keep, action="restore")


def delete_case(path: str | os.PathLike[str], lang: str = "da") -> list[Path]:
    """Delete the case file at ``path`` and the previous version kept beside it (``.bak``).

    Case files hold health information: when a case is over, the user can remove it from the
    machine. Refused with :class:`CaseFileError` (code ``in_use``) while another running
    fleksjob has the case open; a lock left by a crashed program is removed with the case.
    Returns the files deleted.

    Only names in the case's own folder are removed, and no link is ever followed (issue 22):
    for a symbolic link named ``*.toml`` the link goes and the file it points to (and that
    file's ``.bak``) stays where it is. Something that is neither a file nor a link (a folder,
    a named pipe) is refused (code ``not_regular``).
    """
    path = Path(path)
    holder = locking.read_lock(path)
    if holder is not None and not holder.stale():
        raise file_error(path, "in_use", "in_use", lang, unchanged=False, action="delete",
                         holder=holder.description)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise os_error(path, exc, lang, action="delete") from None
    if st is not None and not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise file_error(path, "not_regular", "not_regular", lang, action="delete")
    files = [path, backup_path(path)]
    # The lock beside this name (not beside a link's target: that file is not deleted).
    lock = path.with_name(f".{path.name}.lock")
    removed: list[Path] = []
    for target in [*files, lock]:
        try:
            if stat.S_ISDIR(os.lstat(target).st_mode):
                continue  # a folder named like a backup is not ours to remove
            target.unlink()  # unlink never follows a link: the link itself goes
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise os_error(target, exc, lang, action="delete") from None
        if target in files:
            removed.append(target)
    _fsync_dir(path.parent)
    return removed


def write_private_text(path: str | os.PathLike[str], text: str, *, lang: str = "da") -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, readable by its owner only (mode 600).

    The same atomic write as :func:`save_case` (temporary file with mode 600 in the same folder,
    fsync, ``os.replace``, fsync of the folder; a symbolic link is kept and its target replaced),
    for any text, e.g. the exported documentation pack. Raises :class:`CaseFileError` (code
    ``write_failed``) when it cannot be written; the target is then unchanged and no temporary
    file is left behind. Returns the path written.
    """
    return write_private_bytes(path, text.encode("utf-8"), lang=lang)


def write_private_bytes(path: str | os.PathLike[str], data: bytes, *, lang: str = "da") -> Path:
    """:func:`write_private_text` for bytes (a Word file): atomic, mode 600, a link kept."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    return _write_private(path, data, lang)


def _tmp_name(name: str) -> str:
    """A hidden temporary name beside ``name`` that says which process made it."""
    return f".{name}.{os.getpid()}-{os.urandom(6).hex()}.tmp"


_TMP_RE = re.compile(r"\.(?P<pid>[0-9]+)-[0-9a-f]{12}\.tmp")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    except OSError:  # pragma: no cover - e.g. Windows: assume alive, never delete
        return True
    return True


def clean_stale_temps(folder: str | os.PathLike[str], name: str) -> int:
    """Remove temporary files of ``name`` (``.name.<pid>-<hex>.tmp``) left by dead processes.

    A save that was killed half-way leaves such a hidden file; the old case is intact beside it.
    Files of this process and of live processes are left alone. Returns how many were removed.
    """
    prefix = f".{name}"
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for entry in names:
        if not entry.startswith(prefix):
            continue
        m = _TMP_RE.fullmatch(entry, len(prefix))
        if m is None:
            continue
        pid = int(m["pid"])
        if pid == os.getpid() or _pid_alive(pid):
            continue
        try:
            os.unlink(os.path.join(folder, entry))
            removed += 1
        except OSError:
            pass
    return removed


def _write_private(path: Path, data: bytes, lang: str, backup: bool = False,
                   action: str = "save") -> Path:
    folder = path.parent
    if path.is_dir():
        raise CaseFileError(
            path, Msg.of("storage.is_directory.short"), None,
            Msg.of("storage.is_directory.save_hint"), code="write_failed", lang=lang,
            action=action,
        )
    clean_stale_temps(folder, path.name)
    if backup:
        _keep_backup(path, lang, action)
    _atomic_write(path, data, lang, action=action)
    _fsync_dir(folder)
    return path


def _atomic_write(path: Path, data: bytes, lang: str, report: Path | None = None,
                  action: str = "save") -> None:
    """Write ``data`` to a hidden temporary file (mode 600), fsync, ``os.replace`` onto ``path``.

    ``report`` is the path named in an error (default ``path``).
    """
    tmp = path.parent / _tmp_name(path.name)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o600)
    except OSError as exc:
        raise os_error(report or path, exc, lang, action=action) from None
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise os_error(report or path, exc, lang, action=action) from None
        raise


def _keep_backup(path: Path, lang: str, action: str = "save") -> None:
    """Keep the file at ``path`` (if any) as its backup, atomically, mode 600.

    A hard link costs nothing and is atomic; where links are not possible (some USB sticks and
    network drives) the bytes are copied with the same atomic write as a save.
    """
    try:
        st = os.stat(path)
    except OSError:
        return  # nothing to keep (a new case)
    if not stat.S_ISREG(st.st_mode):
        return
    bak = backup_path(path)
    clean_stale_temps(path.parent, bak.name)
    try:
        if os.path.samestat(st, os.stat(bak)):
            return  # already kept (a save was interrupted after keeping it)
    except OSError:
        pass
    tmp = path.parent / _tmp_name(bak.name)
    try:
        os.link(path, tmp)
    except OSError:
        try:
            with open(path, "rb") as f:
                old = f.read()
        except OSError as exc:
            raise os_error(path, exc, lang, action=action) from None
        _atomic_write(bak, old, lang, report=path, action=action)
        return
    try:
        os.chmod(tmp, 0o600)  # the old file's inode: it is about to be replaced anyway
        os.replace(tmp, bak)
        # rename() of two links to one file does nothing and leaves tmp (POSIX): remove it.
        if os.path.lexists(tmp):
            os.unlink(tmp)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise os_error(path, exc, lang, action=action) from None


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(dfd)
