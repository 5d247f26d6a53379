"""The team project in the window, driven as a user would: the Team menu, background sync through the job
runner, the status bar, a password asked once, offline, and the last sync when the window closes."""

from __future__ import annotations

import pytest
from conftest import code, span

from annotator.core import commands
from annotator.core.store import Project, sync_log


@pytest.fixture(autouse=True)
def _fast_sync(monkeypatch, qapp):
    from annotator.gui import team_sync

    qapp.setOrganizationName("AnnotatorTests")
    qapp.setApplicationName("AnnotatorTests")
    monkeypatch.setattr(team_sync, "ONLINE_INTERVAL_MS", 150)
    monkeypatch.setattr(team_sync, "OFFLINE_INTERVALS_MS", (150, 150, 150))
    team_sync.CREDENTIALS.clear()  # test databases reuse names: a password typed in one test is stale in the next
    yield
    team_sync.CREDENTIALS.clear()
    from PySide6.QtCore import QThreadPool

    from annotator.gui.jobs import running_jobs

    left = running_jobs()
    QThreadPool.globalInstance().waitForDone(5000)
    assert not left, f"jobs left running: {[j.title for j in left]}"


@pytest.fixture
def window_on(qtbot):
    from annotator.gui.main_window import MainWindow

    made = []

    def open_window(path):
        window = MainWindow(Project.open(path))
        window.remember_state = False
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield open_window
    for window in made:
        if window.isVisible():
            window.close()
            qtbot.waitUntil(lambda w=window: not w.isVisible(), timeout=10000)
        window.bus.jobs.wait(10000)


def _label(window) -> str:
    return window.team.label.text()


def test_a_coders_window_syncs_in_the_background_and_says_so(team, window_on, qtbot):
    ana = team.join("Ana")
    window = window_on(ana)
    assert window.bus.coder_id == window.project.coder("Ana").id  # a team copy codes as its coder
    qtbot.waitUntil(lambda: "synced" in _label(window), timeout=10000)
    document, start, end = span(window.project, "wire", "Police arrested")
    window.bus.execute(commands.AddSegment(document, window.bus.coder_id, window.project.code("Frame/Crime").id,
                                           start, end))
    qtbot.waitUntil(lambda: sync_log.waiting(window.project) == 0 and "waiting" not in _label(window), timeout=10000)
    team.sync(team.lead_file)
    with Project.open(team.lead_file, readonly=True) as lead:
        assert [(s.start, s.end) for s in lead.segments()] == [(start, end)]


def test_the_leads_window_pulls_codings_and_announces_them(team, window_on, qtbot):
    ana = team.join("Ana")
    window = window_on(team.lead_file)
    qtbot.waitUntil(lambda: "synced" in _label(window), timeout=10000)
    announced = []
    window.bus.changed.connect(announced.append)
    with Project.open(ana) as project:
        segment = code(project, "Ana", "xinhua", "Frame/Security", "生物安全")
    team.sync(ana)
    qtbot.waitUntil(lambda: any(c.documents for c in announced), timeout=10000)
    assert segment.guid in {s.guid for s in window.project.segments()}
    wire = window.project.document("xinhua").id
    assert any(c.segments_changed_in(wire) for c in announced)


def test_offline_shows_in_the_status_bar_and_asks_nothing(team, window_on, qtbot):
    ana = team.join("Ana")
    with Project.open(ana) as project:
        project.db.execute("UPDATE sync_state SET value = replace(value, 'port=%d', 'port=1') WHERE key = 'url'"
                           % team.lead.server.port)
        code(project, "Ana", "wire", "Frame/Crime", "Police arrested")
    window = window_on(ana)
    qtbot.waitUntil(lambda: "offline" in _label(window), timeout=10000)
    assert "waiting" in _label(window)
    assert "safe" in window.team.label.toolTip()
    assert window.team.dialog is None  # no message box for being offline


