"""One notation for keys on the screen: "Ctrl+E", "F1", "Delete", "Esc" (not Textual's "^e",
"f1", "del"). The footer, the hints and the help all write keys this way."""

from __future__ import annotations

from textual.binding import Binding

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


#: The keys the help and the hints name, by the names the texts use: (name, terminal key,
#: action). Shown as the footer shows them — in a browser the keys that reach the page.
NAMED_KEYS = [("next", "ctrl+n", "next"), ("back", "ctrl+b", "back"),
              ("steps", "ctrl+l", "toggle_steps"), ("quit", "ctrl+q", "quit"),
              ("export", "ctrl+e", "export")]


def key_names(app) -> dict[str, str]:
    """The keys help texts and hints name ({next}, {quit} …), as the app's footer shows them."""
    return {name: app.get_key_display(Binding(key, action, ""))
            for name, key, action in NAMED_KEYS}
