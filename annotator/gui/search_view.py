"""The search view: a query with filters, a sortable keyword-in-context table, and "Code all hits".

Searching is a job on the job runner with its own connection to the project file (segmenting new
documents first can take seconds on a big corpus); a new search supersedes one still running. "Code all
hits" is one undoable edit performed on the project event bus; opening a hit asks the bus to show the
place in the coding workspace.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, QObject, QPersistentModelIndex,
    Qt, Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QStyledItemDelegate, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMenu,
    QMessageBox, QProgressBar, QPushButton, QSpinBox, QTableView, QToolButton, QVBoxLayout, QWidget,
)

from annotator.core.commands import Changes
from annotator.core.search import CodeHits, Hit, SearchFilters, search
from annotator.core.segmentation import ensure_segmented
from annotator.core.store import Project
from annotator.gui.jobs import JobContext
from annotator.gui.project_bus import Place, ProjectBus

_INDEX = QModelIndex | QPersistentModelIndex


class KwicModel(QAbstractTableModel):
    """Hits as rows: document, outlet, date, left context, keyword, right context, start, end."""

    COLUMNS = (QT_TRANSLATE_NOOP("KwicModel", "Document"), QT_TRANSLATE_NOOP("KwicModel", "Outlet"),
               QT_TRANSLATE_NOOP("KwicModel", "Date"), QT_TRANSLATE_NOOP("KwicModel", "Left context"),
               QT_TRANSLATE_NOOP("KwicModel", "Keyword"), QT_TRANSLATE_NOOP("KwicModel", "Right context"),
               QT_TRANSLATE_NOOP("KwicModel", "Start"), QT_TRANSLATE_NOOP("KwicModel", "End"))
    _KEYS: tuple[Callable[[Hit], object], ...] = (
        lambda h: (h.document_name, h.start), lambda h: (h.outlet, h.document_name, h.start),
        lambda h: (h.date, h.document_name, h.start), lambda h: h.left[::-1], lambda h: h.keyword,
        lambda h: h.right, lambda h: h.start, lambda h: h.end,
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("KwicModel", self.COLUMNS[section])
        return None

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (hit.document_name, hit.outlet, hit.date, hit.left, hit.keyword, hit.right,
                    hit.start, hit.end)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 3 or column >= 6:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 4:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.FontRole and column == 4:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.left}【{hit.keyword}】{hit.right}"
        if role == Qt.ItemDataRole.UserRole:
            return hit
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.hits.sort(key=self._KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


class LeftContextDelegate(QStyledItemDelegate):
    """Elide the left context at its start, so the words next to the keyword stay visible."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class SearchView(QWidget):
    """Corpus search on the project event bus (a private one when given a bare project or path)."""

    open_hit = Signal(int, int, int)  # document id, start, end (also asked of the bus as a Place)
    code_hits_requested = Signal(object)  # list[Hit] before coding (a list signal copies it)
    hits_coded = Signal(object)  # list[int]: the segment ids "Code all hits" created
    search_finished = Signal(int)  # number of hits
    search_failed = Signal(str)

    def __init__(self, source: ProjectBus | Project | str | os.PathLike[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = ProjectBus.of(source, self)
        self.context = 40

        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Word or phrase — 简体 or 繁體, English ignores case"))
        # Counting mentions: a hit is a whole word (Chinese as the segmenter cuts it), not any substring.
        self.query.setToolTip(self.tr("Finds whole words: Chinese as the segmenter cuts the documents, so 生物安全 "
                                      "does not find 生物安全法, which it keeps as one word. "
                                      "Ctrl+F in a document finds every occurrence of any text."))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run_search)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.clicked.connect(self.run_search)
        self.outlet = QComboBox()
        self.language = QComboBox()
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText(self.tr("from YYYY-MM-DD"))
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText(self.tr("to YYYY-MM-DD"))
        for box in (self.date_from, self.date_to):
            box.setMaximumWidth(130)
        self.filter_code = QComboBox()
        self.filter_coder = QComboBox()
        self.document_set = QComboBox()
        self.context_box = QSpinBox()
        self.context_box.setRange(5, 400)
        self.context_box.setValue(self.context)
        self.context_box.setSuffix(self.tr(" chars"))
        self.context_box.setToolTip(self.tr("Context shown each side of the keyword"))

        self.dictionary_button = QToolButton()
        self.dictionary_button.setText(self.tr("Dictionary"))
        self.dictionary_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.dictionary_button)
        menu.addAction(self.tr("Add word to the project dictionary…"), self._add_word)
        menu.addAction(self.tr("Remove word from the project dictionary…"), self._remove_word)
        self.dictionary_button.setMenu(menu)

        self.model = KwicModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((110, 80, 90, 300, 90, 300, 60, 60)):
            self.table.setColumnWidth(column, width)
        self._left_delegate = LeftContextDelegate(self.table)
        self.table.setItemDelegateForColumn(3, self._left_delegate)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)

        self.code_for_hits = QComboBox()
        self.coder_for_hits = QComboBox()
        self.code_button = QPushButton(self.tr("Code all hits"))
        self.code_button.setToolTip(self.tr("Code the selected hits (all hits when none is selected) in one edit"))
        self.code_button.clicked.connect(self.code_selected_hits)
        self.status = QLabel(self.tr("Type a word and press Enter."))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()

        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        top.addWidget(self.dictionary_button)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Set"), self.document_set), (self.tr("Outlet"), self.outlet),
                              (self.tr("Language"), self.language),
                              (self.tr("Date"), self.date_from), (None, self.date_to),
                              (self.tr("In code"), self.filter_code), (self.tr("by"), self.filter_coder),
                              (self.tr("Context"), self.context_box)):
            if label:
                filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(QLabel(self.tr("Code")))
        bottom.addWidget(self.code_for_hits)
        bottom.addWidget(QLabel(self.tr("as coder")))
        bottom.addWidget(self.coder_for_hits)
        bottom.addWidget(self.code_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.refresh_choices()
        if self.bus.coder_id is not None:
            self.set_current_coder(self.bus.coder_id)
        self.bus.subscribe(self, self._on_changes, self._replaced)
        self.bus.coder_changed.connect(self.set_current_coder)

    @property
    def project(self) -> Project:
        return self.bus.project

    def _on_changes(self, changes: Changes) -> None:
        if changes.codebook or changes.coders or changes.document_list or changes.sets:
            self.refresh_choices()

    def _replaced(self, _project: Project) -> None:
        self.model.set_hits([])
        self.status.setText(self.tr("Type a word and press Enter."))
        self.progress.hide()
        self.search_button.setEnabled(True)
        self.refresh_choices()

    # ---- choices -----------------------------------------------------------------------------

    def refresh_choices(self) -> None:
        """Re-read outlets, languages, codes and coders (after imports or codebook edits)."""
        outlets, languages = self.project.document_facets()  # read in SQL, not from every document
        _fill(self.outlet, self.tr("All outlets"), [(o, o) for o in outlets])
        _fill(self.language, self.tr("All languages"), [(language_name(code), code) for code in languages])
        codes = [(c.path, c.id) for c in self.project.codes()]
        coders = [(c.name, c.id) for c in self.project.coders()]
        _fill(self.document_set, self.tr("All documents"), [(s.name, s.id) for s in self.project.document_sets()])
        _fill(self.filter_code, self.tr("Any code"), codes)
        _fill(self.filter_coder, self.tr("Any coder"), coders)
        _fill(self.code_for_hits, None, codes)
        _fill(self.coder_for_hits, None, coders)
        self.code_button.setEnabled(bool(codes and coders))

    @property
    def current_code_id(self) -> int | None:
        return self.code_for_hits.currentData()

    @property
    def current_coder_id(self) -> int | None:
        return self.coder_for_hits.currentData()

    def set_current_code(self, code_id: int) -> None:
        _select(self.code_for_hits, code_id)

    def set_current_coder(self, coder_id: int) -> None:
        _select(self.coder_for_hits, coder_id)

    def filters(self) -> SearchFilters:
        return SearchFilters(
            outlet=self.outlet.currentData(), language=self.language.currentData(),
            date_from=self.date_from.text().strip() or None, date_to=self.date_to.text().strip() or None,
            code_id=self.filter_code.currentData(), coder_id=self.filter_coder.currentData(),
            document_ids=None if self.document_set.currentData() is None
            else self.project.set_members(int(self.document_set.currentData())))

    # ---- searching ---------------------------------------------------------------------------

    def run_search(self, query: str | None = None) -> None:
        if isinstance(query, str):
            self.query.setText(query)
        text = self.query.text().strip()
        if not text:
            return
        filters, context = self.filters(), self.context_box.value()
        self.status.setText(self.tr("Searching for “{text}”…").format(text=text))
        self.progress.show()
        self.search_button.setEnabled(False)

        def job(project: Project, context_: JobContext) -> list[Hit]:
            # New documents are segmented first, with progress (can take seconds on a big corpus).
            ensure_segmented(project, on_progress=context_.report)
            return search(project, text, filters, context=context)

        self.bus.jobs.run(job, title=self.tr("Search"), writable=True, key=f"search-{id(self)}",
                          on_done=self._show_hits, on_failed=self._failed, on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(self.tr("Segmenting documents: {done} of {total}…").format(done=done, total=total))

    def _show_hits(self, hits: object) -> None:
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.search_button.setEnabled(True)
        self.model.set_hits(hits)  # type: ignore[arg-type]
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        documents = len({h.document_id for h in self.model.hits})
        self.status.setText(self.tr("{0} hit(s) in {documents} document(s)").format(len(self.model.hits), documents=documents))
        self.status.setToolTip(self.query.toolTip())  # what a hit is, where the count is read
        self.search_finished.emit(len(self.model.hits))

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.search_button.setEnabled(True)
        self.status.setText(message)
        self.search_failed.emit(message)

    def _open_index(self, index: QModelIndex) -> None:
        hit = self.model.hits[index.row()]
        self.open_hit.emit(hit.document_id, hit.start, hit.end)
        self.bus.show_place(Place(hit.document_id, hit.start, hit.end))

    # ---- coding ------------------------------------------------------------------------------

    def selected_hits(self) -> list[Hit]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.hits[r] for r in rows] if rows else list(self.model.hits)

    def code_selected_hits(self) -> bool:
        """Code the selected hits (or all) with the chosen code and coder: one edit on the undo stack.

        Thousands of hits are written off the GUI thread; ``hits_coded`` says when they are in the file.
        """
        hits = self.selected_hits()
        code_id, coder_id = self.current_code_id, self.current_coder_id
        if not hits or code_id is None or coder_id is None:
            return False
        self.code_hits_requested.emit(hits)
        name = self.code_for_hits.currentText()
        command = CodeHits(hits, coder_id, code_id, code_name=name)

        def done(_changes: Changes) -> None:
            ids = command.segment_ids
            self.status.setText(self.tr("{0} hit(s) coded as {1} (Edit ▸ Undo reverts them all)").format(len(ids), name))
            self.hits_coded.emit(ids)

        if self.bus.perform(command, self, on_done=done) and self.bus.editing:
            self.status.setText(self.tr("Coding {0} hit(s) as {1}…").format(len(hits), name))
        return True

    # ---- dictionary --------------------------------------------------------------------------

    def _add_word(self) -> None:
        term, ok = QInputDialog.getText(self, self.tr("Project dictionary"),
                                        self.tr("Word to keep in one piece (e.g. 孕妇血样):"))
        if ok and term.strip():
            self.change_dictionary(add=[term.strip()])

    def _remove_word(self) -> None:
        from annotator.core.segmentation import dictionary_terms

        terms = dictionary_terms(self.project)
        if not terms:
            QMessageBox.information(self, self.tr("Project dictionary"), self.tr("The project dictionary is empty."))
            return
        term, ok = QInputDialog.getItem(self, self.tr("Project dictionary"), self.tr("Word to remove:"), terms, 0, False)
        if ok:
            self.change_dictionary(remove=[term])

    def change_dictionary(self, add: list[str] | None = None, remove: list[str] | None = None) -> None:
        """Add/remove dictionary words in a worker; documents containing them are segmented again."""
        from annotator.core import segmentation

        def job(project: Project, context: JobContext) -> int:
            if add:
                return len(segmentation.add_terms(project, add, on_progress=context.report))
            return len(segmentation.remove_terms(project, remove or [], on_progress=context.report))

        self.progress.show()
        self.status.setText(self.tr("Segmenting the documents that contain the word…"))
        self.bus.jobs.run(job, title=self.tr("Project dictionary"), writable=True, on_done=self._dictionary_changed,
                          on_failed=self._failed, on_progress=self._progress, announce=Changes(dictionary=True))

    def _dictionary_changed(self, count: object) -> None:
        self.progress.hide()
        self.status.setText(self.tr("Dictionary updated; {count} document(s) segmented again").format(count=count))
        if self.query.text().strip():
            self.run_search()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.bus.release()
        super().closeEvent(event)


LANGUAGE_NAMES = {"zh": "中文", "en": "English"}  # plain names; QLocale would say 简体中文 / American English


def language_name(code: str) -> str:
    """A document language code (zh, en) as the language names itself (中文, English); the code if unknown."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    locale = QLocale(code)
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage) or not locale.nativeLanguageName():
        return code
    return locale.nativeLanguageName()


def _fill(combo: QComboBox, everything: str | None, items: list[tuple[str, object]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if everything is not None:
        combo.addItem(everything, None)
    for text, data in items:
        combo.addItem(text, data)
    _select(combo, current)
    combo.blockSignals(False)


def _select(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


__all__ = ["KwicModel", "SearchView", "language_name"]