def test_a_refused_login_asks_for_the_password_once_and_keeps_it_in_memory(team, window_on, qtbot, monkeypatch):
    from annotator.gui import team_sync

    ana = team.join("Ana")
    lines = team.lead.pgpass.read_text().splitlines()
    secret = next(line for line in lines if ":ana:" in line).rsplit(":", 1)[1]
    team.lead.pgpass.write_text("\n".join(line for line in lines if ":ana:" not in line) + "\n")
    asked = []
    monkeypatch.setattr(team_sync, "ask_password", lambda parent, server: asked.append(server) or secret)
    window = window_on(ana)
    qtbot.waitUntil(lambda: "synced" in _label(window), timeout=10000)
    document, start, end = span(window.project, "wire", "biosecurity threat")
    window.bus.execute(commands.AddSegment(document, window.bus.coder_id, window.project.code("Tone").id,
                                           start, end))
    qtbot.waitUntil(lambda: sync_log.waiting(window.project) == 0, timeout=10000)
    assert len(asked) == 1
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert secret.encode() not in ana.read_bytes()
    from PySide6.QtCore import QSettings

    settings = QSettings()
    assert all(secret not in str(settings.value(key)) for key in settings.allKeys())


def test_closing_the_window_sends_what_waits(team, window_on, qtbot, monkeypatch):
    from annotator.gui import team_sync

    ana = team.join("Ana")
    window = window_on(ana)
    qtbot.waitUntil(lambda: "synced" in _label(window), timeout=10000)
    monkeypatch.setattr(team_sync, "ONLINE_INTERVAL_MS", 3_600_000)  # no more background syncs
    window.team.sync.timer.stop()
    qtbot.wait(300)
    document, start, end = span(window.project, "analysis", "Son preference")
    window.bus.execute(commands.AddSegment(document, window.bus.coder_id, window.project.code("Frame/Gender").id,
                                           start, end))
    assert sync_log.waiting(window.project) > 0
    window.close()
    assert window.isVisible()  # not yet: the last sync runs first, without blocking the window
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15000)
    team.sync(team.lead_file)
    with Project.open(team.lead_file, readonly=True) as lead:
        assert len(lead.segments()) == 1


def test_share_and_join_from_the_team_menu(lead, window_on, qtbot, tmp_path):
    from conftest import build_project

    from annotator.core.team.credentials import ServerAddress
    from annotator.gui.team_dialogs import LoginsDialog

    path = tmp_path / "study.annotator"
    build_project(path).close()
    window = window_on(path)
    menu = window.team.menu
    assert [a.text() for a in menu.actions() if a.text()][:2] == ["Share on a server…", "Join a team project…"]
    assert not window.team.act_sync.isEnabled() and not window.team.label.isVisible()
    window.team.share_with(ServerAddress.parse(lead.url), None)
    qtbot.waitUntil(lambda: isinstance(window.team.dialog, LoginsDialog), timeout=10000)
    text = window.team.dialog.text.toPlainText()
    assert "Ana: login ana, password " in text and "Cy: login cy" in text
    for line in text.splitlines():
        name, _, rest = line.strip().partition(": login ")
        login, _, password = rest.partition(", password ")
        lead.remember(login, password)
    assert window.team.act_sync.isEnabled() and not window.team.act_share.isEnabled()
    qtbot.waitUntil(lambda: window.team.label.isVisible() and "Team:" in _label(window), timeout=10000)

    joined = tmp_path / "bo.annotator"
    window.team.join_as(ServerAddress.parse(lead.url_for("bo")), "Bo", str(joined))
    qtbot.waitUntil(lambda: window.project.path == joined, timeout=15000)
    assert window.bus.coder_id == window.project.coder("Bo").id
    qtbot.waitUntil(lambda: "synced" in _label(window), timeout=10000)
    assert not window.team.act_reveal.isEnabled()  # a coder's copy


def test_the_leads_status_dialog_lists_coders_and_adds_one(team, window_on, qtbot):
    from annotator.gui.team_dialogs import LoginsDialog, TeamStatusDialog

    window = window_on(team.lead_file)
    window.team.show_status()
    dialog = window.team.dialog
    assert isinstance(dialog, TeamStatusDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=10000)
    assert [dialog.table.item(r, 0).text() for r in range(3)] == ["Ana", "Bo", "Cy"]
    dialog.add_coder("Dana")
    qtbot.waitUntil(lambda: isinstance(window.team.dialog, LoginsDialog), timeout=10000)
    assert "Dana: login dana, password" in window.team.dialog.text.toPlainText()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4, timeout=10000)
    qtbot.waitUntil(lambda: window.project.find_coder("Dana") is not None, timeout=10000)  # pulled by the sync
    dialog.close()
