"""The calendar: `fleksjob calendar CASE` writes the case's dates as all-day events that parse
with icalendar, with stable ids, and without any health detail (no functions, accommodations,
illness, measures or notes), because calendars are synced to other people's servers."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from fleksjob_tui import content
from fleksjob_tui.case.model import Case, Meeting
from fleksjob_tui.case.storage import dumps_case, load_case
from fleksjob_tui.documents.calendar import build_calendar
from fleksjob_tui.rules import assess
from fleksjob_tui.view import build_view

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))


def case_with_dates() -> Case:
    case = load_case(EXAMPLES / "mangler-dokumentation.toml")
    case.follow_up.next_meeting = dt.date(2027, 1, 14)
    case.meetings.append(Meeting(date=dt.date(2027, 3, 1), participants=["manager"],
                                 summary="Hemmeligt: ryggen er værre", agreed="Mere hvile"))
    case.flexjob.start = dt.date(2026, 2, 1)
    case.measures[0].note = "Diskusprolaps, smertestillende medicin"
    return case


def events(data: bytes) -> dict[str, tuple[dt.date, str, str]]:
    cal = Calendar.from_ical(data)
    out = {}
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("dtstart")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all day
        assert ev.decoded("dtend") == start + dt.timedelta(days=1)
        out[str(ev["uid"])] = (start, str(ev["summary"]), str(ev["description"]))
    return out


def calendar(case: Case, lang: str | None = None, as_of: dt.date = AS_OF, *,
             personal_dates: bool = False) -> bytes:
    data, _ = build_calendar(build_view(case, assess(case, as_of), lang),
                             personal_dates=personal_dates)
    return data


def test_calendar_has_the_dates_that_matter():
    case = case_with_dates()
    a = assess(case, AS_OF)
    # The dates from the birth date only when asked for (test_documents_review: not by default)
    evs = events(calendar(case, personal_dates=True))
    dates = {d for d, _, _ in evs.values()}
    tm, p, fj = a.twelve_months, a.pension, a.flexjob
    assert tm.met_on in dates and p.six_year_mark in dates and p.date in dates
    assert dt.date(2027, 1, 14) in dates and dt.date(2027, 3, 1) in dates  # meetings planned
    assert {fj.follow_up, fj.status, fj.end} <= dates  # 2½, 4½ and 5 years
    for f in a.findings:
        if f.due is not None:
            assert f.due in dates
    title = case.case.title
    for _, summary, description in evs.values():
        assert title not in summary and title not in description  # never the case's title
        assert "LAB" in description or "lov" in description.lower()  # but the reference


def test_calendar_holds_no_health_detail():
    case = case_with_dates()
    case.agreement.difficult_functions = ["Forflytning af borgere", "Nattevagter"]
    case.agreement.accommodations = ["Ingen løft over 5 kg"]
    text = calendar(case).decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    secrets = [*case.agreement.difficult_functions, *case.agreement.accommodations,
               *(m.note for m in case.measures if m.note),
               *(m.summary for m in case.meetings if m.summary),
               *(m.agreed for m in case.meetings if m.agreed),
               *(content.text("measures", f"{m.id}.title", "da") for m in case.measures
                 if m.id != "other"),
               *(m.title for m in case.measures if m.title),
               "Diskusprolaps", "ryggen", "medicin"]
    for secret in secrets:
        assert secret not in unfolded, secret
        assert secret.lower() not in unfolded.lower(), secret
    for f in assess(case, AS_OF).findings:  # the findings' words stay out too
        assert f.message not in unfolded


def test_event_ids_are_stable_so_an_import_updates():
    case = case_with_dates()
    first = events(calendar(case))
    again = events(calendar(case.model_copy(deep=True), as_of=AS_OF + dt.timedelta(days=3)))
    assert set(first) <= set(again) | set(first)
    shared = set(first) & set(again)
    assert len(shared) >= 6
    # The next meeting moved: same event id, new date.
    moved = case.model_copy(deep=True)
    moved.follow_up.next_meeting = dt.date(2027, 2, 2)
    after = events(calendar(moved))
    changed = [uid for uid in first if uid in after and first[uid][0] != after[uid][0]]
    assert len(changed) == 1 and after[changed[0]][0] == dt.date(2027, 2, 2)
    # Another case has other ids.
    other = case.model_copy(deep=True)
    other.case.created = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    assert not set(events(calendar(other))) & set(first)


def test_calendar_in_english():
    evs = events(calendar(case_with_dates(), "en"))
    summaries = " ".join(s for _, s, _ in evs.values())
    assert "Twelve months reached" in summaries and "Follow-up meeting" in summaries


def fleksjob(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FLEKSJOB_DEBUG": "1"}
    return subprocess.run([sys.executable, "-m", "fleksjob_tui", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_calendar_command(tmp_path):
    (tmp_path / "sag.toml").write_text(dumps_case(case_with_dates()), encoding="utf-8")
    before = (tmp_path / "sag.toml").read_bytes()
    r = fleksjob("calendar", "sag.toml", "--as-of", "22-11-2026", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "ingen funktioner, skånehensyn, sygdom" in r.stdout  # the command says so
    out = tmp_path / "sag.ics"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert len(events(out.read_bytes())) >= 8
    # Never over a case file, never over a file unasked.
    r = fleksjob("calendar", "sag.toml", "-o", "sag.toml", cwd=tmp_path)
    assert r.returncode == 2 and (tmp_path / "sag.toml").read_bytes() == before
    r = fleksjob("calendar", "sag.toml", cwd=tmp_path)
    assert r.returncode == 2 and "--force" in r.stderr
    r = fleksjob("calendar", "sag.toml", "-o", "kalender.ics", "--lang", "en", cwd=tmp_path)
    assert r.returncode == 0 and "no functions, accommodations, illness" in r.stdout
    r = fleksjob("calendar", "sag.toml", "--force", cwd=tmp_path)
    assert r.returncode == 0


def test_a_case_without_dates_writes_no_calendar(tmp_path):
    (tmp_path / "tom.toml").write_text(dumps_case(Case.new()), encoding="utf-8")
    r = fleksjob("calendar", "tom.toml", cwd=tmp_path)
    assert r.returncode == 2 and "Intet er gemt" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "tom.ics").exists()


def test_the_example_cases_give_calendars(tmp_path):
    for path in sorted(EXAMPLES.glob("*.toml")):
        shutil.copy(path, tmp_path / path.name)
        data = calendar(load_case(path), personal_dates=True)
        assert events(data), path.name
    # Without the dates from the birth date, the self-employed example (no start on special
    # terms, no meetings) has none: `fleksjob calendar` says so and saves nothing.
    assert not events(calendar(load_case(EXAMPLES / "selvstaendig.toml")))
    assert events(calendar(load_case(EXAMPLES / "klar.toml")))


def test_a_due_date_becomes_an_event_that_names_who_and_not_what():
    """The rules give a finding a due date (Finding.due): the calendar has it, with who should
    act and the reference, never the finding's message (it may name the health issue)."""
    import dataclasses

    case = case_with_dates()
    a = assess(case, AS_OF)
    from fleksjob_tui.rules.engine import is_waiting

    i = next(n for n, f in enumerate(a.findings) if not is_waiting(f))  # a deadline, not time
    finding = dataclasses.replace(a.findings[i], due=dt.date(2027, 2, 1),
                                  message="Lægeerklæring om rygsygdom mangler")
    a = dataclasses.replace(a, findings=(*a.findings[:i], finding, *a.findings[i + 1:]))
    data, _ = build_calendar(build_view(case, a))
    evs = events(data)
    due = [(s, d) for day, s, d in evs.values() if day == dt.date(2027, 2, 1)]
    assert len(due) == 1
    summary, description = due[0]
    assert summary.startswith("Frist") and finding.reference.split(",")[0] in description
    assert "rygsygdom" not in data.decode("utf-8").replace("\r\n ", "")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_broken_case_file_gives_a_clear_message_and_no_calendar(tmp_path, lang, capsys):
    from fleksjob_tui import cli

    p = tmp_path / "sag.toml"
    p.write_text('schema_version = 1\n[person]\nname = "Åse\n', encoding="utf-8")
    before = p.read_bytes()
    code = cli.main(["calendar", str(p), "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and str(p) in err
    assert p.read_bytes() == before and not (tmp_path / "sag.ics").exists()
    code = cli.main(["calendar", str(p), "--as-of", "31-02-2026", "--lang", lang])
    assert code == 2


def test_due_dates_of_one_day_for_one_person_are_one_event():
    """The example has several of the manager's due dates on the day the twelve months are
    reached: one event that counts them, not several alike; its id stays when re-exported."""
    case = load_case(EXAMPLES / "mangler-dokumentation.toml")
    a = assess(case, AS_OF)
    day = dt.date(2027, 3, 1)
    n = sum(1 for f in a.findings if f.due == day)
    assert n >= 2
    evs = events(calendar(case))
    due = [(uid, s) for uid, (d, s, _) in evs.items() if d == day and s.startswith("Frist")]
    assert len(due) == len({s for _, s in due}), due  # no two alike
    assert any(f"({n} ting)" in s or "ting)" in s for _, s in due), due
    again = events(calendar(case.model_copy(deep=True), as_of=AS_OF + dt.timedelta(days=2)))
    assert {uid for uid, _ in due} <= set(again)
    en = events(calendar(case, "en"))
    assert set(en) == set(evs)  # the ids do not depend on the language
    assert any("items)" in s for _, s, _ in en.values())


# -- issue 23: ids from the case's identifier, SEQUENCE, no case title -------------------------


def vevents(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_a_new_case_and_a_saved_old_file_have_an_identifier(tmp_path):
    from fleksjob_tui.case.storage import save_case

    a, b = Case.new(), Case.new()
    assert a.case.id and b.case.id and a.case.id != b.case.id
    old = load_case(EXAMPLES / "klar.toml")  # a file from before identifiers
    assert old.case.id is None
    path = tmp_path / "sag.toml"
    save_case(old, path)
    kept = load_case(path).case.id
    assert kept and kept == old.case.id
    save_case(load_case(path), path)  # saved again: the same identifier
    assert load_case(path).case.id == kept
    # The identifier (and the time of the save) are not answers: nothing to save again.
    assert old.answers() == load_case(EXAMPLES / "klar.toml").answers()


def test_event_ids_follow_the_identifier_not_the_title_or_the_file():
    case = case_with_dates()
    case.case.id = "3f0a0c1e-0000-4000-8000-000000000001"
    first = events(calendar(case))
    renamed = case.model_copy(deep=True)
    renamed.case.title = "Et helt andet navn"
    renamed.case.created = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    assert set(events(calendar(renamed))) == set(first)
    copy = case.model_copy(deep=True)
    copy.case.id = "3f0a0c1e-0000-4000-8000-000000000002"  # a copy has its own identifier
    assert not set(events(calendar(copy))) & set(first)


def test_sequence_rises_when_the_case_changes_and_stays_when_it_does_not():
    case = case_with_dates()
    case.case.updated = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
    seqs = {int(ev["sequence"]) for ev in vevents(calendar(case))}
    assert len(seqs) == 1
    (first,) = seqs
    assert {int(ev["sequence"]) for ev in vevents(calendar(case))} == {first}  # same again
    later = case.model_copy(deep=True)
    later.case.updated = dt.datetime(2026, 11, 22, 11, 30, tzinfo=dt.UTC)  # saved after a change
    (second,) = {int(ev["sequence"]) for ev in vevents(calendar(later))}
    assert second > first
    (third,) = {int(ev["sequence"]) for ev in
                vevents(calendar(later, as_of=dt.date(2026, 12, 1)))}
    assert third > second  # a later day (the due dates may move)


def test_events_carry_a_neutral_label_only_when_one_is_chosen():
    case = case_with_dates()
    case.case.title = "Sag for Jens Hansen"
    case.person.name = "Jens Hansen"
    data, _ = build_calendar(build_view(case, assess(case, AS_OF)))
    text = data.decode("utf-8").replace("\r\n ", "")
    assert "Jens" not in text and "Hansen" not in text
    assert "X-WR-CALNAME:Fastholdelsesfleksjob\r\n" in text
    data, _ = build_calendar(build_view(case, assess(case, AS_OF)), label="J.H.")
    evs = events(data)
    assert all(s.endswith("– J.H.") and "J.H." in d for _, s, d in evs.values())
    assert "Jens" not in data.decode("utf-8")


def test_calendar_command_takes_a_label(tmp_path):
    (tmp_path / "sag.toml").write_text(dumps_case(case_with_dates()), encoding="utf-8")
    r = fleksjob("calendar", "sag.toml", "--label", "J.P.", "--as-of", "22-11-2026",
                 cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    evs = events((tmp_path / "sag.ics").read_bytes())
    assert all(s.endswith("– J.P.") for _, s, _ in evs.values())
