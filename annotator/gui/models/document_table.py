"""The document list: a thin table model over ``Project.documents()`` plus the current coder's status."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.core.model import Document

COLUMNS = ("Title", "Outlet", "Date", "Lang", "My status")  # translated in headerData / data
_FOR_LUPDATE = (QT_TRANSLATE_NOOP("DocumentTableModel", "Title"), QT_TRANSLATE_NOOP("DocumentTableModel", "Outlet"),
         QT_TRANSLATE_NOOP("DocumentTableModel", "Date"), QT_TRANSLATE_NOOP("DocumentTableModel", "Lang"),
         QT_TRANSLATE_NOOP("DocumentTableModel", "My status"), QT_TRANSLATE_NOOP("DocumentTableModel", "to do"),
         QT_TRANSLATE_NOOP("DocumentTableModel", "in progress"), QT_TRANSLATE_NOOP("DocumentTableModel", "done"))
STATUS_LABELS = {"assigned": "to do", "in_progress": "in progress", "done": "done", None: ""}

Index = QModelIndex | QPersistentModelIndex


class DocumentTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._documents: list[Document] = []
        self._status: dict[int, str] = {}
        self._with_memo: set[int] = set()  # documents with a memo: marked ✎ after the title

    def reset(self, documents: list[Document], status: dict[int, str]) -> None:
        self.beginResetModel()
        self._documents = list(documents)
        self._status = dict(status)
        self.endResetModel()

    def set_status(self, status: dict[int, str]) -> None:
        self._status = dict(status)
        if self._documents:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self._documents) - 1, 4))

    def set_memo_documents(self, ids: set[int]) -> None:
        self._with_memo = set(ids)
        if self._documents:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._documents) - 1, 0))

    def document_at(self, row: int) -> Document:
        return self._documents[row]

    def row_of(self, document_id: int) -> int:
        for row, doc in enumerate(self._documents):
            if doc.id == document_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._documents)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._documents)):
            return None
        doc = self._documents[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return ("\u270e " if doc.id in self._with_memo else "") + (doc.title or doc.name) \
                    if role == Qt.ItemDataRole.DisplayRole else \
                    f"{doc.name}\n{doc.length:,} " + self.tr("characters")
            if column == 1:
                return doc.outlet
            if column == 2:
                return doc.date
            if column == 3:
                return doc.language
            if column == 4:
                return self.tr(STATUS_LABELS.get(self._status.get(doc.id), "")) if self._status.get(doc.id) else ""
        if role == Qt.ItemDataRole.UserRole:
            return doc.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section])
        return None
