"""The document list's context menu (open in a pane, properties, memo, sets, status, delete) and its
document-set filter. Every change is an undoable core edit performed on the project bus."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from annotator.core import commands
from annotator.core.document_edits import AddToSet, DeleteDocuments, RemoveFromSet
from annotator.gui.document_dialog import DocumentDialog
from annotator.gui.memos_view import edit_memo_on

from annotator.core.store import Project
from annotator.gui.project_bus import ProjectBus


class DocumentHost(Protocol):
    """The coding workspace as the document menu uses it (a protocol: the workspace imports this module)."""

    bus: ProjectBus
    panes: list[Any]
    status_message: Any  # Signal(str)

    @property
    def project(self) -> Project: ...

    @property
    def coder_id(self) -> int | None: ...

    def open_document(self, document_id: int, pane: Any = None) -> Any: ...


class DocumentFilter(QSortFilterProxyModel):
    """Text filter over every column, plus "only the documents of this set"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.allowed: set[int] | None = None
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_allowed(self, ids: set[int] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.allowed = ids
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.allowed = ids
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if self.allowed is not None:
            document_id = self.sourceModel().index(row, 0, parent).data(Qt.ItemDataRole.UserRole)
            if document_id not in self.allowed:
                return False
        return super().filterAcceptsRow(row, parent)


def show_properties(view: DocumentHost, document_id: int) -> bool:
    dialog = DocumentDialog(view.project, document_id, view)
    if dialog.exec() and dialog.command() is not None:
        return view.bus.perform(dialog.command(), view)  # type: ignore[arg-type]
    return False


def delete_documents(view: DocumentHost, document_ids: list[int], parent: QWidget) -> bool:
    project = view.project
    documents = project.documents(document_ids)
    codings = len(project.segments(document_ids=document_ids))
    memos = len(project.memos_of_documents(document_ids))
    names = ", ".join(f"“{d.title or d.name}”" for d in documents[:3]) + (" …" if len(documents) > 3 else "")
    question = QCoreApplication.translate("document_menu", "Delete {0} with {1} codings and {2} memos? Ctrl+Z brings them back.").format(
        names, codings, memos)
    if QMessageBox.question(parent, QCoreApplication.translate("document_menu", "Delete document"), question) != QMessageBox.StandardButton.Yes:
        return False
    command = DeleteDocuments(document_ids)
    if view.bus.perform(command, parent):
        view.status_message.emit(QCoreApplication.translate("document_menu", "Deleted {0} document(s) with {1} codings").format(
            len(document_ids), command.segments_deleted))
        return True
    return False


def document_menu(view: DocumentHost, document_id: int, parent: QWidget) -> QMenu:
    """What right-clicking a document in the list offers."""
    project = view.project
    menu = QMenu(parent)
    for number, pane in enumerate(view.panes, 1):
        action = menu.addAction(QCoreApplication.translate("document_menu", "Open in pane {0}").format(number),
                                lambda p=pane: view.open_document(document_id, p))
        action.setEnabled(pane.document_id != document_id)
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("document_menu", "Properties…"), lambda: show_properties(view, document_id))
    menu.addAction(QCoreApplication.translate("document_menu", "Document memo…"), lambda: edit_memo_on(view.bus, view, document_id=document_id))
    sets = project.document_sets()
    member_of = {s for s, _d in project.set_memberships([document_id])}
    add = menu.addMenu(QCoreApplication.translate("document_menu", "Add to set"))
    for document_set in sets:
        if document_set.id not in member_of:
            add.addAction(document_set.name, lambda n=document_set.name: view.bus.perform(AddToSet(n, [document_id]), view))
    add.addSeparator()
    add.addAction(QCoreApplication.translate("document_menu", "New set…"), lambda: _add_to_new_set(view, document_id))
    remove = menu.addMenu(QCoreApplication.translate("document_menu", "Remove from set"))
    for document_set in sets:
        if document_set.id in member_of:
            remove.addAction(document_set.name,
                             lambda s=document_set.id: view.bus.perform(RemoveFromSet(s, [document_id]), view))
    remove.setEnabled(bool(member_of))
    if view.coder_id is not None:
        menu.addSeparator()
        done = project.assignment_status(document_id, view.coder_id) == "done"
        if done:
            menu.addAction(QCoreApplication.translate("document_menu", "Mark not done"), lambda: view.bus.perform(
                commands.SetAssignment(document_id, view.coder_id, "in_progress"), view))
        else:
            menu.addAction(QCoreApplication.translate("document_menu", "Mark done"), lambda: view.bus.perform(
                commands.SetAssignment(document_id, view.coder_id, "done"), view))
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("document_menu", "Delete document…"), lambda: delete_documents(view, [document_id], parent))
    return menu


def _add_to_new_set(view: DocumentHost, document_id: int) -> None:
    name, ok = QInputDialog.getText(view, QCoreApplication.translate("document_menu", "New document set"),
                                    QCoreApplication.translate("document_menu", "Name of the set (an outlet, a wave, a sample):"))
    if ok and name.strip():
        view.bus.perform(AddToSet(name, [document_id]), view)
