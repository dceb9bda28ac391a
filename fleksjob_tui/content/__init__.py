"""Content as data: texts, questions, the measure catalogue and the legal parameters.

Every text lives in a TOML file beside this module, in Danish and English. A text entry is a
table with the keys ``da`` and ``en``; it may add ``da_du`` / ``en_you`` for the wording used
when the employee fills in the case themselves ("du" instead of "medarbejderen").

This module imports nothing from Textual.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .. import _toml

LANGUAGES = ("da", "en")
_FOLDER = Path(__file__).resolve().parent  # the data files sit beside this module


class ContentError(KeyError):
    """A text or parameter the program asked for is not in the data files (a program bug)."""


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed data file ``content/<name>.toml`` (cached)."""
    data = (_FOLDER / f"{name}.toml").read_text(encoding="utf-8")
    return _toml.loads(data)


def pick(entry: Any, lang: str, role: str | None = None) -> str:
    """Choose the text for a language (and the employee's own wording when the role is employee).

    ``entry`` is either a plain string (same in every language) or a table with ``da``/``en`` and
    optionally ``da_du``/``en_you``.
    """
    if isinstance(entry, str):
        return entry
    if not isinstance(entry, dict):
        raise ContentError(f"not a text entry: {entry!r}")
    lang = lang if lang in LANGUAGES else "da"
    if role == "employee":
        own = entry.get("da_du" if lang == "da" else "en_you")
        if own:
            return own
    text = entry.get(lang) or entry.get("da")
    if text is None:
        raise ContentError(f"text entry without '{lang}': {entry!r}")
    return text


def _lookup(name: str, key: str) -> Any:
    node: Any = load(name)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ContentError(f"{name}.toml has no '{key}'")
        node = node[part]
    return node


def text(name: str, key: str, lang: str, role: str | None = None, **fmt: Any) -> str:
    """A text from ``content/<name>.toml`` at the dotted ``key``, formatted with ``fmt``."""
    value = pick(_lookup(name, key), lang, role)
    return value.format(**fmt) if fmt else value


def ui(key: str, lang: str, role: str | None = None, **fmt: Any) -> str:
    """A user-interface text from ``content/ui.toml``."""
    return text("ui", key, lang, role, **fmt)


def has(name: str, key: str) -> bool:
    try:
        _lookup(name, key)
    except ContentError:
        return False
    return True


def entry(name: str, key: str) -> Any:
    """The raw table at ``key`` of ``content/<name>.toml`` (for structured data)."""
    return _lookup(name, key)
