"""The Team menu: share the project on a server, join a team project, sync now, team status and coders,
reveal for review. Every server call runs on the window's job runner; the window never waits.

``install_team(window)`` builds the background sync (``team_sync.TeamSync``), its status-bar label and
this menu, and returns the ``TeamMenu``; the main window calls it once and asks ``team.sync`` before it
closes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from annotator.core.store import Project
from annotator.gui.jobs import JobContext
from annotator.gui.project_bus import ProjectBus
from annotator.gui.team_sync import CREDENTIALS, TeamStatusLabel, TeamSync, ask_password, needs_password


class TeamMenu:
    """The Team menu of one main window."""

    def __init__(self, bus: ProjectBus, window: QMainWindow, sync: TeamSync,
                 open_project: Callable[[str], bool], status: Callable[[str], None]) -> None:
        self.bus = bus
        self.window = window
        self.sync = sync
        self.open_project = open_project
        self.status = status
        self.menu: QMenu | None = None
        self.dialog: QWidget | None = None  # the last dialog shown (tests look at it)
        sync.state_changed.connect(lambda _state: self.update_actions())

    def populate(self, menu: QMenu) -> None:
        self.menu = menu
        self.act_share = menu.addAction(QCoreApplication.translate("team_menu", "Share on a server…"), self.share)
        self.act_share.setToolTip(QCoreApplication.translate("team_menu", "Put this project on a PostgreSQL server as a team project (you become its lead)"))
        self.act_join = menu.addAction(QCoreApplication.translate("team_menu", "Join a team project…"), self.join)
        menu.addSeparator()
        self.act_sync = menu.addAction(QCoreApplication.translate("team_menu", "Sync now"), self.sync.sync_now)
        self.act_sync.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.act_status = menu.addAction(QCoreApplication.translate("team_menu", "Team status and coders…"), self.show_status)
        self.act_reveal = menu.addAction(QCoreApplication.translate("team_menu", "Reveal for review…"), self.reveal)
        self.act_reveal.setToolTip(QCoreApplication.translate("team_menu", "Let coders see everyone's codings of a document (theirs become read-only)"))
        self.update_actions()

    def update_actions(self) -> None:
        if self.menu is None:
            return
        active, lead = self.sync.state.active, self.sync.state.active and self.sync.is_lead
        self.act_share.setEnabled(not active and self.bus.project.path is not None)
        self.act_sync.setEnabled(active)
        self.act_status.setEnabled(active)
        self.act_reveal.setEnabled(lead)

    # ---- running server work -------------------------------------------------------------------
    def run_on_server(self, address: Any, title: str, work: Callable[[Project, str | None], Any],
                      done: Callable[[Any], None], *, writable: bool = False, retried: bool = False) -> None:
        """Run ``work(project, password)`` as a job; a refused login asks for the password and retries once."""
        from annotator.core.errors import AnnotatorError

        password = CREDENTIALS.get(address.stored) or address.password

        def job(project: Project, _context: JobContext) -> tuple[bool, Any]:
            try:
                return True, work(project, password)
            except AnnotatorError as exc:
                return False, str(exc)

        def finished(result: tuple[bool, Any]) -> None:
            ok, value = result
            if ok:
                done(value)
                return
            if needs_password(value) and not retried:
                CREDENTIALS.forget(address.stored)
                typed = ask_password(self.window, address.display())
                if typed:
                    CREDENTIALS.set(address.stored, typed)
                    self.run_on_server(address, title, work, done, writable=writable, retried=True)
                    return
            self._warn(title, value)

        self.bus.jobs.run(job, title=title, writable=writable, on_done=finished,
                          on_failed=lambda message: self._warn(title, message))

    def _warn(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.window)
        box.setModal(False)
        box.show()
        self.dialog = box

    # ---- share, join -----------------------------------------------------------------------------
    def share(self) -> None:
        from annotator.gui.team_dialogs import ShareDialog

        dialog = ShareDialog(self.bus.project, self.window)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.share_with(dialog.address(), dialog.lead_coder(),
                                                        dialog.with_passwords()))
        dialog.open()

    def share_with(self, address: Any, lead_coder: str | None, passwords: bool = True) -> None:
        from annotator.core.team.share import share

        def work(project: Project, password: str | None):
            return share(project, address, password=password, lead_coder=lead_coder, passwords=passwords)

        def done(report: Any) -> None:
            from annotator.gui.team_dialogs import LoginsDialog

            self.sync.linked()
            self.update_actions()
            self.status(QCoreApplication.translate("team_menu", "Shared on {server}: you are the lead of this team project").format(server=report.where))
            self.dialog = LoginsDialog(report, self.window)
            self.dialog.open()

        self.run_on_server(address, QCoreApplication.translate("team_menu", "Share on a server"), work, done, writable=True)

    def join(self) -> None:
        from annotator.gui.team_dialogs import JoinDialog

        folder = Path(self.bus.project.path).parent if self.bus.project.path else Path.home()
        dialog = JoinDialog(folder, self.window)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.join_as(dialog.address(), dialog.coder(), dialog.path()))
        dialog.open()

    def join_as(self, address: Any, coder: str, path: str) -> None:
        from annotator.core.team.join import join

        def work(_project: Project, password: str | None):
            return join(address, path, coder, password=password)

        def done(report: Any) -> None:
            from annotator.gui.team_dialogs import summary_text

            if self.open_project(path):
                self.status(QCoreApplication.translate("team_menu", "Joined as {coder}: {summary}").format(
                    coder=coder, summary=summary_text(report)))

        self.run_on_server(address, QCoreApplication.translate("team_menu", "Join a team project"), work, done)

    # ---- status, coders, reveal -----------------------------------------------------------------
    def show_status(self) -> None:
        from annotator.gui.team_dialogs import TeamStatusDialog

        address = self.sync.address()
        if address is None:
            return
        dialog = TeamStatusDialog(self, address, lead=self.sync.is_lead)
        self.dialog = dialog
        dialog.show()
        dialog.reload()

    def reveal(self) -> None:
        from annotator.gui.team_dialogs import RevealDialog

        address = self.sync.address()
        if address is None:
            return
        dialog = RevealDialog([d.name for d in self.bus.project.documents()], self.window)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.reveal_document(dialog.document()))
        dialog.open()

    def reveal_document(self, document: str | None) -> None:
        from annotator.core.team.administration import reveal

        address = self.sync.address()

        def done(count: int) -> None:
            what = QCoreApplication.translate("team_menu", "every document") if document is None else f"'{document}'"
            self.status(QCoreApplication.translate("team_menu", "Revealed {what} ({count} newly): coders see everyone's codings after their next "
                           "sync").format(what=what, count=count))
            self.sync.sync_now()

        self.run_on_server(address, QCoreApplication.translate("team_menu", "Reveal for review"),
                           lambda _p, password: reveal(address, document, lead_password=password), done)


def install_team(window: QMainWindow, menu_bar_before: QAction | None = None) -> TeamMenu:
    """The window's background sync, its status-bar label and the Team menu (before ``menu_bar_before``)."""
    bus: ProjectBus = window.bus  # type: ignore[attr-defined]
    sync = TeamSync(bus, window)
    sync.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    label = TeamStatusLabel(sync, window)
    window.statusBar().addPermanentWidget(label)
    team = TeamMenu(bus, window, sync, window.switch_project,  # type: ignore[attr-defined]
                    lambda text: window.statusBar().showMessage(text, 8000))
    menu = QMenu(QCoreApplication.translate("team_menu", "&Team"), window)
    if menu_bar_before is None:
        window.menuBar().addMenu(menu)
    else:
        window.menuBar().insertMenu(menu_bar_before, menu)
    team.populate(menu)
    team.label = label  # type: ignore[attr-defined]
    return team
