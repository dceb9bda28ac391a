"""One notation for keys on the screen: "Ctrl+E", "F1", "Delete", "Esc" (not Textual's "^e",
"f1", "del"). The footer, the hints and the help all write keys this way."""

from __future__ import annotations

from ... import content


def key_name(key: str, lang: str) -> str:
    """``"ctrl+e"`` → ``"Ctrl+E"``; ``"f1"`` → ``"F1"``; ``"delete"`` → ``"Delete"``."""
    *mods, base = key.split("+")
    words = [content.text("keys", f"name.{m}", lang) if content.has("keys", f"name.{m}")
             else m.title() for m in mods]
    if content.has("keys", f"name.{base}"):
        words.append(content.text("keys", f"name.{base}", lang))
    elif len(base) == 1 or (base[:1] == "f" and base[1:].isdigit()):
        words.append(base.upper())
    else:
        words.append(base.title())
    return "+".join(words)
