"""A date field: typed the Danish way, or "ved ikke" / "?" for a date the person does not know,
which the case records (``case.unknown_dates``) so that the plan says who can find the date."""

from __future__ import annotations

from typing import Any

from ... import content
from ...case.dates import DateError, format_date, means_not_known, parse_date
from ...case.model import DATE_KEYS
from .fields import TypedInputField
from .messages import FieldChanged


class DateField(TypedInputField):
    """A date typed the Danish way (22-11-2026, 22.11.2026) or as 2026-11-22."""

    def __init__(self, target, attr, qkey, *, latest=None, **kw) -> None:
        #: The latest date that makes sense here (a birth date is not in the future).
        self.latest = latest
        super().__init__(target, attr, qkey, **kw)

    def shown(self) -> str:
        return format_date(self.value, self.lang) if self.value else ""

    def placeholder(self) -> str:
        return content.ui("field.date_placeholder", self.lang)

    def read(self, text: str) -> tuple[str | None, Any]:
        if means_not_known(text):  # "ved ikke", "?": no date (the plan says who finds it)
            return None, None
        try:
            parsed = parse_date(text, self.lang)
        except DateError as err:
            return err.message(self.lang), None
        if self.latest is not None and parsed > self.latest:
            date = format_date(parsed, self.lang)
            return content.ui("field.date_too_late", self.lang, date=date), None
        return None, parsed

    #: The last answer was "ved ikke" / "?" (read by the step: WizardScreen.on_field_changed).
    not_known = False
    _told = False  # what the step was last told, when the date itself did not change

    def _check(self, text: str, final: bool) -> bool:
        self.not_known = means_not_known(text.strip())
        written = super()._check(text, final)
        if written and final and self._told != self.not_known and self.value is None \
                and self.qkey in DATE_KEYS:  # no date before or after: said to the step still
            self.post_message(FieldChanged(self))
        if written and final:
            self._told = self.not_known
        return written
