"""Choose one of the example cases shipped with the program (opened read-only)."""

from __future__ import annotations

from ... import content
from ...case import examples as example_cases
from .editor import PickScreen


class ExampleScreen(PickScreen):
    def __init__(self, lang: str) -> None:
        super().__init__(
            content.ui("examples.question", lang),
            example_cases.available(lang),
            content.ui("examples.hint", lang),
            lang,
        )
