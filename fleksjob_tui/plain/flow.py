"""The wizard's steps and their questions as data, without Textual: what the plain conversation
(:mod:`fleksjob_tui.plain`) walks through.

Each step lists its questions in the order its pane composes them (``screens/<step>.py``), with

* ``kind`` — ``answer`` (Ja/Nej/Ved ikke), ``bool`` (Ja/Nej), ``text`` (one line), ``note``
  (free text), ``date``, ``number``, ``integer``, ``items`` (a list of short texts, one a line),
  ``choice`` (one of ``values``, labelled from ``ui.toml`` under ``labels``) or ``participants``;
* ``path`` — where the answer is written: ``table.attr`` of the case (``person.birth_date``), or
  for a measure or a meeting the attribute of the item (``from_``);
* ``qkey`` — the question's key in ``content/questions.toml`` (by default the path);
* ``when`` — when the wizard shows it (e.g. :data:`EMPLOYED`: not for the self-employed).

``tests/tui/test_plain.py`` mounts every wizard step and checks that it composes exactly these
question keys, so the two cannot drift: when a step gains a question, add one line here, e.g.
``number("employment.normal_weekly_hours")``.

``skip`` (plain only) leaves out a question that makes no sense after an earlier answer in the
same item (a period for a measure that was not tried); the wizard shows those fields anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..case.model import MEASURE_RESULTS, MEASURE_STATUSES, SICK_LEAVE, STEP_IDS

Condition = Callable[[Any], bool]


def SELF_EMPLOYED(case) -> bool:  # noqa: N802 - a named condition, read like a constant
    """Only for the self-employed (the wizard's Selvstændig step, their economy questions)."""
    return bool(case.person.self_employed)


def EMPLOYED(case) -> bool:  # noqa: N802
    """Not for the self-employed (LAB § 119 applies to employees only)."""
    return not case.person.self_employed


def OTHER_MEASURE(measure) -> bool:  # noqa: N802
    return measure.id == "other"


def CATALOGUE_MEASURE(measure) -> bool:  # noqa: N802
    return measure.id != "other"


def MEASURE_NOT_ACTIVE(measure) -> bool:  # noqa: N802
    """A measure not tried, not relevant or not answered: no period, result or documentation
    to ask for (only a tried or ongoing measure counts, LAB § 116, stk. 3)."""
    return not measure.active


def NOT_APPROVED(measure) -> bool:  # noqa: N802
    """No approval to date: the measure was not tried, or the municipality did not approve it
    (or it is not known), and no date was written before."""
    return not measure.active or (measure.approved_by_municipality != "yes"
                                  and measure.approved_on is None)


@dataclass(frozen=True, slots=True)
class Field:
    kind: str
    path: str
    qkey: str
    when: Condition | None = None
    skip: Condition | None = None
    values: tuple[Any, ...] = ()
    labels: str = ""
    #: A date that cannot be after the day of the check (a birth date).
    not_future: bool = False
    #: Filled in when the case is made (the title): not a sign of where the person got to.
    prefilled: bool = False

    @property
    def table(self) -> str:
        return self.path.split(".", 1)[0] if "." in self.path else ""

    @property
    def attr(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    def target(self, obj):
        """The pydantic table the answer is written into (``obj`` is the case or an item)."""
        return getattr(obj, self.table) if self.table else obj

    def get(self, obj):
        return getattr(self.target(obj), self.attr)

    def shown(self, obj) -> bool:
        return self.when is None or bool(self.when(obj))


def _f(kind: str, path: str, qkey: str | None = None, **kw) -> Field:
    return Field(kind, path, qkey or path, **kw)


def answer(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("answer", path, qkey, **kw)


def boolean(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("bool", path, qkey, **kw)


def text(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("text", path, qkey, **kw)


def note(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("note", path, qkey, **kw)


def date(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("date", path, qkey, **kw)


def number(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("number", path, qkey, **kw)


def integer(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("integer", path, qkey, **kw)


def items(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("items", path, qkey, **kw)


def choice(path: str, values: tuple, labels: str, qkey: str | None = None, **kw) -> Field:
    return _f("choice", path, qkey, values=values, labels=labels, **kw)


def participants(path: str, qkey: str | None = None, **kw) -> Field:
    return _f("participants", path, qkey, **kw)


# ── The steps, in the wizard's order (model.STEP_IDS) ─────────────────────────────────────────
#: step id → its questions, as the step's pane composes them. ``measures`` and ``meetings`` are
#: lists of items (see MEASURE and MEETING); ``summary`` has no questions.
STEPS: dict[str, tuple[Field, ...]] = {
    "person": (
        text("case.title", prefilled=True),
        text("person.name"),
        date("person.birth_date", not_future=True),
        text("person.home_municipality"),
        boolean("person.self_employed"),
        answer("person.receives_disability_pension"),
        answer("person.disability_pension_claim_pending"),
        choice("person.sick_leave", SICK_LEAVE, "sick_leave"),
        text("person.full_name"),  # last: only the municipality's version shows it
    ),
    "employment": (
        text("employment.employer", when=EMPLOYED),
        text("employment.workplace", when=EMPLOYED),
        text("employment.job_title", when=EMPLOYED),
        number("employment.normal_weekly_hours", when=EMPLOYED),
        number("employment.current_weekly_hours", when=EMPLOYED),
        text("employment.collective_agreement", when=EMPLOYED),
        answer("employment.has_social_chapter", when=EMPLOYED),
        date("employment.special_terms_start", when=EMPLOYED),
        text("people.manager", when=EMPLOYED),
        text("people.union_rep", when=EMPLOYED),
        text("people.union", when=EMPLOYED),
        text("people.hr", when=EMPLOYED),
        text("sender.name", when=EMPLOYED),
        text("sender.contact_name", when=EMPLOYED),
        text("sender.contact_phone", when=EMPLOYED),
        text("sender.contact_email", when=EMPLOYED),
    ),
    "checklist": (
        answer("agreement.written", when=EMPLOYED),
        date("agreement.signed_on", when=EMPLOYED),
        items("agreement.difficult_functions", when=EMPLOYED),
        items("agreement.accommodations", when=EMPLOYED),
        answer("agreement.attempt_documented", when=EMPLOYED),
        answer("contacts.hr", when=EMPLOYED),
        answer("contacts.home_municipality"),
        answer("contacts.union", when=EMPLOYED),
    ),
    "measures": (),
    "eligibility": (
        answer("eligibility.capacity_reduced", when=EMPLOYED),
        answer("eligibility.capacity_reduced", "eligibility.capacity_reduced_self",
               when=SELF_EMPLOYED),
        answer("eligibility.capacity_assessed"),
        answer("eligibility.medical_documentation"),
        answer("eligibility.relocation_retraining_examined", when=EMPLOYED),
        answer("eligibility.acute_injury", when=EMPLOYED),
        answer("eligibility.retention_pointless", when=EMPLOYED),
        answer("eligibility.progressive_disease", when=EMPLOYED),
        text("eligibility.medical_source"),
        date("eligibility.medical_date", not_future=True),
        date("flexjob.start"),
    ),
    "self_employment": (
        answer("self_employment.main_occupation"),
        integer("self_employment.months_30h_last_24"),
        answer("self_employment.benefit_periods"),
        answer("self_employment.first_grant"),
        answer("self_employment.excluded_benefits"),
        text("sender.contact_phone", "sender.contact_phone_self"),
        text("sender.contact_email", "sender.contact_email_self"),
    ),
    "meetings": (date("follow_up.next_meeting"),),
    "economy": (
        number("economy.business_income", when=SELF_EMPLOYED),
        number("economy.hourly_wage", when=EMPLOYED),
        number("economy.paid_hours_per_week", when=EMPLOYED),
        number("economy.full_time_monthly_wage", when=EMPLOYED),
        integer("economy.year"),
    ),
    "summary": (),
}

#: The questions of one measure (the wizard's measure editor), on the measure itself.
MEASURE: tuple[Field, ...] = (
    text("title", "measure.title", when=OTHER_MEASURE),
    choice("status", MEASURE_STATUSES, "measure_status", "measure.status"),
    date("from_", "measure.from", skip=MEASURE_NOT_ACTIVE),
    date("to", "measure.to", skip=MEASURE_NOT_ACTIVE),
    choice("result", MEASURE_RESULTS, "measure_result", "measure.result", skip=MEASURE_NOT_ACTIVE),
    answer("documented", "measure.documented", skip=MEASURE_NOT_ACTIVE),
    answer("approved_by_municipality", "measure.approved_by_municipality",
           skip=MEASURE_NOT_ACTIVE),
    date("approved_on", "measure.approved_on", skip=NOT_APPROVED),
    note("note", "measure.note"),
)

#: The questions of one meeting (the wizard's meeting editor), on the meeting itself.
MEETING: tuple[Field, ...] = (
    date("date", "meeting.date"),
    participants("participants", "meeting.participants"),
    note("summary", "meeting.summary"),
    note("agreed", "meeting.agreed"),
)

#: Steps that are a list of items rather than questions.
LIST_STEPS: frozenset[str] = frozenset({"measures", "meetings"})

#: Steps the wizard shows only when the condition holds.
STEP_WHEN: dict[str, Condition] = {"self_employment": SELF_EMPLOYED}

assert tuple(STEPS) == STEP_IDS, "flow.STEPS must list the wizard's steps in model.STEP_IDS order"


def visible_steps(case) -> list[str]:
    """The steps the wizard shows for ``case``, in order (as WizardScreen.visible_steps)."""
    return [s for s in STEP_IDS if s not in STEP_WHEN or STEP_WHEN[s](case)]


def fields(step: str, case) -> list[Field]:
    """The questions of ``step`` the wizard shows for ``case``, in order."""
    return [f for f in STEPS[step] if f.shown(case)]


def item_fields(item_fields: tuple[Field, ...], item) -> list[Field]:
    """The questions of a measure or meeting the wizard's editor shows for ``item``."""
    return [f for f in item_fields if f.shown(item)]


def question_keys(step: str, case) -> list[str]:
    return [f.qkey for f in fields(step, case)]
