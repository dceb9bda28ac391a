"""The law the rules were last checked against (``content/parameters.toml`` table ``law``).

RULES.md section 3: every reference names the law as it stood on ``checked_on``; after
``valid_to`` the product says, in one plain sentence, that the law may have changed (a new
act was expected from 1 January 2027, paragraph numbers may have changed) and that the
municipality has the last word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from .. import content


@dataclass(frozen=True, slots=True)
class LawBasis:
    checked_on: dt.date
    valid_to: dt.date
    act: str
    amendments: tuple[str, ...]
    name: dict  # a text entry {da, en}

    def name_in(self, lang: str) -> str:
        return content.pick(self.name, lang)

    def outdated(self, as_of: dt.date) -> bool:
        """True after ``valid_to``: the law may have changed since it was checked."""
        return as_of > self.valid_to

    def to_json(self, as_of: dt.date | None = None) -> dict:
        """``{act, amendments, checked_on, valid_to}``, and ``outdated`` given the day of the
        check (``check --json``'s ``law`` object, RULES.md section 3)."""
        out = {
            "act": self.act,
            "amendments": list(self.amendments),
            "checked_on": self.checked_on.isoformat(),
            "valid_to": self.valid_to.isoformat(),
        }
        if as_of is not None:
            out["outdated"] = self.outdated(as_of)
        return out


@cache
def law_basis() -> LawBasis:
    raw = content.load("parameters")["law"]
    return LawBasis(
        checked_on=raw["checked_on"],
        valid_to=raw["valid_to"],
        act=str(raw["act"]),
        amendments=tuple(raw.get("amendments", ())),
        name=dict(raw["name"]),
    )
