"""The case folder: where it is (``$FLEKSJOB_HOME`` or the platform's user data folder) and
that it stays private (mode 700) — made so, or tightened, whenever it is used: the start screen,
``new``, ``list`` and every save in it (issue 22).

This module imports nothing from Textual, nor from the rest of the storage package.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: Environment variable that overrides the default case folder (tests point it at a tmp dir).
ENV_HOME = "FLEKSJOB_HOME"
APP_NAME = "fleksjob"


def default_folder(create: bool = True) -> Path:
    """The folder for case files: ``$FLEKSJOB_HOME`` if set, else the user data dir "fleksjob".

    With ``create`` (the default) the folder is made if missing, with mode 700. A case folder
    that exists with a wider mode (755: anyone on the machine can list whose cases are there)
    is tightened to 700, as the README promises — the platform folder and a folder named in
    ``FLEKSJOB_HOME`` alike, when it is the user's own; never the home folder itself.
    """
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        folder = Path(env).expanduser()
        own = False
    else:
        import platformdirs  # needed only without FLEKSJOB_HOME: start-up does not pay for it

        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        own = True
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if create or folder.is_dir():  # `list` looks without creating it: tightened all the same
        _tighten(folder, own)
    return folder


def tighten_case_folder(folder: Path) -> None:
    """Mode 700 for ``folder`` when it is the case folder (a save there, ``list`` of it by its
    name); any other folder (a case saved in ~/Dokumenter) is left as it is."""
    try:
        if folder.resolve() == default_folder(create=False).resolve():
            default_folder(create=False)
    except (OSError, RuntimeError):
        pass


def _tighten(folder: Path, own: bool) -> None:
    """Mode 700 for a case folder that is the user's (issue 22: a 755 folder stayed 755)."""
    try:
        st = folder.stat()
        if not own:
            if not hasattr(os, "getuid") or st.st_uid != os.getuid():
                return  # someone else's folder (or Windows): not ours to change
            if folder.resolve() in (Path.home().resolve(), Path(folder.anchor)):
                return  # FLEKSJOB_HOME=~ : the home folder's mode is not a case folder's
        if stat.S_IMODE(st.st_mode) != 0o700:
            folder.chmod(0o700)
    except (OSError, RuntimeError):
        pass
