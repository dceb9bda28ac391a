"""Find, load and save case files: atomic, private to their owner, with clear errors.

Three rooms, one set of names (import them from here: ``from fleksjob_tui.case.storage import
load_case, save_case``):

* :mod:`.explain` — every problem (missing file, a folder, not UTF-8, empty, too large, TOML
  syntax, validation, schema version, a failed write) as ONE exception type,
  :class:`CaseFileError`, whose message says what is wrong, where, and what to do, in Danish and
  English.
* :mod:`.files` — :func:`load_case` / :func:`loads_case` (read and validate; loading never
  writes), :func:`save_case` (atomic, mode 600, ``NAME.bak`` kept beside it),
  :func:`restore_backup`, :func:`delete_case`, :func:`write_private_text`, and the clean-up of temporary files left by a
  killed save.
* :mod:`.folder` — :func:`default_folder` (``$FLEKSJOB_HOME`` or the user data folder, mode 700),
  :func:`list_cases` for the start screen (hidden files never shown), :func:`new_case_path`.

This package imports nothing from Textual.
"""

from __future__ import annotations

from .explain import CaseFileError
from .files import (
    MAX_BYTES,
    backup_path,
    clean_stale_temps,
    delete_case,
    dumps_case,
    load_case,
    loads_case,
    restore_backup,
    save_case,
    write_private_bytes,
    write_private_text,
)
from .folder import (
    APP_NAME,
    ENV_HOME,
    CaseEntry,
    default_folder,
    list_cases,
    new_case_path,
    tighten_case_folder,
)

__all__ = [
    "tighten_case_folder",
    "APP_NAME",
    "ENV_HOME",
    "MAX_BYTES",
    "CaseFileError",
    "CaseEntry",
    "default_folder",
    "delete_case",
    "load_case",
    "loads_case",
    "save_case",
    "write_private_text",
    "write_private_bytes",
    "backup_path",
    "restore_backup",
    "clean_stale_temps",
    "dumps_case",
    "list_cases",
    "new_case_path",
]
