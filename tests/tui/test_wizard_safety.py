"""The wizard under trouble: a case open elsewhere (lock → read-only), a folder that cannot be
written (message, answers kept, save elsewhere with F2), the backup of the first save."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from wizard_helpers import AS_OF, focused_field_key, keys, wizard_at

from fleksjob_tui.case import locking, storage
from fleksjob_tui.case.model import Case
from fleksjob_tui.wizard.app import FleksjobApp
from fleksjob_tui.wizard.screens.editor import AskTextScreen
from fleksjob_tui.wizard.screens.locked import LockedScreen
from fleksjob_tui.wizard.screens.start import StartScreen

# home and case_file: tests/tui/conftest.py


def messages(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_case_locked_elsewhere_opens_read_only_and_never_writes(case_file, other_holder):
    before = case_file.read_bytes()
    mtime = case_file.stat().st_mtime_ns
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LockedScreen)
        text = str(app.screen.query_one("#locked-text").content)
        assert "test.toml" in text and str(other_holder.pid) not in text and "proces" not in text
        # in words a person knows, and what to do
        assert "i et andet vindue eller en anden browserfane på denne computer" in text, text
        assert "luk guiden dér" in text
        await keys(pilot, "enter")  # "Åbn kun til læsning" has focus
        assert app.read_only is True and app.path == case_file
        assert "kun læsning" in app.sub_title
        app.case.person.name = "Ændret"
        app.case_changed()
        assert app.save() is False
        await pilot.pause(0.7)  # past the autosave delay
        await keys(pilot, "ctrl+q")
    assert case_file.read_bytes() == before and case_file.stat().st_mtime_ns == mtime
    assert locking.read_lock(case_file).pid == other_holder.pid  # still the other's lock


async def test_case_locked_elsewhere_cancel_goes_to_start(case_file, other_holder):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LockedScreen)
        await keys(pilot, "escape")
        assert isinstance(app.screen, StartScreen)
        assert app.case is None


async def test_lock_held_while_open_and_released_on_quit(case_file):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert locking.read_lock(case_file).pid == os.getpid()
        with pytest.raises(locking.CaseLocked):
            locking.acquire(case_file)
        await keys(pilot, "ctrl+q")
    assert locking.read_lock(case_file) is None


async def test_stale_lock_is_cleared_without_asking(case_file):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    locking.lock_path(case_file).write_text(
        f'pid = {dead.pid}\nhost = "{locking.this_host()}"\nsince = 2026-11-22T10:15:00Z\n')
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, LockedScreen)
        assert app.read_only is False
        assert locking.read_lock(case_file).pid == os.getpid()
    assert locking.read_lock(case_file) is None  # released when the app stops


async def test_first_save_of_a_session_keeps_the_previous_version(case_file):
    before = case_file.read_bytes()
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.case.person.name = "Første"
        assert app.save()
        app.case.person.name = "Anden"
        assert app.save()
        await keys(pilot, "ctrl+q")
    bak = storage.backup_path(case_file)
    assert bak.read_bytes() == before  # the case as it was before this session
    assert (bak.stat().st_mode & 0o777) == 0o600
    assert storage.load_case(case_file).person.name == "Anden"


async def test_looking_through_a_case_keeps_the_file_as_it_was_as_backup(case_file):
    """Session 1 changes an answer (the .bak holds the version before it). Session 2 only looks
    through the steps and quits: its first write (the place, case.last_step) keeps the file as
    it was before session 2 — session 1's version, comments and all (issue 22: every first
    write of a session keeps a .bak). "Ændret" still says when an answer last changed."""
    original = storage.load_case(case_file)
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert focused_field_key(app) == "person.birth_date"  # after the last answer (the name)
        # (a field's text is not selected on arrival: Ctrl+U clears it before the new name)
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:Bent", "tab")
        await keys(pilot, "ctrl+q")
    bak = storage.backup_path(case_file)
    assert storage.load_case(bak).person.name == original.person.name
    changed = storage.load_case(case_file).case.updated
    session_1 = case_file.read_bytes()
    import time

    time.sleep(1.1)  # "updated" has whole seconds: a new save would show a later time
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "ctrl+n", "ctrl+n", "ctrl+q")
    assert storage.load_case(case_file).case.last_step == "checklist"  # the place is kept
    # and "Ændret" on the start screen still says when an answer last changed
    assert storage.load_case(case_file).case.updated == changed
    assert storage.load_case(case_file).person.name == "Bent"
    assert bak.read_bytes() == session_1


async def test_an_answer_given_just_before_the_app_ends_is_saved(case_file):
    """The autosave waits half a second; an app that ends sooner (not by Ctrl+Q) still saves."""
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "shift+tab", "end", "ctrl+u", "text:Sidst")
        assert app._dirty
    assert storage.load_case(case_file).person.name == "Sidst"


async def test_quitting_with_a_refused_answer_asks_first(case_file):
    """The typed date was refused and is not in the case: Ctrl+Q says so and offers to go back
    (the default, Enter); "Afslut alligevel" quits, Ctrl+Q twice too."""
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "text:31-02-2020", "ctrl+q")  # the cursor resumes on the birth date
        assert isinstance(app.screen, ConfirmScreen)
        assert "Et svar er ikke gemt:\nMedarbejderens fødselsdato: " in app.screen.question
        assert "findes ikke" in app.screen.question
        await keys(pilot, "enter")  # "Tilbage til sagen"
        assert not isinstance(app.screen, ConfirmScreen) and app.return_code is None
        await keys(pilot, "ctrl+q", "ctrl+q")
        assert app.return_code == 0
    assert storage.load_case(case_file).person.birth_date is None


async def test_quitting_names_every_refused_answer_and_the_step_list_says_not_saved(case_file):
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen
    from fleksjob_tui.wizard.widgets.steplist import StepList

    async with wizard_at(case_file, "economy") as (app, pilot):
        await keys(pilot, "text:abc", "tab", "text:250", "tab")
        steps = app.screen.query_one(StepList)
        economy = steps.get_option("economy")
        assert "! ikke gemt" in str(economy.prompt)
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert question.startswith("2 svar er ikke gemt:")
        assert "Timeløn" in question and "Betalte timer" in question
        await keys(pilot, "escape")
        await keys(pilot, "shift+tab", "ctrl+u", "tab", "shift+tab", "shift+tab", "ctrl+u", "tab")
        assert "ikke gemt" not in str(steps.get_option("economy").prompt)


async def test_quitting_read_only_with_changes_asks_first(case_file, other_holder):
    """Opened read-only (the case is open elsewhere): typing changes nothing (the window takes
    no edits). Should a change still reach the case (code, not keys), quitting would silently
    throw it away, so it asks and names F2."""
    from fleksjob_tui.wizard.screens.editor import ConfirmScreen

    before = case_file.read_bytes()
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#locked-read-only")
        await pilot.pause()
        assert app.read_only
        await keys(pilot, "text:QQ")
        assert app.case.person.name == "Åse" and not app._dirty
        app.case.person.name = "QQ"
        app.case_changed()
        await keys(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "kun til læsning" in app.screen.question and "F2" in app.screen.question
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.return_code == 0
    assert case_file.read_bytes() == before


async def test_next_on_the_last_step_says_why_nothing_moves(case_file):
    async with wizard_at(case_file, "summary") as (app, pilot):
        await keys(pilot, "ctrl+n")
        assert app.screen.step == "summary"
        assert any("sidste trin" in n.message for n in app._notifications)


def fail_writes(monkeypatch, err: int = errno.ENOSPC):
    """The disk fills up: the data cannot be flushed to it (what fsync reports)."""
    def full(fd):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "fsync", full)


@pytest.mark.parametrize("how", ["disk_full", "folder_gone"])
async def test_unwritable_folder_keeps_answers_and_save_elsewhere_works(
        case_file, home, tmp_path, monkeypatch, how):
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if how == "disk_full":
            fail_writes(monkeypatch)
        else:
            # the folder is replaced by a regular file: nothing can be created "inside" it
            blocker = tmp_path / "blocker"
            blocker.write_text("x")
            app.path = blocker / "test.toml"
        app.case.person.name = "Bent Ærø"
        app.case.employment.employer = "Køge Kommune"
        wanted = app.case.model_dump()
        assert app.save() is False
        await pilot.pause()
        shown = messages(app)
        assert "kunne ikke gemmes" in shown
        assert "F2" in shown  # which key to press
        if how == "disk_full":
            assert "disken er fuld" in shown
        assert "IKKE GEMT" in app.sub_title
        assert app.case.model_dump() == wanted  # the answers stay in memory
        monkeypatch.undo()

        target = tmp_path / "andet sted" / "kopi.toml"
        await keys(pilot, "f2")
        assert isinstance(app.screen, AskTextScreen)
        box = app.screen.query_one("#ask-input")
        box.value = str(target)
        await keys(pilot, "enter")
        await pilot.pause()
        assert app.path == target
        assert "IKKE GEMT" not in app.sub_title
        assert storage.load_case(target).person.name == "Bent Ærø"
        assert (target.stat().st_mode & 0o777) == 0o600
        assert (target.parent.stat().st_mode & 0o777) == 0o700
        assert locking.read_lock(target).pid == os.getpid()
        app.case.person.name = "Bent"
        assert app.save()
        await keys(pilot, "ctrl+q")
    assert storage.load_case(target).person.name == "Bent"
    assert locking.read_lock(target) is None and locking.read_lock(case_file) is None


async def test_save_as_in_read_only_mode_suggests_a_new_free_name(case_file, other_holder):
    """F2 on a case open elsewhere must not suggest the locked file itself (Enter would only be
    refused): it suggests a copy beside it, which Enter then saves."""
    from textual.widgets import Input

    from fleksjob_tui.wizard.screens.editor import AskTextScreen

    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#locked-read-only")
        await pilot.pause()
        await keys(pilot, "f2")
        assert isinstance(app.screen, AskTextScreen)
        suggested = Path(app.screen.query_one("#ask-input", Input).value)
        assert suggested != case_file and suggested.parent == case_file.parent
        assert "kopi" in suggested.name and not suggested.exists()
        await keys(pilot, "enter")
        assert app.path == suggested and not app.read_only
    assert suggested.exists()


async def test_save_as_refuses_an_existing_file(case_file, home):
    other = home / "andet.toml"
    storage.save_case(Case.new(title="Andet"), other)
    before = other.read_bytes()
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.save_as(other) is False
        await pilot.pause()
        assert "findes allerede" in messages(app)
        assert app.path == case_file
    assert other.read_bytes() == before


async def test_save_as_into_a_folder_uses_the_file_name(case_file, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.save_as(folder)
        assert app.path == folder / "test.toml"
    assert storage.load_case(folder / "test.toml").person.name == "Åse"


async def test_the_lock_window_opens_the_case_when_the_other_window_closes(case_file,
                                                                           other_holder):
    """While "Sagen er åben et andet sted" is shown, the other window closes (it saved a change
    as it closed): the case opens here for writing, as it is on disk now, and says so — not
    read-only by a default pressed later (found in a meeting with two browser tabs)."""
    from fleksjob_tui.case import storage

    app = FleksjobApp(case_file, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LockedScreen)
        changed = storage.load_case(case_file)
        changed.person.name = "Lukket dér"
        storage.save_case(changed, case_file)  # what the other window saved as it closed
        other_holder.stdin.close()
        other_holder.wait(timeout=10)
        for _ in range(60):  # checked about once a second; the message is posted, not set
            await pilot.pause(0.1)
            if not isinstance(app.screen, LockedScreen) and "ikke længere åben" in messages(app):
                break
        await pilot.pause()  # the opened case's screen settles before the test leaves
        assert not isinstance(app.screen, LockedScreen)
        assert app.read_only is False and app.path == case_file
        assert app.case.person.name == "Lukket dér"
        assert locking.read_lock(case_file).pid == os.getpid()
        assert "ikke længere åben" in messages(app)
