"""The case: the one schema of the TOML case file (version 1).

Every field is optional except ``schema_version`` so that a half-filled case saves and loads.
``None`` means "not answered yet"; the answer ``"unknown"`` means the user said "don't know".
Unknown keys are refused (``extra="forbid"``) so that a typo in a hand-edited file is reported.

This module imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import MAX_DATE, MIN_DATE

SCHEMA_VERSION = 1

# Every value of the file format has one type, checked strictly (issue 22): a date is a TOML
# date (not 0, not "2026-11-22" in quotes), a number is a number (not true), a yes/no is true or
# false (not "yes"). And a date lies in the years the rules can compute with (MIN_DATE..MAX_DATE,
# see case/dates.py): 31-12-9999 + a pension age or a follow-up interval does not exist.


def _date_in_range(value: dt.date) -> dt.date:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise PydanticCustomError(
            "date_out_of_range", "the date must lie between {min} and {max}",
            {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()})
    return value


def _moment_in_range(value: dt.datetime) -> dt.datetime:
    """A moment has its time zone (docs/case-format.md: ``2026-11-22T10:15:00Z``) and lies in
    range as UTC: ``0001-01-01T00:00:00+23:59`` is before year 1, not in it (issue 22)."""
    if value.utcoffset() is None:
        raise PydanticCustomError("datetime_no_offset", "the time must have a time zone (Z)")
    try:
        utc = value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not MIN_DATE <= utc.date() <= MAX_DATE:
        raise PydanticCustomError(
            "date_out_of_range", "the date must lie between {min} and {max}",
            {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()})
    return utc


Date = Annotated[dt.date, Strict(), AfterValidator(_date_in_range)]
DateTime = Annotated[dt.datetime, Strict(), AfterValidator(_moment_in_range)]
Text = Annotated[str, Strict()]
Number = Annotated[float, Strict(), AllowInfNan(False)]  # a TOML integer is a number too
WholeNumber = Annotated[int, Strict()]
YesNo = Annotated[bool, Strict()]

Answer = Literal["yes", "no", "unknown"]
#: ``person.sick_leave`` (RULES.md section 3): on sick leave now, fully or partly.
SickLeave = Literal["yes", "partly", "no", "unknown"]
Role = Literal["employee", "union_rep", "manager"]
Language = Literal["da", "en"]
#: The case's dates a person may answer "ved ikke" (the question's key): the plan then says who
#: can find the date and by when (rules/unknown_dates.py).
DateKey = Literal["person.birth_date", "employment.special_terms_start", "agreement.signed_on",
                  "flexjob.start", "follow_up.next_meeting"]
DATE_KEYS: tuple[str, ...] = DateKey.__args__
MeasureStatus = Literal["not_tried", "tried", "ongoing", "not_relevant"]
MeasureResult = Literal["helped", "partly", "not_helped", "unknown"]
Participant = Literal["employee", "manager", "union_rep", "hr", "municipality", "doctor", "other"]

ROLES: tuple[str, ...] = ("employee", "union_rep", "manager")
ANSWERS: tuple[str, ...] = ("yes", "no", "unknown")
SICK_LEAVE: tuple[str, ...] = ("yes", "partly", "no", "unknown")
MEASURE_STATUSES: tuple[str, ...] = ("not_tried", "tried", "ongoing", "not_relevant")
MEASURE_RESULTS: tuple[str, ...] = ("helped", "partly", "not_helped", "unknown")
PARTICIPANTS: tuple[str, ...] = (
    "employee", "manager", "union_rep", "hr", "municipality", "doctor", "other",
)

#: Measure catalogue ids, in the order of seed 000's list. The texts live in content/measures.toml.
MEASURE_IDS: tuple[str, ...] = (
    "changed_rota",
    "reduced_hours",
    "changed_tasks",
    "changed_workday",
    "workplace_adaptation",
    "relocation",
    "treatment_support",
    "jobcenter_support",
    "increased_absence",
    "aids",
    "room_adaptation",
)
MeasureId = Literal[
    "changed_rota",
    "reduced_hours",
    "changed_tasks",
    "changed_workday",
    "workplace_adaptation",
    "relocation",
    "treatment_support",
    "jobcenter_support",
    "increased_absence",
    "aids",
    "room_adaptation",
    "other",
]

#: The wizard's steps, in order. Stored in ``case.last_step`` so a reopened case resumes there.
STEP_IDS: tuple[str, ...] = (
    "person",
    "employment",
    "checklist",
    "measures",
    "eligibility",
    "self_employment",
    "meetings",
    "economy",
    "summary",
)
StepId = Literal[
    "person",
    "employment",
    "checklist",
    "measures",
    "eligibility",
    "self_employment",
    "meetings",
    "economy",
    "summary",
]


class _Table(BaseModel):
    """Base of every table: unknown keys are errors, assignment is validated."""

    # defer_build: a table's validator is built when first used, not at import (the command
    # line starts ~60 ms sooner; see benchmarks/run.py).
    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True,
                              defer_build=True)

    def __setattr__(self, name: str, value) -> None:
        # pydantic keeps an assigned value when a rule between fields (an "after" validator:
        # a measure's "to" before its "from") refuses it, and the model then holds what the
        # model itself refuses on load (issue 22). A refused assignment changes nothing.
        before = dict(self.__dict__)
        fields_set = set(self.__pydantic_fields_set__)
        try:
            super().__setattr__(name, value)
        except ValueError:  # pydantic's ValidationError is a ValueError
            object.__setattr__(self, "__dict__", before)
            object.__setattr__(self, "__pydantic_fields_set__", fields_set)
            raise


def new_case_id() -> str:
    """A new identifier for a case (a random UUID): made when a case is created or saved as a
    copy, kept in the file. The calendar's event ids come from it, so a copy's events never
    overwrite the first case's, and a new title or file name changes nothing."""
    return str(uuid.uuid4())


