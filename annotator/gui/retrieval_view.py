"""Retrieved segments: every coding of the ticked codes (and their sub-codes), filtered by coder,
document, document set and text; open one at its place, re-code, delete or edit its memo (undoable),
export the list. The same list as ``annotator segments list`` (``core.retrieval``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMenu,
    QMessageBox, QPushButton, QSplitter, QTableView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from annotator.core import commands
from annotator.core.commands import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.retrieval import RetrievalFilter, RetrievedSegment, retrieve
from annotator.core.segment_edits import RecodeSegments
from annotator.gui.codebook_panel import swatch
from annotator.gui.file_dialogs import start_dir
from annotator.gui.models.retrieval_table import RetrievalTableModel
from annotator.gui.project_bus import Place, ProjectBus

ALL = None  # the "All …" entry of a filter combo
IN_PLACE = 3000  # up to this many codings in the project the list is read at once; beyond, as a job


class RetrievalView(QWidget):
    """The Retrieved segments tab."""

    status_message = Signal(str)

    def __init__(self, bus: ProjectBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.codes = QTreeWidget()
        self.codes.setHeaderHidden(True)
        self.codes.setToolTip(self.tr("Tick codes to list their codings (with their sub-codes); none ticked: all"))
        self.codes.itemChanged.connect(lambda *_: self.refresh())
        clear = QPushButton(self.tr("All codes"))
        clear.clicked.connect(self._untick_all)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Codes</b>")))
        left_layout.addWidget(self.codes)
        left_layout.addWidget(clear)

        self.coder = QComboBox()
        self.document = QComboBox()
        self.document.setMinimumContentsLength(16)
        self.document.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document_set = QComboBox()
        for combo in (self.coder, self.document, self.document_set):
            combo.currentIndexChanged.connect(lambda *_: self.refresh())
        self.text = QLineEdit(placeholderText=self.tr("Filter by text or memo…"))
        self.text.setClearButtonEnabled(True)
        self.text.textChanged.connect(lambda *_: self.refresh())
        self.count = QLabel()
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Coder"), self.coder), (self.tr("Document"), self.document),
                              (self.tr("Set"), self.document_set)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.count)

        self.model = RetrievalTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)  # compact rows
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 180), (1, 80), (2, 190), (4, 200)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(lambda index: self.open_segment(index.row()))
        self.table.doubleClicked.connect(lambda index: self.open_segment(index.row()))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.installEventFilter(self)  # Delete deletes the selected codings

        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(lambda: self.open_segment(self.table.currentIndex().row()))
        self.recode_button = QPushButton(self.tr("Re-code as…"))
        self.recode_button.clicked.connect(self._recode_from_button)
        self.memo_button = QPushButton(self.tr("Edit memo…"))
        self.memo_button.clicked.connect(self.edit_memo)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton(self.tr("Export list…"))
        self.export_button.clicked.connect(self.export_list)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.recode_button, self.memo_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        bus.changed.connect(self.on_changes)
        bus.replaced.connect(lambda _project: self._mark_stale(filters=True))
        # The list is read when the tab is first shown (30,000 codings take a few hundred ms), and a
        # hidden tab only notes that it is stale: coding in the coding view never waits for it.
        self._stale_filters = self._stale_rows = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale_filters:
            self.reload()
        elif self._stale_rows:
            self.refresh()

    def _mark_stale(self, *, filters: bool) -> None:
        self._stale_filters = self._stale_filters or filters
        self._stale_rows = True
        if self.isVisible():
            self.showEvent(None)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_ids():
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    # ---- filters -------------------------------------------------------------------------------
    @property
    def project(self):
        return self.bus.project

    def reload(self) -> None:
        """Re-read codes, coders, documents and sets for the filters, keeping what was chosen."""
        self._stale_filters = False
        self._fill_codes()
        self._fill_combo(self.coder, self.tr("All coders"), [(c.name, c.id) for c in self.project.coders()])
        self._fill_combo(self.document, self.tr("All documents"),
                         [(d.title or d.name, d.id) for d in self.project.documents()])
        self._fill_combo(self.document_set, self.tr("All sets"),
                         [(s.name, s.id) for s in self.project.document_sets()])
        self.refresh()

    def _fill_codes(self) -> None:
        ticked = set(self.ticked_codes())
        self.codes.blockSignals(True)
        self.codes.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for code in self.project.codes():
            parent = items.get(code.parent_id) if code.parent_id is not None else None
            item = QTreeWidgetItem([code.name])
            item.setIcon(0, swatch(code.color))
            item.setData(0, Qt.ItemDataRole.UserRole, code.id)
            item.setToolTip(0, code.path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if code.id in ticked else Qt.CheckState.Unchecked)
            if parent is None:
                self.codes.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[code.id] = item
        self.codes.expandAll()
        self.codes.blockSignals(False)

    def _fill_combo(self, combo: QComboBox, everything: str, entries: list[tuple[str, int]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, ALL)
        for label, value in entries:
            combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def _untick_all(self) -> None:
        self.codes.blockSignals(True)
        for item in self._all_code_items():
            item.setCheckState(0, Qt.CheckState.Unchecked)
        self.codes.blockSignals(False)
        self.refresh()

    def _all_code_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.codes.topLevelItem(i) for i in range(self.codes.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def ticked_codes(self) -> list[int]:
        return sorted(int(i.data(0, Qt.ItemDataRole.UserRole)) for i in self._all_code_items()
                      if i.checkState(0) == Qt.CheckState.Checked)

    def tick_codes(self, code_ids: list[int]) -> None:
        """Show the codings of these codes (what choosing "Retrieve codings" on a code does)."""
        wanted = set(code_ids)
        self.codes.blockSignals(True)
        for item in self._all_code_items():
            item.setCheckState(0, Qt.CheckState.Checked if item.data(0, Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)
        self.codes.blockSignals(False)
        self.refresh()

    def current_filter(self) -> RetrievalFilter:
        def one(combo: QComboBox) -> list[int] | None:
            value = combo.currentData()
            return None if value is ALL else [int(value)]

        ticked = self.ticked_codes()
        return RetrievalFilter(code_ids=ticked or None, coder_ids=one(self.coder), document_ids=one(self.document),
                               set_ids=one(self.document_set), text=self.text.text())

    # ---- the list ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Query the list again, keeping the selected codings selected.

        A big project's list (thousands of codings) is read on the job runner, off the GUI thread; a
        newer request supersedes a running one.
        """
        self._stale_rows = False
        keep = set(self.selected_ids())
        current = self.table.currentIndex()
        current_id = self.model.segment_at(current.row()).id if current.isValid() else None
        wanted = self.current_filter()
        show = lambda rows: self._show_rows(rows, keep, current_id)  # noqa: E731
        if self.project.segment_count() <= IN_PLACE or self.project.path is None:
            show(retrieve(self.project, wanted))
            return
        self.count.setText(self.tr("Reading codings…"))
        self.job = self.bus.jobs.run(lambda project, _context: retrieve(project, wanted),
                                     title=self.tr("Retrieved segments"), key="retrieval", on_done=show,
                                     on_failed=lambda message: self.count.setText(message))

    def _show_rows(self, rows: list[RetrievedSegment], keep: set[int], current_id: int | None) -> None:
        colours = {c.id: c.color for c in self.project.codes()}
        titles = {d.id: d.title for d in self.project.documents()}
        self.model.reset(rows, colours, titles)
        self._reselect(keep, current_id)
        self._show_count()

    def _reselect(self, keep: set[int], current_id: int | None) -> None:
        selection = self.table.selectionModel()
        for row, seg in enumerate(self.model.rows):
            if seg.id in keep:
                selection.select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
            if seg.id == current_id:
                selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _show_count(self) -> None:
        rows = self.model.rows
        documents = len({s.document_id for s in rows})
        self.count.setText(self.tr("{0} codings in {1} documents").format(len(rows), documents))
        self._update_buttons()

    def on_changes(self, changes: Changes) -> None:
        if changes.codebook or changes.coders or changes.document_list or changes.sets:
            self._mark_stale(filters=True)
        elif changes.segment_ids and not changes.all_segments and self.isVisible() and not self._stale_rows:
            self._patch(changes.segment_ids)  # an edit of a few codings (often made from this list)
        elif changes.segments:
            self._mark_stale(filters=False)

    def _patch(self, ids: set[int]) -> None:
        """Re-read only the codings an edit touched and put them where they belong in the list."""
        keep = set(self.selected_ids())
        wanted = self.current_filter()
        wanted.segment_ids = sorted(ids)
        fresh = retrieve(self.project, wanted)
        rows = [r for r in self.model.rows if r.id not in ids] + fresh
        rows.sort(key=lambda r: (r.document_id, r.start, r.end, r.coder, r.code, r.id))
        self.model.reset(rows, self.model._colours, self.model._titles)
        self._reselect(keep, None)
        self._show_count()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.segment_at(r).id for r in rows if r < self.model.rowCount()]

    def selected(self) -> list[RetrievedSegment]:
        wanted = set(self.selected_ids())
        return [s for s in self.model.rows if s.id in wanted]

    def _update_buttons(self) -> None:
        chosen = len(self.selected_ids())
        self.open_button.setEnabled(chosen == 1)
        self.memo_button.setEnabled(chosen == 1)
        self.recode_button.setEnabled(chosen > 0)
        self.delete_button.setEnabled(chosen > 0)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    # ---- actions -------------------------------------------------------------------------------
    def open_segment(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            seg = self.model.segment_at(row)
            # Another coder's coding is shown beside one's own (Show other coders), never by switching the
            # coder: that is how people end up coding under someone else's name.
            self.bus.show_place(Place(seg.document_id, seg.start, seg.end,
                                      show_others=seg.coder_id != self.bus.coder_id))

    def _context_menu(self, point) -> None:
        row = self.table.indexAt(point).row()
        if row < 0:
            return
        if row not in {i.row() for i in self.table.selectionModel().selectedRows()}:
            self.table.selectRow(row)
        menu = QMenu(self)
        menu.addAction(self.tr("Open in the coding view"), lambda: self.open_segment(row)).setEnabled(
            len(self.selected_ids()) == 1)
        self._recode_menu(menu.addMenu(self.tr("Re-code as")))
        menu.addAction(self.tr("Edit memo…"), self.edit_memo).setEnabled(len(self.selected_ids()) == 1)
        menu.addAction(self.tr("Delete"), self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(point))

    def _recode_menu(self, menu: QMenu) -> None:
        for code in self.project.codes():
            action = menu.addAction(swatch(code.color), "    " * (code.level - 1) + code.name)
            action.triggered.connect(lambda _=False, c=code.id: self.recode(c))

    def _recode_from_button(self) -> None:
        menu = QMenu(self)
        self._recode_menu(menu)
        menu.exec(self.recode_button.mapToGlobal(self.recode_button.rect().bottomLeft()))

    def recode(self, code_id: int) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        command = RecodeSegments(ids, code_id)
        if self.bus.perform(command, self) and command.replaced:
            self.status_message.emit(self.tr("Re-coded; {0} other value(s) of the exclusive group replaced")
                                     .format(len(command.replaced)))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.bus.perform(commands.DeleteSegment(ids), self)

    def edit_memo(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        seg = chosen[0]
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Memo"), self.tr("Memo for “{0}”").format(
            seg.text[:60]), seg.memo)
        if ok and text != seg.memo:
            self.bus.perform(commands.SetMemo(seg.id, text), self)

    def export_list(self) -> None:
        from annotator.core.exporters.retrieved import export_retrieved_csv

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export retrieved segments"), start_dir(self.project, "retrieved-segments.csv"),
            self.tr("CSV files (*.csv)"))
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            count = export_retrieved_csv(path, self.model.rows)
        except (AnnotatorError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export retrieved segments"), str(exc))
            return
        self.status_message.emit(self.tr("{0} codings written to {1}").format(count, Path(path).name))
