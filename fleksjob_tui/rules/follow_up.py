"""Follow-up meetings during the twelve months: a gap of more than four months.

Practice, not law: LAB § 119, stk. 2 asks for the written agreement, not for meetings. But the
municipalities ask for written follow-up that shows a continuing dialogue over the twelve
months, so the engine gives the advice ``meetings_far_apart`` when more than four months pass
between two logged meetings while the twelve months run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .pension import add_months

#: More than this many months between two logged follow-up meetings is a gap (practice).
GAP_MONTHS = 4


def follow_up_gap(days: Iterable[dt.date | None], start: dt.date | None,
                  met_on: dt.date | None, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first two consecutive meetings (held by ``as_of``) more than four months apart whose
    interval lies at least partly in the twelve months (``start`` to ``met_on``); else None."""
    if start is None:
        return None
    held = sorted({d for d in days if d is not None and d <= as_of})
    end = met_on or as_of
    for before, after in zip(held, held[1:], strict=False):
        if after > start and before < end and add_months(before, months=GAP_MONTHS) < after:
            return before, after
    return None
