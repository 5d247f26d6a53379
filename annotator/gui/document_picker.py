"""Searchable document pickers for corpora of 100,000 articles: no widget or item per document.

``DocumentPicker`` (a pane's "which document") is a line edit naming the current document; typing in it
lists the matching documents (title, name, outlet, date or language, filtered in SQL) in a popup, from
which Up/Down and Enter or a click choose one. ``DocumentChecklist`` (the agreement scope) is a filter
field over a lazy list with check boxes, and remembers the ticked documents by name.
Both list through ``DocumentTableModel``, which reads only the rows on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QHBoxLayout, QLabel, QLineEdit, QListView, QToolButton, QVBoxLayout, QWidget,
)

from annotator.core.store import Project
from annotator.gui.models.document_table import DocumentTableModel

ProjectSource = Callable[[], Project | None]
_NAVIGATION = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End}


class DocumentPicker(QWidget):
    """Choose one document by typing part of its title (or name, outlet, date, language)."""

    chosen = Signal(int)  # a document id; the owner opens it and calls set_current

    def __init__(self, project: ProjectSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_id: int | None = None
        self._label = ""
        self.edit = QLineEdit(placeholderText=self.tr("Choose a document…"))
        self.edit.setToolTip(self.tr("Type part of a title, name, outlet or date to find a document"))
        self.edit.textEdited.connect(self._typed)
        self.edit.returnPressed.connect(self._enter)
        self.edit.editingFinished.connect(self._restore_if_left)
        self.edit.installEventFilter(self)  # focus in: the name is selected, so typing replaces it
        self.button = QToolButton(text="▾", toolTip=self.tr("List the documents"))
        self.button.setAutoRaise(True)
        self.button.clicked.connect(lambda: self.open_list(""))
        self.model = DocumentTableModel(project, self, columns=1)
        self.popup = QListView(self)  # a window of its own (Popup), deleted with the picker
        self.popup.setWindowFlags(Qt.WindowType.Popup)
        self.popup.setModel(self.model)
        self.popup.setUniformItemSizes(True)  # no per-row size probing in a long list
        self.popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.popup.clicked.connect(self._choose_index)
        # As a completer's popup: the field keeps the focus (typing goes on), the popup gets the keys first.
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.setFocusProxy(self.edit)
        self.popup.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    # ---- the current document -----------------------------------------------------------------------
    def set_current(self, document_id: int | None, label: str = "", tooltip: str = "") -> None:
        self.current_id = document_id
        self._label = label if document_id is not None else ""
        self.edit.setText(self._label)
        self.edit.setToolTip(tooltip or self.tr("Type part of a title, name, outlet or date to find a document"))
        self.edit.setCursorPosition(0)

    def text(self) -> str:
        """The current document's label ('' when the pane shows none)."""
        return self._label

    # ---- choosing ---------------------------------------------------------------------------------
    def open_list(self, text: str) -> None:
        """Show the documents matching ``text`` under the field (all of them for '')."""
        if text == self.model.query.text:
            self.model.refresh()  # the same filter: list what the project holds now
        else:
            self.model.set_query(text=text)
        if not self.model.rowCount():
            self.popup.hide()
            return
        self.popup.setCurrentIndex(self.model.index(0, 0))
        below = self.mapToGlobal(self.rect().bottomLeft())
        rows = min(12, self.model.rowCount())
        height = self.popup.sizeHintForRow(0) * rows + 2 * self.popup.frameWidth() + 2
        self.popup.setGeometry(below.x(), below.y(), max(self.width(), 260), height)
        if not self.popup.isVisible():
            self.popup.show()

    def _typed(self, text: str) -> None:
        if text.strip():
            self.open_list(text.strip())
        else:
            self.popup.hide()

    def _enter(self) -> None:
        if self.edit.text().strip() and self.edit.text() != self._label:
            self.model.set_query(text=self.edit.text().strip())
            if self.model.rowCount():
                self._choose_index(self.model.index(0, 0))

    def _choose_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.popup.hide()
        if index.isValid():
            document_id = self.model.document_id(index.row())
            if document_id != self.current_id:
                self.chosen.emit(document_id)
                return
        self.edit.setText(self._label)

    def _restore_if_left(self) -> None:
        if not self.popup.isVisible() and self.edit.text() != self._label:
            self.edit.setText(self._label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keys pressed while the popup is open: navigation and Enter/Escape for the list, the rest typed
        into the field (the popup has the keyboard, as a completer's does)."""
        if watched is self.edit and event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonRelease) \
                and self.edit.text() == self._label:
            QTimer.singleShot(0, self.edit.selectAll)  # after the click that gave the focus placed the cursor
            return False
        if watched is self.popup and event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # every key is the list's or the field's, none a shortcut (digits code the selection)
            return True
        if watched is self.popup and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in _NAVIGATION:
                return False
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose_index(self.popup.currentIndex())
                return True
            if key == Qt.Key.Key_Escape:
                self.popup.hide()
                self.edit.setText(self._label)
                return True
            QApplication.sendEvent(self.edit, event)
            return True
        return super().eventFilter(watched, event)


class CheckableDocumentModel(DocumentTableModel):
    """One column of document titles with check boxes; the ticked documents are kept by name (the
    agreement scope's key), whatever is listed at the moment."""

    def __init__(self, project: ProjectSource, parent=None) -> None:
        super().__init__(project, parent, columns=1)
        self.ticked: set[str] = set()

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid():
            doc = self.listed(index.row())
            return Qt.CheckState.Checked if doc is not None and doc.name in self.ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        doc = self.listed(index.row())
        if doc is None:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(doc.name)
        else:
            self.ticked.discard(doc.name)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def set_ticked(self, names: Iterable[str]) -> None:
        self.ticked = set(names)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0), [Qt.ItemDataRole.CheckStateRole])