class CaseInfo(_Table):
    # The case's identifier (new_case_id); an old file without one gets one on its first save.
    id: Text | None = None
    title: Text | None = None
    role: Role | None = None
    language: Language | None = None
    created: DateTime | None = None
    updated: DateTime | None = None
    last_step: StepId | None = None
    # Dates answered "ved ikke" / "?" (not the same as not answered yet): DATE_KEYS.
    unknown_dates: list[DateKey] = Field(default_factory=list)


class Person(_Table):
    name: Text | None = None  # initials are enough: shown in every document
    # The full name, only for the municipality's version (the municipality finds the employee by
    # full name and birth date; never a CPR number).
    full_name: Text | None = None
    birth_date: Date | None = None
    home_municipality: Text | None = None
    self_employed: YesNo | None = None
    receives_disability_pension: Answer | None = None
    disability_pension_claim_pending: Answer | None = None
    # RULES.md section 3: on sick leave now (sygedagpengeloven § 13 f words the contact advice)
    sick_leave: SickLeave | None = None


class Employment(_Table):
    employer: Text | None = None
    workplace: Text | None = None
    job_title: Text | None = None
    collective_agreement: Text | None = None
    has_social_chapter: Answer | None = None
    special_terms_start: Date | None = None
    # Hours a week: before the trouble began (normal) and now (current), e.g. 37 → 25.
    normal_weekly_hours: Number | None = Field(default=None, ge=0, le=80)
    current_weekly_hours: Number | None = Field(default=None, ge=0, le=80)


class People(_Table):
    """The people around the case, by name only (no phone numbers or addresses are needed)."""

    manager: Text | None = None
    union_rep: Text | None = None
    union: Text | None = None  # the union representative's union
    hr: Text | None = None  # an HR contact


class Sender(_Table):
    """Who sends the municipality's version, and whom the caseworker contacts at the workplace
    (name, phone and e-mail at work). Only the municipality's version shows them; without them
    it names the manager (or HR) from ``[people]``, or leaves a line to write on."""

    name: Text | None = None  # who sends it, e.g. "Åse Ørsted, afdelingsleder"
    contact_name: Text | None = None
    contact_phone: Text | None = None
    contact_email: Text | None = None


class Agreement(_Table):
    written: Answer | None = None
    signed_on: Date | None = None
    difficult_functions: list[Text] = Field(default_factory=list)
    accommodations: list[Text] = Field(default_factory=list)
    attempt_documented: Answer | None = None


class Eligibility(_Table):
    capacity_reduced: Answer | None = None
    capacity_assessed: Answer | None = None
    relocation_retraining_examined: Answer | None = None
    acute_injury: Answer | None = None
    retention_pointless: Answer | None = None
    progressive_disease: Answer | None = None
    # RULES.md section 3: medical evidence that the limits are lasting (LAB § 118, stk. 2, nr. 3)
    medical_documentation: Answer | None = None
    # Where that evidence comes from (e.g. "egen læge", "speciallæge i reumatologi") and its date:
    # the municipality's version names the statement (and lists it as an attachment) only then.
    medical_source: Text | None = None
    medical_date: Date | None = None


