"""The Retrieved segments list: a thin table model over ``core.retrieval.retrieve``'s rows."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.retrieval import RetrievedSegment

COLUMNS = (QT_TRANSLATE_NOOP("RetrievalTableModel", "Document"), QT_TRANSLATE_NOOP("RetrievalTableModel", "Coder"),
           QT_TRANSLATE_NOOP("RetrievalTableModel", "Code"), QT_TRANSLATE_NOOP("RetrievalTableModel", "Excerpt"),
           QT_TRANSLATE_NOOP("RetrievalTableModel", "Memo"))
EXCERPT = 160  # characters shown in the cell; the tooltip has the whole passage
MEMO_MARK = "\u270e "  # ✎: a coding with a memo

Index = QModelIndex | QPersistentModelIndex


def one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class RetrievalTableModel(QAbstractTableModel):
    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RetrievedSegment] = []
        self._colours: dict[int, str] = {}
        self._titles: dict[int, str] = {}

    def reset(self, rows: list[RetrievedSegment], colours: dict[int, str], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._colours = dict(colours)
        self._titles = dict(titles)
        self.endResetModel()

    @property
    def rows(self) -> list[RetrievedSegment]:
        return self._rows

    def segment_at(self, row: int) -> RetrievedSegment:
        return self._rows[row]

    def row_of(self, segment_id: int) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == segment_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        seg = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self._titles.get(seg.document_id) or seg.document
            if column == 1:
                return seg.coder
            if column == 2:
                return seg.code
            if column == 3:
                return one_line(seg.text, EXCERPT)
            if column == 4:
                return MEMO_MARK + one_line(seg.memo, 80) if seg.memo else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return f"{seg.document} [{seg.start}\u2013{seg.end}]"
            if column == 3:
                return seg.text
            if column == 4:
                return seg.memo or None
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return QColor(self._colours.get(seg.code_id, "#999999"))
        if role == self.ID_ROLE:
            return seg.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section])
        return None
