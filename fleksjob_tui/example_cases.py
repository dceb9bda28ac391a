"""The example cases shipped with the program (``content/examples/*.toml``; the repository's
``examples/`` folder points there). Opened read-only by the wizard's start screen."""

from __future__ import annotations

from importlib import resources

from . import storage
from .model import Case


def _folder():
    return resources.files(__package__).joinpath("content", "examples")


def names() -> list[str]:
    return sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".toml"))


def load(name: str, lang: str = "da") -> Case:
    text = _folder().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return storage.loads_case(text, path=f"examples/{name}.toml", lang=lang)


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
