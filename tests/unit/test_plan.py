"""The plan: who does what, by when (issue 21; RULES.md sections 2-7 as changed on 2026-12-06).

Every finding has a ``group`` that every output counts alike; the JSON names the law; the law
changes into 2027; the dates that help; one act, one owner, once.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from case_builders import ready_case

from fleksjob_tui.case import examples
from fleksjob_tui.rules import assess
from fleksjob_tui.rules.types import GROUP_ORDER
from fleksjob_tui.view import build_view
from fleksjob_tui.view.words import counts_line

D = dt.date
AS_OF = D(2026, 3, 1)


def finding(a, fid):
    return next(f for f in a.findings if f.id == fid)


# --- point 4: every finding has a group, and every count counts the groups ----------------------

GROUPS = [
    # (finding id, change to the ready case, expected group)
    ("over_pension_age", lambda c: setattr(c.person, "birth_date", D(1955, 7, 1)), "blocker"),
    ("capacity_not_reduced", lambda c: setattr(c.eligibility, "capacity_reduced", "no"),
     "blocker"),
    ("twelve_months_not_met",
     lambda c: setattr(c.employment, "special_terms_start", D(2025, 6, 1)), "waiting"),
    ("capacity_unclear", lambda c: setattr(c.eligibility, "capacity_reduced", "unknown"),
     "municipality"),
    ("disability_pension_claim_pending",
     lambda c: setattr(c.person, "disability_pension_claim_pending", "yes"), "municipality"),
    ("written_agreement_missing", lambda c: setattr(c.agreement, "written", "no"), "act"),
    ("union_not_involved", lambda c: setattr(c.contacts, "union", "no"), "advice"),
]


@pytest.mark.parametrize(("fid", "change", "group"), GROUPS, ids=[g[0] for g in GROUPS])
def test_each_finding_has_its_group_in_the_model_and_the_json(fid, change, group):
    c = ready_case()
    change(c)
    a = assess(c, AS_OF)
    assert finding(a, fid).group == group
    data = json.loads(json.dumps(a.to_json()))
    assert {f["id"]: f["group"] for f in data["findings"]}[fid] == group
    assert data["counts"][group] >= 1


def _all_outputs():
    for name in examples.names():
        for lang in ("da", "en"):
            for role in ("employee", "manager", "union_rep"):
                case = examples.load(name, lang)
                case.case.role = role
                case.case.language = lang
                yield name, lang, role, case


def test_counts_agree_between_the_json_the_summary_and_the_view():
    as_of = D(2026, 11, 22)
    seen_groups = set()
    for name, lang, role, case in _all_outputs():
        a = assess(case, as_of)
        data = a.to_json()
        counts = data["counts"]
        assert list(counts) == list(GROUP_ORDER)
        assert sum(counts.values()) == len(data["findings"])
        for g in GROUP_ORDER:
            assert counts[g] == sum(1 for f in data["findings"] if f["group"] == g)
        view = build_view(case, a, lang, role)
        assert view.counts == counts_line(a, lang)
        shown = [item.group for grp in view.groups for item in grp.items]
        assert sorted(shown) == sorted(f["group"] for f in data["findings"]), (name, lang, role)
        assert [f.group for f in view.findings] == [f["group"] for f in data["findings"]]
        seen_groups |= {g for g, n in counts.items() if n}
    assert {"act", "waiting", "municipality", "advice"} <= seen_groups


def test_counts_line_counts_the_municipality_group_not_the_advice():
    # disability_pension_claim_pending is advice the municipality acts on: it is shown under
    # "Det vurderer kommunen", and the count line says so (it said "1 råd" before).
    c = ready_case()
    c.person.disability_pension_claim_pending = "yes"
    a = assess(c, AS_OF)
    assert counts_line(a, "da") == "1 ting vurderer kommunen"
    assert a.to_json()["counts"] == {"blocker": 0, "act": 0, "waiting": 0, "municipality": 1,
                                     "advice": 0}


@pytest.mark.parametrize(("as_of", "outdated"), [
    (D(2026, 12, 30), False), (D(2026, 12, 31), False), (D(2027, 1, 1), True),
])
def test_json_law_object_says_whether_as_of_is_past_valid_to(as_of, outdated):
    data = assess(ready_case(), as_of).to_json()
    law = data["law"]
    assert law["checked_on"] == "2026-12-01"
    assert law["valid_to"] == "2026-12-31"
    assert law["act"].startswith("LBK nr. 280")
    assert law["outdated"] is outdated
