"""The document list: a lazy table model over the project's SQL, for corpora of 100,000 articles.

Sorting and filtering run in SQL (``Project.document_list_ids``): the model keeps the ordered ids of the
current query, shows them ``FETCH`` rows at a time through Qt's ``canFetchMore``/``fetchMore`` (so a view
asks only for what it scrolls to), and reads the fields of the rows it is asked for a page at a time
(``Project.listed_documents``), keeping a bounded cache. Nothing iterates the corpus in Python, and no
per-row sort key is computed by Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.core.store import Project
from annotator.core.store.document_list import DocumentListQuery, ListedDocument

COLUMNS = ("Title", "Outlet", "Date", "Lang", "My status")  # translated in headerData / data
SORT_KEYS = ("title", "outlet", "date", "language", "status")  # the SQL order of each column
_FOR_LUPDATE = (QT_TRANSLATE_NOOP("DocumentTableModel", "Title"), QT_TRANSLATE_NOOP("DocumentTableModel", "Outlet"),
         QT_TRANSLATE_NOOP("DocumentTableModel", "Date"), QT_TRANSLATE_NOOP("DocumentTableModel", "Lang"),
         QT_TRANSLATE_NOOP("DocumentTableModel", "My status"), QT_TRANSLATE_NOOP("DocumentTableModel", "to do"),
         QT_TRANSLATE_NOOP("DocumentTableModel", "in progress"), QT_TRANSLATE_NOOP("DocumentTableModel", "done"))
STATUS_LABELS = {"assigned": "to do", "in_progress": "in progress", "done": "done", None: ""}

Index = QModelIndex | QPersistentModelIndex


class DocumentTableModel(QAbstractTableModel):
    FETCH = 1000  # rows revealed per fetchMore
    PAGE = 200  # rows read per query
    CACHE = 20_000  # rows kept; beyond this the cache starts again

    def __init__(self, project: Callable[[], Project | None] | None = None, parent=None,
                 columns: int = len(COLUMNS)) -> None:
        """``project`` returns the project to list (the bus's, which changes when another is opened);
        ``columns``: how many of ``COLUMNS`` to show (a picker shows only the title)."""
        super().__init__(parent)
        self._project = project or (lambda: None)
        self._columns = columns
        self.query = DocumentListQuery()
        self._ids: list[int] = []
        self._position: dict[int, int] | None = None  # id -> row, built when first needed
        self._shown = 0
        self._rows: dict[int, ListedDocument] = {}

    # ---- what is listed ---------------------------------------------------------------------------
    def set_source(self, project: Callable[[], Project | None]) -> None:
        self._project = project
        self.refresh()

    def set_query(self, **changes) -> None:
        """Change the filter, set, coder or order (``DocumentListQuery`` fields) and list again."""
        query = replace(self.query, **changes)
        if query != self.query:
            self.query = query
            self.refresh()

    def refresh(self) -> None:
        """Ask SQL for the ordered ids again (documents added, removed or renamed, another filter)."""
        project = self._project()
        ids = project.document_list_ids(self.query) if project is not None else []
        self.beginResetModel()
        self._ids = ids
        self._position = None
        self._shown = min(len(ids), self.FETCH)
        self._rows.clear()
        self.endResetModel()

    def reload_rows(self) -> None:
        """The listed fields changed (a status, a memo mark, a title) but not which documents: re-read rows."""
        if self.query.sort == "status":
            self.refresh()
            return
        self._rows.clear()
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, self._columns - 1))

    @property
    def total(self) -> int:
        """How many documents the query keeps (shown or not yet fetched)."""
        return len(self._ids)

    @property
    def ids(self) -> list[int]:
        """Every kept id, in order (do not modify)."""
        return self._ids

    def document_id(self, row: int) -> int:
        return self._ids[row]

    def listed(self, row: int) -> ListedDocument | None:
        """The row's fields (read with its page if not cached)."""
        if not 0 <= row < len(self._ids):
            return None
        document_id = self._ids[row]
        found = self._rows.get(document_id)
        if found is None:
            project = self._project()
            if project is None:
                return None
            if len(self._rows) > self.CACHE:
                self._rows.clear()
            first = row - row % self.PAGE
            for listed in project.listed_documents(self._ids[first:first + self.PAGE], self.query.coder_id):
                self._rows[listed.id] = listed
            found = self._rows.get(document_id)
        return found

    document_at = listed  # the row's document (its listed fields)

    def row_of(self, document_id: int) -> int:
        """The row of a document (fetching rows up to it), or -1 if the query does not keep it."""
        if self._position is None:
            self._position = {d: i for i, d in enumerate(self._ids)}
        row = self._position.get(document_id, -1)
        if row >= self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, row)
            self._shown = row + 1
            self.endInsertRows()
        return row

    # ---- Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._columns

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        count = min(self.FETCH, len(self._ids) - self._shown)
        if count > 0:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + count - 1)
            self._shown += count
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        doc = self.listed(index.row())
        if doc is None:
            return None
        column = index.column()
        if column == 0:
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{doc.name}\n{doc.length:,} " + self.tr("characters")
            return ("\u270e " if doc.has_memo else "") + doc.label
        if column == 1:
            return doc.outlet
        if column == 2:
            return doc.date
        if column == 3:
            return doc.language
        if column == 4:
            return self.tr(STATUS_LABELS.get(doc.status, "")) if doc.status else ""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < self._columns:
            return self.tr(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by SQL (the view's header calls this)."""
        if 0 <= column < min(len(SORT_KEYS), self._columns):
            self.set_query(sort=SORT_KEYS[column], descending=order == Qt.SortOrder.DescendingOrder)
        elif column < 0:  # no sort indicator: import order
            self.set_query(sort="id", descending=False)
