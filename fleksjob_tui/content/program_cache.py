"""A small private cache of what every start would otherwise compute again: the parsed content
files (``content/*.toml``) and the parsed stylesheets of the wizard (``widgets/stylecache.py``).

Issue 16's profile of a start: parsing the content TOML files costs about 18 ms and Textual's
CSS parsing about 20 ms; reading the same data back from a pickle takes one or two. Each entry
carries a key (what it was made from: the file's path, size and time, or the CSS text and the
theme) and is used only when the key matches, so a changed file simply makes a new entry.

* :func:`folder` — ``$FLEKSJOB_CACHE`` if set (``off`` turns the cache off), else the program's
  own ``__pycache__`` folder, where Python keeps its compiled modules: the cache is kept the way
  bytecode is, and not written when bytecode is not (``PYTHONDONTWRITEBYTECODE``, or a folder the
  user cannot write, e.g. a system-wide installation). Looking up a user cache folder instead
  (platformdirs) would cost every start more than the stylesheets' cache saves.
* :func:`read` / :func:`write` — one entry per name; written atomically, readable by the owner
  only. A file that cannot be read (broken, an older format, or holding any other kind of object
  than the caller allows) counts as no entry and is replaced on the next write.

No case data is ever written here: only program texts and styles. Textual-free.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ENV_CACHE = "FLEKSJOB_CACHE"
#: Raise when an entry's layout changes: older entries are then ignored.
FORMAT = 1

_folder: Path | None | bool = False  # False: not looked up yet
_beside_bytecode = False  # the folder is the package's __pycache__ (written like bytecode)


def folder() -> Path | None:
    """Where the cache lives, or None when it is turned off (looked up once per process)."""
    global _folder, _beside_bytecode
    if _folder is False:
        env = os.environ.get(ENV_CACHE, "").strip()
        _beside_bytecode = not env
        if env.lower() == "off":
            _folder = None
        elif env:
            _folder = Path(env).expanduser()
        else:
            package = Path(__file__).resolve().parent.parent  # fleksjob_tui/, beside its bytecode
            prefix = getattr(sys, "pycache_prefix", None)
            _folder = (Path(prefix) / package.relative_to(package.anchor) if prefix
                       else package / "__pycache__")
    return _folder  # type: ignore[return-value]


def forget_folder() -> None:
    """Look the folder up again on next use (tests that change ``FLEKSJOB_CACHE``)."""
    global _folder
    _folder = False


#: Decides which classes an entry may hold: (module, name) -> the object, or raise.
Allow = Callable[[str, str], Any]


def plain_data(module: str, name: str) -> Any:
    """Only plain data: dicts, lists, strings, numbers, booleans, dates and times."""
    if module == "datetime" and name in ("date", "datetime", "time", "timedelta", "timezone"):
        import datetime  # the module, not only the date class the rest of this file needs

        return getattr(datetime, name)
    raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


class _Restricted(pickle.Unpickler):
    def __init__(self, data: bytes, allow: Allow) -> None:
        super().__init__(io.BytesIO(data))
        self._allow = allow

    def find_class(self, module: str, name: str) -> Any:
        return self._allow(module, name)


def read(name: str, key: str, allow: Allow = plain_data) -> Any | None:
    """The entry ``name`` if it was made from ``key``, else None (also when anything is wrong)."""
    where = folder()
    if where is None:
        return None
    try:
        data = (where / f"{name}.pickle").read_bytes()
        entry = _Restricted(data, allow).load()
    except Exception:  # noqa: BLE001 - an unreadable entry is no entry: compute it again
        return None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        return None
    return entry.get("data")


def write(name: str, key: str, data: Any) -> bool:
    """Keep ``data`` as entry ``name`` made from ``key``. False when it could not be written
    (a cache that cannot be written only makes the next start slower)."""
    where = folder()
    if where is None or (_beside_bytecode and sys.dont_write_bytecode):
        return False
    import tempfile  # only when an entry is written (first start, or after a change)

    try:
        where.mkdir(mode=0o700 if not _beside_bytecode else 0o777, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=where)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump({"format": FORMAT, "key": key, "data": data}, f,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, where / f"{name}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # noqa: BLE001
        return False
    return True
