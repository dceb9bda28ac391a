"""Content as data: texts, questions, the measure catalogue and the legal parameters.

Every text lives in a TOML file beside this module, in Danish and English. A text entry is a
table with the keys ``da`` and ``en``; it may add ``da_du`` / ``en_you`` for the wording used
when the employee fills in the case themselves ("du" instead of "medarbejderen").

A text that is built in one place and shown later, in whichever language the reader has, is a
:class:`Msg`: a key into a data file plus its values (the error messages of a case file, the
date errors, the lock messages).

The bottom of the house: it imports nothing of the package but its own helpers (``_toml``;
:mod:`.program_cache`, the program's cache of parsed files) and nothing from Textual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import _toml, program_cache

LANGUAGES = ("da", "en")
_FOLDER = Path(__file__).resolve().parent  # the data files sit beside this module


class ContentError(KeyError):
    """A text or parameter the program asked for is not in the data files (a program bug)."""


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed data file ``content/<name>.toml`` (kept for the process, and in the program's
    cache for the next start: :mod:`fleksjob_tui.content.program_cache`, used only for exactly the same text —
    the key is a digest of the file's bytes, so no edit is ever missed, whatever its time)."""
    raw = (_FOLDER / f"{name}.toml").read_bytes()
    key = hashlib.sha256(raw).hexdigest()
    kept = program_cache.read(f"content-{name}", key)
    if isinstance(kept, dict):
        return kept
    parsed = _toml.loads(raw.decode("utf-8"))
    program_cache.write(f"content-{name}", key, parsed)
    return parsed


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


@dataclass(frozen=True, slots=True)
class Msg:
    """A user-visible text in every language: ``content/<name>.toml`` at ``key`` with values.

    ``msg.get(lang)`` (or ``msg.da`` / ``msg.en``) gives the text, formatted with ``args``; an
    argument that is itself a :class:`Msg` is put in the same language, and a list or tuple of
    arguments is put in one by one and joined with ", ". ``str(msg)`` is the Danish text.
    The words live in the data file only: a translator edits TOML, never this code.
    """

    key: str
    args: Mapping[str, Any] = field(default_factory=dict)
    name: str = "messages"

    @classmethod
    def of(cls, key: str, /, **args: Any) -> Msg:
        """``Msg.of("storage.not_found.what")`` — a text of ``content/messages.toml``."""
        return cls(key, args)

    @classmethod
    def either(cls, da: Any, en: Any) -> Msg:
        """A value the program has in each language (a number written the Danish or the English
        way, a parser's English message and its Danish translation): ``either`` in the data."""
        return cls("either", {"da": da, "en": en})

    def get(self, lang: str | None) -> str:
        lang = lang if lang in LANGUAGES else "da"
        value = pick(_lookup(self.name, self.key), lang)
        if not self.args:
            return value
        return value.format_map({k: _put(v, lang) for k, v in self.args.items()})

    @property
    def da(self) -> str:
        return self.get("da")

    @property
    def en(self) -> str:
        return self.get("en")

    def __str__(self) -> str:
        return self.da


def _put(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return value.get(lang)
    if isinstance(value, list | tuple):
        return ", ".join(str(_put(v, lang)) for v in value)
    return value
