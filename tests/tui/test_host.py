"""Screens and widgets reach the app through a small typed protocol (widgets/host.py), never
through the App class or untyped probes (issue 12, point 5)."""

from __future__ import annotations

import re
from pathlib import Path

from fleksjob_tui.wizard.widgets.host import WizardHost

PACKAGE = Path(__file__).resolve().parents[2] / "fleksjob_tui"
UI = sorted((PACKAGE / "screens").glob("*.py")) + sorted((PACKAGE / "widgets").glob("*.py"))


def test_no_screen_or_widget_imports_the_app_module():
    offenders = [p.name for p in UI if re.search(r"from \.\.app import|import fleksjob_tui\.app",
                                                 p.read_text())]
    assert offenders == []


def test_no_untyped_probe_of_the_app():
    """What the wizard's own app holds is read through WizardHost (Textual's App API may be used
    directly)."""
    ours = "|".join(name for name in [*dir(WizardHost), *WizardHost.__annotations__]
                    if not name.startswith("_"))
    probes = []
    for p in UI:
        for n, line in enumerate(p.read_text().splitlines(), 1):
            if re.search(r"getattr\(self\.app\b", line) or (
                re.search(rf"self\.app\.({ours})\b", line) and "type: ignore" in line
            ):
                probes.append(f"{p.name}:{n}: {line.strip()}")
    assert probes == []


def test_the_app_satisfies_the_host_protocol():
    from fleksjob_tui.wizard.app import FleksjobApp

    members = [name for name in dir(WizardHost) if not name.startswith("_")]
    members += list(WizardHost.__annotations__)
    app = FleksjobApp()
    missing = [m for m in set(members) if not hasattr(app, m)]
    assert missing == []