class DocumentChecklist(QWidget):
    """Tick documents in a long list found by typing; none ticked means every document."""

    changed = Signal()

    def __init__(self, project: ProjectSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._stale = True
        self.filter = QLineEdit(placeholderText=self.tr("Find documents…"), clearButtonEnabled=True)
        self.filter.textChanged.connect(lambda text: self.model.set_query(text=text.strip()))
        self.model = CheckableDocumentModel(project, self)
        self.model.dataChanged.connect(lambda *_: self._update_label())
        self.model.modelReset.connect(self._update_label)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        tick = QToolButton(text=self.tr("Tick listed"), toolTip=self.tr("Tick every document the filter lists"))
        tick.clicked.connect(self.tick_listed)
        clear = QToolButton(text=self.tr("Untick all"))
        clear.clicked.connect(lambda: self.set_ticked([]))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(tick)
        buttons.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        """Documents were added or removed: list again (ticks of documents still there stay). A hidden
        list waits until it is shown (the agreement tab is not open at start-up)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.model.refresh()
        project = self._project()
        if project is not None and self.model.ticked:
            self.model.ticked &= set(project.document_names().values())
        self._update_label()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def ticked(self) -> list[str]:
        return sorted(self.model.ticked)

    @property
    def total(self) -> int:
        """How many documents are listed (for a hidden list: after listing them now)."""
        if self._stale:
            self._stale = False
            self.model.refresh()
        return self.model.total

    def set_ticked(self, names: Iterable[str]) -> None:
        self.model.set_ticked(names)
        self._update_label()
        self.changed.emit()

    def tick_listed(self) -> None:
        """Tick what the filter lists (all its matches, also those not scrolled to yet)."""
        project = self._project()
        if project is None or not self.total:
            return
        self.set_ticked(self.model.ticked | {d.name for d in project.listed_documents(self.model.ids)})

    def _update_label(self) -> None:
        count = len(self.model.ticked)
        self.summary.setText(self.tr("{0} ticked").format(count) if count else self.tr("None ticked: all documents"))
        self.changed.emit()
