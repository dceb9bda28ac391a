"""Markdown that reads as plain text: lines of at most :data:`WIDTH` characters.

:func:`wrap` wraps one paragraph or list item; :func:`wrap_markdown` wraps a whole Markdown
text line by line (paragraphs, list items and their hard breaks), leaving headings, tables and
rules as they are. A wrapped line never starts with a Markdown mark (a list, a heading, a quote,
a table row): such a word stays on the line before. A word longer than a line stays whole.

Textual-free.
"""

from __future__ import annotations

import re
import textwrap

#: The width of a Markdown line.
WIDTH = 100

#: What would turn a wrapped line into a list, a heading, a quote or a table row.
_MARK_AT_START = re.compile(r"^\s*([-+*#>=|]|[0-9]+[.)])(\s|$)")
#: A list item: its marker, and the indent its wrapped lines take.
_ITEM = re.compile(r"^(\s*)([-+*]|[0-9]+[.)]) ")


def wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    """``text`` (one paragraph or item, Markdown already) in lines of at most :data:`WIDTH`."""
    lines = textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                          break_long_words=False, break_on_hyphens=False) or [first.rstrip()]
    out: list[str] = []
    for line in lines:
        if out and _MARK_AT_START.match(line[len(rest):]):
            out[-1] += " " + line[len(rest):]
        else:
            out.append(line)
    return out


def wrap_markdown(text: str) -> str:
    """Every paragraph and list item of the Markdown ``text`` wrapped at :data:`WIDTH`."""
    out: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if len(line) <= WIDTH or not stripped or stripped.startswith(("#", "|", "---")):
            out.append(line)
            continue
        hard = line.endswith("  ")  # a hard line break stays at the end of the last line
        item = _ITEM.match(line)
        if item:
            marker = item[0]
            lines = wrap(line[len(marker):].strip(), marker, " " * len(marker))
        else:
            indent = line[:len(line) - len(line.lstrip())]
            lines = wrap(stripped, indent, indent)
        if hard:
            lines[-1] += "  "
        out += lines
    return "\n".join(out)
