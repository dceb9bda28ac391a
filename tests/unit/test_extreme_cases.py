"""Issue 22: cases with extreme but valid dates (the first and last days the model allows) and
texts (control characters, CPR numbers in any form, any Unicode) go through the rules and every
output — the summary, the plain summary, the pack, the agreement and the municipality's version
in HTML, Markdown and Word, the calendar — without an error, and no output carries a control
character or a CPR number. Every generated case is also saved and loaded back."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fleksjob_tui.case import storage
from fleksjob_tui.case.dates import MAX_DATE, MIN_DATE
from fleksjob_tui.case.model import MEASURE_IDS, Case, Measure, Meeting
from fleksjob_tui.case.privacy import find_cpr

_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

EDGE_DATES = [MIN_DATE, MAX_DATE, dt.date(2000, 2, 29), dt.date(2199, 2, 28),
              dt.date(1900, 12, 31), dt.date(2026, 11, 22)]
dates = st.one_of(st.sampled_from(EDGE_DATES), st.dates(min_value=MIN_DATE, max_value=MAX_DATE))
opt_dates = st.one_of(st.none(), dates)

NASTY = ["\x1b[2J", "\x1b]52;c;aGVq\x07", "\x07", "\x08", "\x9b2J", "\u202e", "\r",
         "010203\u20131234", "01 02 03-1234", "０１０２０３-１２３４", "01.02.03-1234", "\u200b",
         "<script>", "**", "[x](y)", "|", "#", "&amp;", "\\", '"', "'"]
texts = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), max_size=4).map(
    "".join)
opt_texts = st.one_of(st.none(), texts)


@st.composite
def cases(draw) -> Case:
    c = Case.new(role=draw(st.sampled_from(["employee", "union_rep", "manager"])),
                 language=draw(st.sampled_from(["da", "en"])), title=draw(opt_texts))
    c.person.name = draw(opt_texts)
    c.person.birth_date = draw(opt_dates)
    c.person.self_employed = draw(st.sampled_from([None, False, True]))
    c.employment.employer = draw(opt_texts)
    c.employment.special_terms_start = draw(opt_dates)
    c.agreement.written = draw(st.sampled_from([None, "yes", "no", "unknown"]))
    c.agreement.signed_on = draw(opt_dates)
    c.agreement.difficult_functions = draw(st.lists(texts, max_size=2))
    c.agreement.accommodations = draw(st.lists(texts, max_size=2))
    c.flexjob.start = draw(opt_dates)
    c.follow_up.next_meeting = draw(opt_dates)
    for _ in range(draw(st.integers(0, 3))):
        start = draw(opt_dates)
        end = draw(opt_dates)
        if start and end and end < start:
            start, end = end, start
        mid = draw(st.sampled_from([*MEASURE_IDS, "other"]))
        c.measures.append(Measure(
            id=mid, title=draw(texts.filter(lambda t: t.strip())) if mid == "other"
            else draw(opt_texts),
            status=draw(st.sampled_from([None, "tried", "ongoing", "not_tried"])),
            documented=draw(st.sampled_from([None, "yes", "no", "unknown"])),
            **{"from": start}, to=end, note=draw(opt_texts)))
    for _ in range(draw(st.integers(0, 2))):
        c.meetings.append(Meeting(date=draw(opt_dates), summary=draw(opt_texts),
                                  agreed=draw(opt_texts), participants=["employee"]))
    return c


def _without_uids(ics: str) -> str:
    """The calendar without its UID lines: a UID is 32 random hex digits, and ten decimal
    digits in a row among them can look like a CPR number (about 1 UID in 1,000)."""
    return "\n".join(line for line in ics.split("\n") if not line.startswith("UID:"))


def _check(name: str, text: str) -> None:
    assert not _BAD.search(text), (name, _BAD.search(text))
    assert not find_cpr(text), (name, [text[a:b] for a, b in find_cpr(text)])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(case=cases(), as_of=dates)
def test_every_output_of_an_extreme_case(tmp_path_factory, case, as_of):
    import zipfile
    from io import BytesIO

    from fleksjob_tui.documents import render_document
    from fleksjob_tui.documents.calendar import build_calendar
    from fleksjob_tui.documents.output import assess_for_pack
    from fleksjob_tui.documents.summary import summary_text
    from fleksjob_tui.plain.summary import plain_summary
    from fleksjob_tui.rules import assess
    from fleksjob_tui.view import build_view

    path = tmp_path_factory.mktemp("sag") / "sag.toml"
    storage.save_case(case, path)
    loaded = storage.load_case(path)
    assert loaded.answers() == case.answers()

    assessment = assess(loaded, as_of)
    _check("summary", summary_text(loaded, assessment))
    _check("plain", plain_summary(loaded, assessment))
    data, _n = build_calendar(build_view(loaded, assessment, loaded.language))
    _check("calendar", _without_uids(data.decode("utf-8").replace("\r\n", "\n")))
    pack_assessment = assess_for_pack(loaded, as_of)
    from fleksjob_tui.documents import NotForCase, not_for_case

    for document in ("pack", "agreement", "municipality"):
        if not_for_case(loaded, document) is not None:  # no agreement for the self-employed
            with pytest.raises(NotForCase):
                render_document(loaded, pack_assessment, document, "html")
            continue
        for fmt in ("html", "md"):
            _check(f"{document}.{fmt}", render_document(loaded, pack_assessment, document, fmt))
        docx = render_document(loaded, pack_assessment, document, "docx")
        with zipfile.ZipFile(BytesIO(docx)) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        _check(f"{document}.docx", re.sub(r"<[^>]+>", " ", xml))
