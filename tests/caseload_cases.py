"""A union representative's folder of generated cases (issue 25): every status, dates on both
sides of AS_OF, a file that cannot be read, a case without dates. Used by
tests/unit/test_caseload.py and tests/unit/test_cli_caseload.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from case_builders import ready_case

from fleksjob_tui.case import storage
from fleksjob_tui.case.model import Case

AS_OF = dt.date(2026, 11, 22)
D = dt.date


def _save(folder: Path, name: str, case: Case, title: str, minute: int) -> None:
    case.case.title = title
    case.case.updated = dt.datetime(2026, 11, 1, 12, minute, tzinfo=dt.UTC)
    storage.save_case(case, folder / name, touch=False, backup=False)


def make_folder(folder: Path) -> Path:
    """Eight files; ``EXPECTED`` is their order on AS_OF with the next step of each."""
    c = ready_case()
    _save(folder, "klar.toml", c, "Klar sag", 1)
    c = ready_case()
    c.employment.special_terms_start = D(2026, 6, 1)
    _save(folder, "venter.toml", c, "Venter", 2)
    c = ready_case()
    c.employment.special_terms_start = D(2026, 3, 1)
    c.agreement.attempt_documented = "no"  # due when the twelve months are reached (§ 7)
    _save(folder, "frist.toml", c, "Mangler aftale", 3)
    c = Case.new(role="union_rep")
    _save(folder, "ny.toml", c, "Ny sag", 4)
    c = ready_case()
    c.eligibility.capacity_reduced = "no"
    _save(folder, "spaerrer.toml", c, "Spærrer", 5)
    c = ready_case()
    c.follow_up.next_meeting = D(2026, 11, 15)
    _save(folder, "moede-forbi.toml", c, "Møde forbi", 6)
    c = ready_case()
    c.employment.special_terms_start = D(2026, 6, 1)
    c.follow_up.next_meeting = D(2026, 12, 1)
    _save(folder, "moede-snart.toml", c, "Møde snart", 7)
    (folder / "ulaeselig.toml").write_text("[case\ntitle = 'x'\n", encoding="utf-8")
    return folder


#: (file, status, next date, what, who) in the caseload's order on AS_OF.
EXPECTED = [
    ("moede-forbi.toml", "ready", "2026-11-15", "meeting", "all"),
    ("ny.toml", "missing", None, "asap", "manager"),
    ("klar.toml", "ready", None, "contact", "employee"),
    ("moede-snart.toml", "waiting", "2026-12-01", "meeting", "all"),
    ("frist.toml", "missing", "2027-03-01", "due", "manager"),
    ("venter.toml", "waiting", "2027-06-01", "municipality", "employee"),
    ("spaerrer.toml", "not_eligible", None, "none", None),
    ("ulaeselig.toml", None, None, None, None),
]
