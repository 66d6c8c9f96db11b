"""Kiosk mode: each limit under the real app (Pilot), and the command line's rules (subprocess).

Kiosk mode is for logins that run only planscope (README, "Serving a team"):
nothing is written on the server except into ``--export-dir``, nothing
suspends or leaves the app, the help says kiosk mode is on, and only ``--db``
on the command line chooses the database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input

from planscope.tui import keys
from planscope.tui.app import PlanscopeApp
from planscope.tui.export import ExportScreen
from planscope.tui.kiosk import Kiosk
from planscope.tui.kiosk_app import EXPORT_OFF, SCREENSHOT_OFF, SUSPEND_OFF, KioskApp, KioskExportScreen
from tests.conftest import CliRunner
from tests.tui_helpers import Notices, build_seeded, screen_text, settle, wait_until


@pytest.fixture(scope="module")
def kiosk_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seeded(tmp_path_factory.mktemp("kiosk"))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's working folder, watched for files kiosk mode must not write."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


async def test_export_is_off_and_says_so(kiosk_db: Path, workdir: Path) -> None:
    app, notes = KioskApp(kiosk_db, test_mode=True, kiosk=Kiosk()), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert not isinstance(app.screen, (ExportScreen, KioskExportScreen))
        await pilot.press("slash", *"eco-city")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert not isinstance(app.screen, (ExportScreen, KioskExportScreen))
        assert notes.messages.count(EXPORT_OFF) == 2
    assert files_under(workdir) == []


async def test_export_dir_is_the_only_place_written_and_no_path_is_asked(
    kiosk_db: Path, workdir: Path, tmp_path: Path
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    app = KioskApp(kiosk_db, test_mode=True, kiosk=Kiosk(export_dir=exports))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, KioskExportScreen)
        assert not app.screen.query(Input), "the kiosk export dialog offers a path to type"
        assert "Folder (set by the administrator)" in screen_text(app)
        await pilot.press("down", "enter")  # JSON
        await settle(pilot)
    assert [p.name for p in files_under(exports)] == ["planscope-projects.json"]
    assert files_under(workdir) == []


async def test_palette_screenshot_is_off_or_goes_to_the_export_dir(
    kiosk_db: Path, workdir: Path, tmp_path: Path
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    for kiosk, expected in ((Kiosk(), 0), (Kiosk(export_dir=exports), 1)):
        app, notes = KioskApp(kiosk_db, test_mode=True, kiosk=kiosk), Notices()
        async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p", *"screenshot")
            await settle(pilot)
            await pilot.press("enter")
            await wait_until(pilot, lambda: bool(notes.seen), "the screenshot's notice")  # noqa: B023
            await settle(pilot)
            said = notes.messages
        assert len(files_under(exports)) == expected
        assert (SCREENSHOT_OFF in said) is (expected == 0), said
    assert files_under(workdir) == []


async def test_ctrl_z_does_not_suspend_and_says_so(kiosk_db: Path) -> None:
    app, notes = KioskApp(kiosk_db, test_mode=True, kiosk=Kiosk()), Notices()
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert SUSPEND_OFF in notes.messages
        await pilot.press("2")
        await settle(pilot)
        assert app.main.active_tab == "goals"


async def test_help_says_kiosk_mode_is_on(kiosk_db: Path) -> None:
    app = KioskApp(kiosk_db, test_mode=True, kiosk=Kiosk())
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
    assert "Kiosk mode is on" in text and "Suspend: off in kiosk mode" in text
    plain = PlanscopeApp(kiosk_db, test_mode=True)
    async with plain.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Kiosk" not in screen_text(plain)


def test_no_key_or_command_can_suspend_shell_out_or_pick_a_path() -> None:
    """No kiosk key reaches an action that leaves the app; Textual's own ways out are overridden."""
    bound = {b.action for b in KioskApp.BINDINGS}
    bound |= {b.action for section in keys.KIOSK_SECTIONS for b in section.bindings}
    assert "screenshot" not in bound and not any("shell" in a or "open_url" in a for a in bound)
    assert KioskApp.action_suspend_process is not App.action_suspend_process
    assert KioskApp.action_export_view is not PlanscopeApp.action_export_view
    registry = {id(b) for b in keys.APP + keys.KIOSK}
    assert all(id(b) in registry for b in KioskApp.BINDINGS)
    for binding in keys.KIOSK:
        assert binding.id and binding.description


def test_kiosk_needs_db_on_the_command_line(cli: CliRunner, kiosk_db: Path) -> None:
    for args, env in ((["--kiosk"], {}), ([], {"PLANSCOPE_KIOSK": "1"})):
        result = cli(*args, env={**env, "PLANSCOPE_DB": str(kiosk_db)})
        assert result.returncode == 2, result.stderr
        assert result.stderr.endswith("kiosk mode needs --db PATH: the administrator names the database\n")


def test_kiosk_checks_its_folders_and_wants_a_terminal(
    cli: CliRunner, kiosk_db: Path, tmp_path: Path
) -> None:
    missing = cli("--kiosk", "--db", str(kiosk_db), "--export-dir", str(tmp_path / "nope"))
    assert missing.returncode == 1 and "--export-dir" in missing.stderr and "no such folder" in missing.stderr
    loose = cli("--export-dir", str(tmp_path), "--db", str(kiosk_db))
    assert loose.returncode == 2 and "add --kiosk" in loose.stderr
    no_tty = cli("--kiosk", "--db", str(kiosk_db))
    assert no_tty.returncode == 2
    assert no_tty.stderr.endswith("needs a terminal: connect with ssh -t\n") and "\x1b" not in no_tty.stdout
