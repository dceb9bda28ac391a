"""A case title of any length exports to Word (python-docx refuses a core property over 255
characters). The title property says what the document is and never carries the case's title
(which often holds the person's name: issue 23); the document itself still shows it."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from fleksjob_tui.case.model import Case
from fleksjob_tui.documents.output import export_case

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEKSJOB_HOME", str(tmp_path / "home"))


@pytest.mark.parametrize("length", [215, 255, 256, 1000, 20_000])
@pytest.mark.parametrize("document", ["pack", "agreement", "municipality"])
def test_a_long_case_title_exports_to_word(tmp_path, length, document):
    case = Case.new(role="union_rep")
    title = ("Åse Ørsted, SOSU-hjælper " * 1000)[:length - 1] + "Æ"
    case.case.title = title
    path = export_case(case, AS_OF, "docx", tmp_path / "x.docx", document=document)
    props = docx.Document(str(path)).core_properties
    assert 0 < len(props.title) <= 255
    assert "Åse" not in props.title and "Ørsted" not in props.title  # no name in the properties
    assert "Åse" not in (props.subject or "") and "Ørsted" not in (props.keywords or "")
