"""Who is filling in the case: the employee, a union representative or a manager.

The wording of the questions adapts ("du" to the employee); the rules do not.
"""

from __future__ import annotations

from ... import content
from ...case.model import ROLES
from .editor import PickScreen


class RoleScreen(PickScreen):
    def __init__(self, lang: str) -> None:
        super().__init__(
            content.ui("role.question", lang),
            [(r, content.ui(f"role.{r}", lang)) for r in ROLES],
            content.ui("role.hint", lang),
            lang,
            # the plain conversation's letters (m, t, l): every label begins "Jeg er …"
            letters=[content.text("plain", f"role.letter.{r}", lang) for r in ROLES],
        )
