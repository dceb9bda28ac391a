"""The example cases shipped with the program (``content/examples/*.toml``; the repository's
``examples/`` folder points there). Opened read-only by the wizard's start screen."""

from __future__ import annotations

from pathlib import Path

from . import storage
from .model import Case

FOLDER = Path(__file__).resolve().parent.parent / "content" / "examples"


def names() -> list[str]:
    try:
        return sorted(p.stem for p in FOLDER.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load(name: str, lang: str = "da") -> Case:
    """An example case (raises storage.CaseFileError, never a bare OSError)."""
    return storage.load_case(FOLDER / f"{name}.toml", lang=lang)


def available(lang: str = "da") -> list[tuple[str, str]]:
    """(name, title) of every example that loads."""
    out = []
    for name in names():
        try:
            case = load(name, lang)
        except storage.CaseFileError:
            continue
        out.append((name, case.case.title or name))
    return out
