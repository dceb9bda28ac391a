"""Key descriptions in the user's language.

Textual reads ``BINDINGS`` once per class. Our bindings carry a content key ("key.next") as their
description; ``localize_bindings`` swaps it for the text in the app's language on each instance,
so the footer speaks Danish or English.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from ... import content


def localize_bindings(node: DOMNode, lang: str) -> None:
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=content.ui(b.description, lang))
            if b.description.startswith("key.")
            else b
            for b in bindings
        ]
