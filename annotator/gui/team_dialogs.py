"""Dialogs of the Team menu: share on a server, the new logins, join, reveal, and team status with the
lead's coder administration (add, disable, enable, reset password, accept a proposed code).

They only collect input and show results; the work runs through ``TeamMenu.run_on_server`` (a job).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QHeaderView, QInputDialog, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project


SERVER_HINT = "postgresql://you@db.example.edu/framing?sslmode=verify-full"

# The ownership rules (annotator.core.team.ownership.RULES, word for word; tests/team checks) marked here for
# translation: the core has no Qt, so its sentences are translated where they are shown.
RULE_TEXTS = (
    QT_TRANSLATE_NOOP("ownership", "Documents, the codebook, coders, document sets and who is assigned which document "
                                   "belong to the lead."),
    QT_TRANSLATE_NOOP("ownership", "Each coder's segments, memos and the status of their own assignments belong to that "
                                   "coder. Segments of coders without a login of their own (such as the consensus coder "
                                   "made in Review) belong to the lead."),
    QT_TRANSLATE_NOOP("ownership", "A sync sends only what you own. A change you made to something you do not own is put "
                                   "back to the server's version by that sync, and the sync tells you what it put back."),
    QT_TRANSLATE_NOOP("ownership", "A code a coder adds is a proposal: it is sent, only that coder and the lead see it, and "
                                   "the lead accepts it ('annotator team accept-code') into the codebook everyone sees."),
    QT_TRANSLATE_NOOP("ownership", "When the lead renames or moves a code, every coder's segments follow it (segments refer "
                                   "to the code, not its name) and each coder's next sync names the change."),
    QT_TRANSLATE_NOOP("ownership", "When the lead merges a code into another, every coder's segments of it are re-coded to "
                                   "the other, also those added offline meanwhile. When the lead deletes a code, every "
                                   "coder's segments of it go with it; the lead undoing the deletion brings them back."),
    QT_TRANSLATE_NOOP("ownership", "When the lead reveals a document, coders can read everyone's codings of it and their own "
                                   "become read-only: they have now seen the others'. Changes made to it afterwards are "
                                   "not sent."),
    QT_TRANSLATE_NOOP("ownership", "Deleting a document (lead) deletes its codings and assignments for everyone; undoing it "
                                   "brings them back."),
    QT_TRANSLATE_NOOP("ownership", "A coder with a login of their own is not deleted or merged into another coder in a team "
                                   "project (that would delete their work everywhere); the lead disables the login "
                                   "instead."),
)

TABLE_NAMES = {
    "coders": QT_TRANSLATE_NOOP("team_dialogs", "coders"),
    "documents": QT_TRANSLATE_NOOP("team_dialogs", "documents"),
    "codes": QT_TRANSLATE_NOOP("team_dialogs", "codes"),
    "document_sets": QT_TRANSLATE_NOOP("team_dialogs", "document sets"),
    "document_set_members": QT_TRANSLATE_NOOP("team_dialogs", "set memberships"),
    "segments": QT_TRANSLATE_NOOP("team_dialogs", "segments"),
    "assignments": QT_TRANSLATE_NOOP("team_dialogs", "assignments"),
    "memos": QT_TRANSLATE_NOOP("team_dialogs", "memos"),
}


def rule_text(rule: str) -> str:
    return QCoreApplication.translate("ownership", rule)


def summary_text(report: Any) -> str:
    """What a sync moved, in the interface language (the core's own summary is English)."""
    def counts(items: list[tuple[str, int]]) -> str:
        return ", ".join(f"{n} {QCoreApplication.translate('team_dialogs', TABLE_NAMES[t])}" for t, n in items if n) \
            or QCoreApplication.translate("team_dialogs", "nothing")

    pushed = counts(list(report.pushed.items()))
    pulled = counts([(t, report.applied.count(t)) for t in TABLE_NAMES])
    return QCoreApplication.translate("team_dialogs", "pushed {pushed}; pulled {pulled}").format(
        pushed=pushed, pulled=pulled)


def when_text(stamp: str | None) -> str:
    """An ISO time from the server as local date and time; "never" for none."""
    if not stamp:
        return QCoreApplication.translate("team_dialogs", "never")
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _ServerDialog(QDialog):
    """A dialog whose first field is the server; OK stays off until it parses."""

    def __init__(self, parent: QWidget | None, *, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.server = QLineEdit()
        self.server.setPlaceholderText(QCoreApplication.translate("team_dialogs", "for example {url}").format(
            url=SERVER_HINT))
        self.server.setMinimumWidth(460)
        self.server.setToolTip(QCoreApplication.translate("team_dialogs", "A postgresql:// URL, 'host=… dbname=… user=…', or a service name from "
                                  "~/.pg_service.conf. A password typed here is used once and not stored."))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.form = QFormLayout()
        self.form.addRow(QCoreApplication.translate("team_dialogs", "Server:"), self.server)

    def finish(self, ok_text: str) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        self.buttons = _buttons(self, ok_text)
        layout.addWidget(self.buttons)
        self.server.textChanged.connect(self.check)
        self.check()

    def address(self):
        from annotator.core.team.credentials import ServerAddress

        return ServerAddress.parse(self.server.text())

    def check(self) -> bool:
        problem = ""
        if self.server.text().strip():
            try:
                self.address()
            except AnnotatorError as exc:
                problem = str(exc)
        else:
            problem = " "
        problem = problem or self.extra_problem()
        self.problem.setText(problem.strip())
        ok = not problem
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def extra_problem(self) -> str:
        return ""


class ShareDialog(_ServerDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent, title=QCoreApplication.translate("team_dialogs", "Share on a server"))
        intro = QLabel(QCoreApplication.translate("team_dialogs", "Upload this project to an empty PostgreSQL database (15 or newer) and lead it as a "
                          "team project: every coder gets a login of their own, and the server keeps coding "
                          "blind until you reveal a document. See the Team guide (docs/team.md)."))
        intro.setWordWrap(True)
        self.form.insertRow(0, intro)
        self.lead = QComboBox()
        self.lead.addItem(QCoreApplication.translate("team_dialogs", "(I do not code)"), None)
        for coder in project.coders():
            self.lead.addItem(coder.name, coder.name)
        self.form.addRow(QCoreApplication.translate("team_dialogs", "I code as:"), self.lead)
        self.passwords = QCheckBox(QCoreApplication.translate("team_dialogs", "Make a password for each coder's login"))
        self.passwords.setChecked(True)
        self.form.addRow("", self.passwords)
        self.finish(QCoreApplication.translate("team_dialogs", "Share"))

    def lead_coder(self) -> str | None:
        return self.lead.currentData()

    def with_passwords(self) -> bool:
        return self.passwords.isChecked()


class LoginsDialog(QDialog):
    """The coders' logins and passwords, shown once after sharing (or a reset)."""

    def __init__(self, report: Any, parent: QWidget | None = None, title: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or QCoreApplication.translate("team_dialogs", "Coders' logins"))
        layout = QVBoxLayout(self)
        logins = getattr(report, "logins", [report])
        lines = [login.line() for login in logins] + [f"note: {n}" for n in getattr(report, "notes", [])]
        explain = QLabel(QCoreApplication.translate("team_dialogs", "Give each coder their login and password. They are shown only now and stored "
                            "nowhere; a coder keeps theirs in ~/.pgpass (HOST:PORT:DATABASE:LOGIN:PASSWORD)."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        self.text.setMinimumSize(460, 160)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        copy = QPushButton(QCoreApplication.translate("team_dialogs", "Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        row.addWidget(copy)
        row.addStretch(1)
        close = QPushButton(QCoreApplication.translate("team_dialogs", "Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)


class JoinDialog(_ServerDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, title=QCoreApplication.translate("team_dialogs", "Join a team project"))
        self.coder_name = QLineEdit()
        self.coder_name.setPlaceholderText(QCoreApplication.translate("team_dialogs", "the coder name the lead gave you"))
        self.form.addRow(QCoreApplication.translate("team_dialogs", "Coder:"), self.coder_name)
        self.file = QLineEdit(str(folder / "team.annotator"))
        browse = QPushButton(QCoreApplication.translate("team_dialogs", "Choose…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.form.addRow(QCoreApplication.translate("team_dialogs", "New local file:"), row)
        self.coder_name.textChanged.connect(self.check)
        self.file.textChanged.connect(self.check)
        self.finish(QCoreApplication.translate("team_dialogs", "Join"))

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("team_dialogs", "Your copy of the team project"), self.file.text(),
                                              QCoreApplication.translate("team_dialogs", "Annotator projects (*.annotator)"))
        if path:
            self.file.setText(path if path.endswith(".annotator") else path + ".annotator")

    def extra_problem(self) -> str:
        if not getattr(self, "coder_name", None) or not self.coder_name.text().strip():
            return " "
        if Path(self.file.text()).exists():
            return QCoreApplication.translate("team_dialogs", "That file exists already: a team copy is a new file.")
        return ""

    def coder(self) -> str:
        return self.coder_name.text().strip()

    def path(self) -> str:
        return self.file.text().strip()


class RevealDialog(QDialog):
    def __init__(self, documents: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("team_dialogs", "Reveal for review"))
        layout = QVBoxLayout(self)
        explain = QLabel(QCoreApplication.translate("team_dialogs", "After the reveal, coders read everyone's codings of the document and their own "
                            "there become read-only. This cannot be undone."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.choice = QComboBox()
        self.choice.addItem(QCoreApplication.translate("team_dialogs", "Every document"), None)
        for name in documents:
            self.choice.addItem(name, name)
        layout.addWidget(self.choice)
        layout.addWidget(_buttons(self, QCoreApplication.translate("team_dialogs", "Reveal")))

    def document(self) -> str | None:
        return self.choice.currentData()


COLUMNS = 7  # coder, login, assigned, started, done, segments, last sync


class TeamStatusDialog(QDialog):
    """Who finished what; for the lead also the coders' administration and proposed codes."""

    def __init__(self, team: Any, address: Any, *, lead: bool) -> None:
        """``team`` is the window's ``TeamMenu`` (its jobs, its sync, its window)."""
        super().__init__(team.window)
        self.team, self.address, self.lead = team, address, lead
        self.setWindowTitle(QCoreApplication.translate("team_dialogs", "Team status"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.heading = QLabel(QCoreApplication.translate("team_dialogs", "Loading…"))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("team_dialogs", "Coder"), QCoreApplication.translate("team_dialogs", "Login"),
            QCoreApplication.translate("team_dialogs", "Assigned"),
            QCoreApplication.translate("team_dialogs", "Started"), QCoreApplication.translate("team_dialogs", "Done"),
            QCoreApplication.translate("team_dialogs", "Segments"),
            QCoreApplication.translate("team_dialogs", "Last sync")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.buttons: dict[str, QPushButton] = {}
        if lead:
            row = QHBoxLayout()
            for key, text, slot in (("add", QCoreApplication.translate("team_dialogs", "Add coder…"), self.add_coder),
                                    ("disable", QCoreApplication.translate("team_dialogs", "Disable"), lambda: self.set_enabled(False)),
                                    ("enable", QCoreApplication.translate("team_dialogs", "Enable"), lambda: self.set_enabled(True)),
                                    ("reset", QCoreApplication.translate("team_dialogs", "Reset password…"), self.reset_password)):
                button = QPushButton(text)
                button.clicked.connect(slot)
                row.addWidget(button)
                self.buttons[key] = button
            row.addStretch(1)
            layout.addLayout(row)
            layout.addWidget(QLabel(QCoreApplication.translate("team_dialogs", "Codes coders proposed (only they and you see them):")))
            self.proposals = QListWidget()
            self.proposals.setMaximumHeight(90)
            layout.addWidget(self.proposals)
            accept = QPushButton(QCoreApplication.translate("team_dialogs", "Accept into the codebook"))
            accept.clicked.connect(self.accept_code)
            self.buttons["accept"] = accept
            layout.addWidget(accept, 0, Qt.AlignmentFlag.AlignLeft)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.rules)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.status: Any = None

    # ---- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        from annotator.core.team.status import team_status

        self.team.run_on_server(self.address, QCoreApplication.translate("team_dialogs", "Team status"),
                                lambda _p, password: team_status(self.address, password=password), self.show_status)

    def show_status(self, status: Any) -> None:
        self.status = status
        self.heading.setText(QCoreApplication.translate("team_dialogs", "Team project '{project}' on {server} (lead: {lead}): {documents} documents, "
                                "{revealed} revealed for review.").format(
            project=status.project, server=status.where, lead=status.lead, documents=status.documents,
            revealed=status.revealed))
        self.table.setRowCount(len(status.coders))
        for row, coder in enumerate(status.coders):
            name = coder.name if coder.active else QCoreApplication.translate("team_dialogs", "{name} (disabled)").format(name=coder.name)
            values = (name, coder.login or "—", coder.assigned, coder.in_progress, coder.done, coder.segments,
                      when_text(coder.last_sync))
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setData(Qt.ItemDataRole.UserRole, coder.name)
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if self.lead:
            self.proposals.clear()
            for proposal in status.proposals:
                self.proposals.addItem(QCoreApplication.translate("team_dialogs", "{path} (by {coder})").format(path=proposal["path"], coder=proposal["by"]))
                self.proposals.item(self.proposals.count() - 1).setData(Qt.ItemDataRole.UserRole, proposal["path"])
        self.rules.setText(QCoreApplication.translate("team_dialogs", "Who owns what:") + "\n" + "\n".join(f"• {rule_text(rule)}" for rule in status.rules))

    def selected_coder(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    # ---- the lead's actions --------------------------------------------------------------------
    def add_coder(self, name: str | None = None) -> None:
        from annotator.core.team.administration import add_coder

        if not name:
            name, ok = QInputDialog.getText(self, QCoreApplication.translate("team_dialogs", "Add coder"), QCoreApplication.translate("team_dialogs", "Name of the new coder:"))
            if not ok or not name.strip():
                return
        self.team.run_on_server(self.address, QCoreApplication.translate("team_dialogs", "Add coder"),
                                lambda _p, password: add_coder(self.address, name, lead_password=password),
                                self._show_login)

    def set_enabled(self, enabled: bool, name: str | None = None) -> None:
        from annotator.core.team.administration import set_coder_enabled

        name = name or self.selected_coder()
        if not name:
            return
        self.team.run_on_server(
            self.address, QCoreApplication.translate("team_dialogs", "Enable coder") if enabled else QCoreApplication.translate("team_dialogs", "Disable coder"),
            lambda _p, password: set_coder_enabled(self.address, name, enabled, lead_password=password),
            lambda _login: self.reload())

    def reset_password(self, name: str | None = None) -> None:
        from annotator.core.team.administration import reset_password

        name = name or self.selected_coder()
        if not name:
            return
        self.team.run_on_server(self.address, QCoreApplication.translate("team_dialogs", "Reset password"),
                                lambda _p, password: reset_password(self.address, name, lead_password=password),
                                self._show_login)

    def accept_code(self, path: str | None = None) -> None:
        from annotator.core.team.administration import accept_code

        if path is None:
            item = self.proposals.currentItem()
            if item is None:
                return
            path = item.data(Qt.ItemDataRole.UserRole)
        self.team.run_on_server(self.address, QCoreApplication.translate("team_dialogs", "Accept code"),
                                lambda _p, password: accept_code(self.address, path, lead_password=password),
                                lambda _none: (self.reload(), self.team.sync.sync_now()))

    def _show_login(self, login: Any) -> None:
        self.reload()
        self.team.sync.sync_now()  # the lead's copy learns the new coder
        self.team.dialog = LoginsDialog(login, self, title=QCoreApplication.translate("team_dialogs", "Login"))
        self.team.dialog.open()
