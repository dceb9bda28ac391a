"""The result types of the rules engine. Plain frozen dataclasses: cheap to build, no Textual."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .law import law_basis

if TYPE_CHECKING:
    from .subsidy import SelfEmployedEstimate, SubsidyEstimate

Severity = Literal["blocker", "missing", "advice"]
Responsible = Literal["employee", "manager", "union_rep", "municipality", "doctor"]
Status = Literal["ready", "waiting", "missing", "not_eligible"]
Exemption = Literal["senior", "acute_injury", "progressive_disease", "self_employed"]
#: A step's state in the step list: ``waiting`` = only time is needed there (the twelve months);
#: ``municipality`` = only what the municipality will assess once contacted.
StepState = Literal["complete", "missing", "blocker", "waiting", "municipality"]
#: The group every output shows a finding in (RULES.md section 7): ``blocker`` (severity
#: blocker), ``waiting`` (only needs time), ``municipality`` (the municipality assesses or
#: decides), ``act`` (someone at the workplace must act), ``advice`` (any other advice).
Group = Literal["blocker", "act", "waiting", "municipality", "advice"]
GROUP_ORDER: tuple[str, ...] = ("blocker", "act", "waiting", "municipality", "advice")

#: The findings that only need time: the case waits for them (status ``waiting``).
WAITING_IDS: frozenset[str] = frozenset({"twelve_months_not_met"})


def finding_group(fid: str, severity: str, responsible: str) -> str:
    """A finding's group (RULES.md section 7), in this order of precedence."""
    if severity == "blocker":
        return "blocker"
    if fid in WAITING_IDS:
        return "waiting"
    if responsible == "municipality":
        return "municipality"
    if severity == "missing":
        return "act"
    return "advice"

RESPONSIBLE_ORDER: tuple[str, ...] = ("employee", "manager", "union_rep", "municipality", "doctor")
SEVERITY_ORDER: tuple[str, ...] = ("blocker", "missing", "advice")


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    severity: Severity
    responsible: Responsible
    message: str  # in the case's language
    reference: str  # e.g. "LAB § 119, stk. 2"
    step: str  # the wizard step (model.STEP_IDS) where the user can act on it
    due: dt.date | None = None  # by when it should be in place (RULES.md section 7), or None

    @property
    def group(self) -> Group:
        """blocker / act / waiting / municipality / advice: the group every output uses."""
        return finding_group(self.id, self.severity, self.responsible)  # type: ignore[return-value]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "severity": self.severity,
            "responsible": self.responsible,
            "group": self.group,
            "message": self.message,
            "reference": self.reference,
            "due": self.due.isoformat() if self.due else None,
        }


@dataclass(frozen=True, slots=True)
class Pension:
    years: int
    months: int
    date: dt.date  # the state pension date (folkepensionsdato)
    six_year_mark: dt.date  # pension date − 6 years: from this day the 12-month rule no longer applies
    reference: str

    def to_json(self) -> dict:
        return {
            "years": self.years,
            "months": self.months,
            "date": self.date.isoformat(),
            "six_year_mark": self.six_year_mark.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class TwelveMonths:
    applies: bool
    exemption: Exemption | None
    start: dt.date | None
    met_on: dt.date | None
    met: bool | None  # None when there is no start date

    def to_json(self) -> dict:
        return {
            "applies": self.applies,
            "exemption": self.exemption,
            "start": self.start.isoformat() if self.start else None,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "met": self.met,
        }


@dataclass(frozen=True, slots=True)
class FlexJobDates:
    """LAB §§ 120-121: granted for 5 years; follow-up after 2½ years; status after 4½ years.

    A flex job is only for a person under the state pension age (LAB § 116, stk. 1): no date on
    or after the pension date is a flex-job date (RULES.md section 4). ``follow_up`` and
    ``status`` are None when they would fall on or after it; ``end`` is the earlier of start + 5
    years and the pension date, and ``ends_at_pension`` says the pension date came first.
    """

    start: dt.date
    follow_up: dt.date | None
    status: dt.date | None
    end: dt.date
    ends_at_pension: bool = False

    def to_json(self) -> dict:
        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day is not None else None

        return {
            "start": iso(self.start),
            "follow_up": iso(self.follow_up),
            "status": iso(self.status),
            "end": iso(self.end),
            "ends_at_pension": self.ends_at_pension,
        }


@dataclass(frozen=True, slots=True)
class CaseEstimate:
    """The wage-subsidy estimate of the case's ``[economy]`` table (rules/economy.py), computed
    once by ``assess``; every output words it from here (fleksjob_tui/view/estimate.py).

    Exactly one of ``result`` (the estimate), ``unknown_year`` (no figures for that year: the
    year and the years that have them) or ``error`` (a number out of range, in both languages)
    is set, or none of them when the numbers are missing.
    """

    year: int  # the year used: economy.year, else the as-of year or the newest before it
    today: int  # the year asked for: economy.year, else the as-of year
    defaulted: bool  # True when the year asked for had no figures and another year was used
    self_employed: bool
    result: SubsidyEstimate | SelfEmployedEstimate | None = None
    unknown_year: tuple[int, tuple[int, ...]] | None = None
    error: str | None = None

    @property
    def missing(self) -> bool:
        """The numbers needed are not filled in."""
        return self.result is None and self.unknown_year is None and self.error is None


@dataclass(frozen=True, slots=True)
class Assessment:
    as_of: dt.date
    language: str
    status: Status
    pension: Pension | None
    twelve_months: TwelveMonths
    findings: tuple[Finding, ...]
    turns_40: dt.date | None = None  # the day the person turns 40 (LAB § 120, stk. 2)
    flexjob: FlexJobDates | None = None
    step_states: dict[str, StepState] = field(default_factory=dict)
    #: The subsidy estimate of the case (not in ``to_json``: ``fleksjob tilskud --json`` has it).
    estimate: CaseEstimate | None = None
    #: Six years or less to the state pension date on ``as_of``: the 12-month rule no longer
    #: applies (LAB § 119, stk. 1). None without a pension date.
    six_years_or_less: bool | None = None

    def by_severity(self, severity: str) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    def by_responsible(self) -> dict[str, list[Finding]]:
        """Findings grouped by who should act, in RESPONSIBLE_ORDER, empty groups left out."""
        groups: dict[str, list[Finding]] = {}
        for who in RESPONSIBLE_ORDER:
            items = [f for f in self.findings if f.responsible == who]
            if items:
                groups[who] = items
        return groups

    def group_counts(self) -> dict[str, int]:
        """How many findings each group holds, every group named (RULES.md section 7)."""
        counts = dict.fromkeys(GROUP_ORDER, 0)
        for f in self.findings:
            counts[f.group] += 1
        return counts

    def step_state(self, step: str) -> StepState:
        return self.step_states.get(step, "complete")

    def to_json(self) -> dict:
        """The shape of ``fleksjob check --json`` (keys may be added, never renamed)."""
        return {
            "schema": 1,
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "pension": self.pension.to_json() if self.pension else None,
            "twelve_months": self.twelve_months.to_json(),
            "findings": [f.to_json() for f in self.findings],
            "turns_40": self.turns_40.isoformat() if self.turns_40 else None,
            "flexjob": self.flexjob.to_json() if self.flexjob else None,
            "counts": self.group_counts(),
            "law": law_basis().to_json(self.as_of),
        }
