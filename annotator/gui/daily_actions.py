"""The coder's daily loop in the main window: the Retrieved segments and Memos tabs, Manage coders, the
"who is coding?" question, and the keyboard flow (find, quick-pick a code, next/previous document and
coding, focus the code filter, mark done). The window calls ``populate`` with its menus.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from annotator.core.store import Project
from annotator.gui.coders_dialog import CodersDialog
from annotator.gui.coding_view import CodingView
from annotator.gui.memos_view import MemosView
from annotator.gui.project_bus import ProjectBus
from annotator.gui.retrieval_view import RetrievalView


class WindowHost(Protocol):
    """The main window as these actions use it (a protocol, so this module does not import the window
    that imports it)."""

    bus: ProjectBus
    coding: CodingView
    files: Any  # file_actions.FileActions
    act_done: QAction

    def register_view(self, name: str, title: str, widget: QWidget) -> None: ...
    def show_view(self, name: str) -> None: ...
    def show_status(self, text: str, timeout_ms: int = ...) -> None: ...


def coder_settings_key(project: Project) -> str:
    """Where the window remembers the active coder of one project (by its GUID: it survives moves)."""
    identity = project.meta("project_guid") or (str(project.path) if project.path else "memory")
    return f"coder/by-project/{identity}"


class DailyActions:
    def __init__(self, window: WindowHost) -> None:
        self.window = window
        self.bus = window.bus
        self.coding = window.coding
        self.retrieval = RetrievalView(self.bus)
        self.retrieval.status_message.connect(window.show_status)
        window.register_view("retrieval", QCoreApplication.translate("daily_actions", "Retrieved segments"), self.retrieval)
        self.memos = MemosView(self.bus)
        self.memos.status_message.connect(window.show_status)
        window.register_view("memos", QCoreApplication.translate("daily_actions", "Memos"), self.memos)
        self.coding.coder_needed.connect(self.ask_for_coder)
        self.coding.retrieve_requested.connect(self.retrieve_codes)

    def populate(self, edit: QMenu, view: QMenu, coder: QMenu) -> None:
        coding = self.coding
        edit.addSeparator()
        self.act_find = edit.addAction(QCoreApplication.translate("daily_actions", "Find in document…"), coding.find_in_document)
        self.act_find.setShortcut(QKeySequence.StandardKey.Find)
        self.act_pick = edit.addAction(QCoreApplication.translate("daily_actions", "Code selection by name…"), coding.quick_pick_code)
        self.act_pick.setShortcut(QKeySequence("Ctrl+K"))
        self.window.act_done.setShortcut(QKeySequence("Ctrl+D"))
        view.addSeparator()
        for text, keys, slot in (
                (QCoreApplication.translate("daily_actions", "Next document"), "Ctrl+PgDown", lambda: coding.step_document(1)),
                (QCoreApplication.translate("daily_actions", "Previous document"), "Ctrl+PgUp", lambda: coding.step_document(-1)),
                (QCoreApplication.translate("daily_actions", "Next coding"), "F8", lambda: coding.step_coding(1)),
                (QCoreApplication.translate("daily_actions", "Previous coding"), "Shift+F8", lambda: coding.step_coding(-1)),
                (QCoreApplication.translate("daily_actions", "Go to the code filter"), "Ctrl+L", coding.focus_code_filter),
                (QCoreApplication.translate("daily_actions", "Retrieved segments"), "Ctrl+Shift+R", lambda: self.window.show_view("retrieval")),
                (QCoreApplication.translate("daily_actions", "Memos"), "Ctrl+Shift+M", lambda: self.window.show_view("memos"))):
            action = view.addAction(text, slot)
            action.setShortcut(QKeySequence(keys))
        coder.addAction(QCoreApplication.translate("daily_actions", "Manage coders…"), lambda: CodersDialog(self.bus, self.window).exec())
        coding.import_requested.connect(self.window.files.import_documents)

    def ask_for_coder(self) -> None:
        """Nobody is coding yet (a new project): ask for a name; it becomes the active coder."""
        from annotator.core.coder_edits import AddCoder

        names = [c.name for c in self.bus.project.coders()]
        name, ok = QInputDialog.getItem(
            self.window, QCoreApplication.translate("daily_actions", "Who is coding?"),
            QCoreApplication.translate("daily_actions", "Your name as a coder (your codings are saved under it; agreement compares coders):"),
            names, 0 if names else -1, True)
        name = name.strip() if ok else ""
        if not name:
            return
        existing = self.bus.project.find_coder(name)
        if existing is not None:
            self.bus.set_coder(existing.id)
            return
        command = AddCoder(name)
        if self.bus.perform(command, self.window) and command.coder is not None:
            self.bus.set_coder(command.coder.id)

    def retrieve_codes(self, code_ids: list) -> None:
        """The codebook asked to list a code's codings: tick it in Retrieved segments and show the tab."""
        self.retrieval.tick_codes([int(c) for c in code_ids])
        self.window.show_view("retrieval")