class SelfEmployment(_Table):
    main_occupation: Answer | None = None
    months_30h_last_24: WholeNumber | None = Field(default=None, ge=0, le=24)
    # BEK nr. 1794/2025 § 1, stk. 2: periods with sickness/maternity benefit etc. extend the window
    benefit_periods: Answer | None = None
    # BEK nr. 1794/2025 § 1, stk. 1, nr. 5: the 30-hour rule only before the first grant
    first_grant: Answer | None = None
    # BEK nr. 1794/2025 § 1, stk. 1, nr. 6: delpension, efterløn, fleksydelse or former § 73 j
    excluded_benefits: Answer | None = None


class Contacts(_Table):
    hr: Answer | None = None
    home_municipality: Answer | None = None
    # Retired by lov nr. 1750/2025 (the law says "kommunen"): still read from old files, never asked.
    jobcenter: Answer | None = None
    union: Answer | None = None


class FlexJob(_Table):
    start: Date | None = None


class Measure(_Table):
    id: MeasureId
    title: Text | None = None
    status: MeasureStatus | None = None
    from_: Date | None = Field(default=None, alias="from")
    to: Date | None = None
    result: MeasureResult | None = None
    documented: Answer | None = None
    # An agreement in force (e.g. a § 56 agreement) approved by the municipality, and when.
    approved_by_municipality: Answer | None = None
    approved_on: Date | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _check(self) -> Measure:
        if self.id == "other" and not (self.title and self.title.strip()):
            raise ValueError("a measure with id 'other' needs a title")
        if self.from_ and self.to and self.to < self.from_:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self

    @property
    def active(self) -> bool:
        """Tried or ongoing: counts as a measure that has been tried (LAB § 116, stk. 3)."""
        return self.status in ("tried", "ongoing")


class Meeting(_Table):
    date: Date | None = None
    participants: list[Participant] = Field(default_factory=list)
    summary: Text | None = None
    agreed: Text | None = None


class FollowUp(_Table):
    """The next planned follow-up meeting."""

    next_meeting: Date | None = None


class Economy(_Table):
    hourly_wage: Number | None = Field(default=None, ge=0, le=10_000)
    paid_hours_per_week: Number | None = Field(default=None, ge=0, le=80)
    full_time_monthly_wage: Number | None = Field(default=None, ge=0, le=1_000_000)
    year: WholeNumber | None = Field(default=None, ge=2000, le=2100)
    business_income: Number | None = Field(default=None, ge=0, le=100_000_000)


class Case(_Table):
    schema_version: WholeNumber
    case: CaseInfo = Field(default_factory=CaseInfo)
    person: Person = Field(default_factory=Person)
    employment: Employment = Field(default_factory=Employment)
    people: People = Field(default_factory=People)
    sender: Sender = Field(default_factory=Sender)
    agreement: Agreement = Field(default_factory=Agreement)
    eligibility: Eligibility = Field(default_factory=Eligibility)
    self_employment: SelfEmployment = Field(default_factory=SelfEmployment)
    contacts: Contacts = Field(default_factory=Contacts)
    flexjob: FlexJob = Field(default_factory=FlexJob)
    measures: list[Measure] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    follow_up: FollowUp = Field(default_factory=FollowUp)
    economy: Economy = Field(default_factory=Economy)

    @classmethod
    def new(cls, role: str | None = None, language: str = "da", title: str | None = None) -> Case:
        return cls(
            schema_version=SCHEMA_VERSION,
            case=CaseInfo(id=new_case_id(), role=role, language=language, title=title),
        )

    @property
    def language(self) -> str:
        return self.case.language or "da"

    @property
    def role(self) -> str:
        return self.case.role or "employee"

    def to_toml_dict(self) -> dict:
        """The plain dict written to TOML: no ``None`` values, no empty tables or lists."""
        raw = self.model_dump(mode="python", by_alias=True, exclude_none=True)
        return _prune(raw)

    def answers(self) -> dict:
        """What the case says, without the bookkeeping that changes by merely opening it
        (``case.updated``, ``case.last_step``) nor its identifier (``case.id``, given to an old
        file on its first save): two versions with equal answers are the same."""
        data = self.to_toml_dict()
        info = data.get("case", {})
        info.pop("updated", None)
        info.pop("last_step", None)
        info.pop("id", None)
        return data

    def measure(self, measure_id: str) -> Measure | None:
        """The first measure with a catalogue id, or None."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        return None


def _prune(value):
    """Drop empty tables and empty lists so the file holds only what was answered."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = _prune(v)
            if v == {} or v == []:
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value
