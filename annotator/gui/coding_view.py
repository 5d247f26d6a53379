"""The coding workspace (the ``main`` view): document list, article panes, codebook panel and inspector.

It shows the bus's current coder with the blind-coding switch, turns user gestures into core commands
performed on the project event bus, and refreshes from the bus only what each ``Changes`` names.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QLineEdit, QMenu, QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from annotator.core import commands
from annotator.core.boundaries import nudge_in_project
from annotator.core.exclusive import ExclusiveGroups
from annotator.core.model import Code, Coder, Segment
from annotator.core.store import DocumentListQuery, ListedDocument, Project
from annotator.core.segmentation import snap_in_project
from annotator.gui.codebook_panel import CodebookPanel
from annotator.gui.document_menu import document_menu
from annotator.gui.document_pane import DocumentPane, alt_held
from annotator.gui.font_check import hint_if_no_emoji_font
from annotator.gui.inspector import Inspector
from annotator.gui.models.document_table import DocumentTableModel
from annotator.gui.project_bus import Place, ProjectBus
from annotator.gui.span_index import Coding, codings

DIGITS = "123456789"


# Above this many codings the project-wide codebook counts are taken in a job (the window does not wait).
BACKGROUND_COUNTS = 200_000


def _picker_tooltip(doc: ListedDocument) -> str:
    return " · ".join(part for part in (doc.name, doc.outlet, doc.date) if part)


class CodingView(QWidget):
    status_message = Signal(str)
    status_note = Signal(str)  # added to the message already shown (what just happened), not replacing it
    coders_changed = Signal()
    coder_needed = Signal()  # nobody is coding yet: the window asks who (synchronously)
    import_requested = Signal()  # the empty project's "Import documents…" button
    retrieve_requested = Signal(list)  # code ids whose codings to list in Retrieved segments

    def __init__(self, bus: ProjectBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.show_others = False
        self.sync_scrolling = False
        self.last_code_id: int | None = None
        self.codes: list[Code] = []
        self.code_by_id: dict[int, Code] = {}
        self.colours: dict[int, QColor] = {}
        self.coders: dict[int, Coder] = {}
        self.keys: dict[int, str] = {}
        self._shortcuts: list[QShortcut] = []
        self._syncing = False
        self.panes: list[DocumentPane] = []
        self.active_pane: DocumentPane | None = None
        self.inspected_document: int | None = None  # the document of the codings in the inspector
        self._counts: dict[int | None, dict[int, int]] = {}  # project-wide counts by whose codings (None: all)

        # The list is sorted and filtered in SQL and read a page at a time (100,000 articles open at once).
        self.doc_model = DocumentTableModel(lambda: self.bus.project, self)
        self.doc_proxy = self.doc_model  # the model the list shows (it used to be a sort/filter proxy)
        self.doc_filter = QLineEdit(placeholderText=self.tr("Filter documents…"), clearButtonEnabled=True)
        self.doc_filter.textChanged.connect(lambda text: self.doc_model.set_query(text=text.strip()))
        self.doc_set = QComboBox()
        self.doc_set.setToolTip(self.tr("Show the documents of one document set"))
        self.doc_set.currentIndexChanged.connect(lambda _i: self._apply_set_filter())
        self.doc_table = QTableView()
        self.doc_table.setModel(self.doc_model)
        self.doc_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.doc_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.doc_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # import order first
        self.doc_table.setSortingEnabled(True)
        self.doc_table.verticalHeader().hide()
        self.doc_table.horizontalHeader().setStretchLastSection(True)
        self.doc_table.setWordWrap(False)
        self.doc_table.activated.connect(self._open_from_list)
        self.doc_table.clicked.connect(self._open_from_list)
        self.doc_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.doc_table.customContextMenuRequested.connect(self._document_context_menu)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.doc_filter)
        left_layout.addWidget(self.doc_set)
        left_layout.addWidget(self.doc_table)

        self.pane_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.pane_splitter.setChildrenCollapsible(False)

        self.codebook = CodebookPanel(self)
        self.codebook.code_clicked.connect(lambda code_id: self.apply_code(code_id, from_click=True))
        self.codebook.retrieve_requested.connect(lambda code_id: self.retrieve_requested.emit([code_id]))
        self.codebook.memo_requested.connect(self._edit_code_memo)
        self.inspector = Inspector()
        self.inspector.delete_requested.connect(lambda seg_id: self.perform(commands.DeleteSegment(seg_id)))
        self.inspector.recode_requested.connect(
            lambda seg_id, code_id: self.perform(commands.UpdateSegment(seg_id, "re-code", code_id=code_id)))
        self.inspector.memo_changed.connect(self._save_memo)
        self.inspector.nudge_requested.connect(self.adjust_boundary)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.codebook)
        right.addWidget(self.inspector)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)

        from annotator.gui.new_project_dialog import ImportHint

        self.import_hint = ImportHint()  # an empty project shows the next step instead of blank panes
        self.import_hint.import_requested.connect(self.import_requested)
        self.middle = QStackedWidget()
        self.middle.addWidget(self.pane_splitter)
        self.middle.addWidget(self.import_hint)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 900, 300])
        self.right_splitter = right
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        for keys, which, delta in (("Alt+Shift+Right", "end", 1), ("Alt+Shift+Left", "end", -1),
                                   ("Alt+Ctrl+Right", "start", 1), ("Alt+Ctrl+Left", "start", -1)):
            shortcut = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda w=which, d=delta: self.adjust_boundary(w, d))

        self.reload()
        self.add_pane()
        self.add_pane()
        self.open_initial_documents()
        bus.subscribe(self, self.on_changes, self._project_replaced)  # hidden (another tab): changes wait
        bus.coder_changed.connect(self._coder_changed)

    @property
    def project(self) -> Project:
        return self.bus.project

    @property
    def coder_id(self) -> int | None:
        """The coder coding now; None in a new project until someone says who is coding."""
        return self.bus.coder_id

    def open_initial_documents(self, only_empty: bool = False) -> None:
        """First pane: the first document; second: the first one in another language, to compare.

        ``only_empty``: fill just the panes that show nothing (after the first import into a new project).
        """
        panes = [p for p in self.panes if p.document_id is None] if only_empty else self.panes
        shown = {p.document_id for p in self.panes if p.document_id is not None} if only_empty else set()
        # The first documents in import order are enough to choose from (no need to read 100,000).
        unfiltered = self.doc_model.query == DocumentListQuery(coder_id=self.doc_model.query.coder_id)
        ids = self.doc_model.ids if unfiltered else self.project.document_list_ids(DocumentListQuery())
        first_ids = ids[:200 + len(shown)]
        docs = self.project.listed_documents(first_ids)
        if not docs:
            for pane in panes:
                pane.show_nothing()
            return
        unseen = [d for d in docs if d.id not in shown] or docs
        first = unseen[0]
        contrast = next((d for d in unseen if d.language != first.language), unseen[min(1, len(unseen) - 1)])
        for pane, doc in zip(panes, [first, contrast] + unseen[1:]):
            self.open_document(doc.id, pane)
        if not only_empty:
            self.active_pane = self.panes[0]
            self._refresh_counts()  # the counts (and their caption) follow the active pane

    # ---- CodingContext for the panes ------------------------------------------------------------
    def code_colour(self, code_id: int) -> QColor:
        return self.colours.get(code_id) or QColor("#999999")

    def coder_colour(self, coder_id: int) -> QColor:
        coder = self.coders.get(coder_id)
        return QColor(coder.color) if coder else QColor("#555555")

    def code_name(self, code_id: int) -> str:
        code = self.code_by_id.get(code_id)
        return code.path if code else "?"

    def coder_name(self, coder_id: int) -> str:
        coder = self.coders.get(coder_id)
        return coder.name if coder else "?"

    def own_coder_id(self) -> int | None:
        return self.coder_id

    def visible_segments(self, document_id: int, ids: set[int] | None = None) -> list[Segment]:
        """Blind coding: only the current coder's segments unless other coders are shown.

        With ``ids``, only those segments (the ones an edit touched) that still exist.
        """
        if ids is not None:  # one query for the document, whatever the number of ids
            coder_ids = None if self.show_others else [self.coder_id]
            return [s for s in self.project.segments(document_id=document_id, coder_ids=coder_ids) if s.id in ids]
        coder_ids = None if self.show_others else [self.coder_id]
        return self.project.segments(document_id=document_id, coder_ids=coder_ids)

    def visible_codings(self, document_id: int) -> list[Coding]:
        """``visible_segments`` as the five numbers drawing needs (cheap for a crowded article)."""
        coder_ids = None if self.show_others else [self.coder_id]
        return codings(self.project.segment_codings(document_id, coder_ids))

    def load_segments(self, ids: list[int]) -> list[Segment]:
        return self.project.segments_by_id(ids)

    def fill_context_menu(self, pane: DocumentPane, menu: QMenu, offset: int) -> None:
        self.active_pane = pane
        code_menu = menu.addMenu(self.tr("Code selection as"))
        code_menu.setEnabled(pane.selected_span() is not None)
        for code in self.codes:
            action = code_menu.addAction("    " * (code.level - 1) + code.name)
            action.triggered.connect(lambda _=False, c=code.id: self.apply_code(c))
        repeat = menu.addAction(self.tr("Repeat last code"))
        repeat.setEnabled(self.last_code_id is not None and pane.selected_span() is not None)
        repeat.triggered.connect(self.repeat_last_code)
        hits = [s for s in (pane.editor.span_index.segments_at(offset) if pane.editor.span_index else [])
                if s.coder_id == self.coder_id]
        for seg in hits:
            action = menu.addAction(self.tr("Delete coding '{0}'").format(self.code_name(seg.code_id)))
            action.triggered.connect(lambda _=False, s=seg.id: self.perform(commands.DeleteSegment(s)))

    # ---- CodebookHost ---------------------------------------------------------------------------
    def perform(self, command: commands.Command) -> bool:
        return self.bus.perform(command, self)

    def segment_count(self, code_ids: list[int]) -> int:
        return self.project.segment_count(code_ids=code_ids)

    # ---- loading and refreshing -----------------------------------------------------------------
    def reload(self) -> None:
        """Re-read codebook, coders and the document list (after opening, importing or a codebook edit)."""
        self.coders = {c.id: c for c in self.project.coders()}
        self._reload_codes()
        self._reload_sets()
        self.doc_model.query = replace(self.doc_model.query, coder_id=self.coder_id)
        self.doc_model.refresh()
        self._reload_memo_marks()
        self._fit_list_columns()
        self._show_hint_if_empty()

    def _fit_list_columns(self) -> None:
        """Column widths from the font, not from measuring every row (titles elide; the tooltip has all)."""
        metrics = self.doc_table.fontMetrics()
        for column, sample in enumerate(("M" * 14, "M" * 9, "2024-12-31", "zh-Hant")):
            self.doc_table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 12)

    def _show_hint_if_empty(self) -> None:
        empty = self.project.document_count() == 0
        self.middle.setCurrentWidget(self.import_hint if empty else self.pane_splitter)

    def _reload_sets(self) -> None:
        """The document-set filter above the list, keeping the chosen set."""
        current = self.doc_set.currentData()
        self.doc_set.blockSignals(True)
        self.doc_set.clear()
        self.doc_set.addItem(self.tr("All documents"), None)
        for document_set in self.project.document_sets():
            self.doc_set.addItem(self.tr("Set: {0}").format(document_set.name), document_set.id)
        index = self.doc_set.findData(current)
        self.doc_set.setCurrentIndex(index if index >= 0 else 0)
        self.doc_set.blockSignals(False)
        self.doc_set.setVisible(self.doc_set.count() > 1)
        self._apply_set_filter()

    def _apply_set_filter(self) -> None:
        set_id = self.doc_set.currentData()
        self.doc_model.set_query(set_id=None if set_id is None else int(set_id))

    def _reload_memo_marks(self) -> None:
        """✎ on documents and codes that have a memo."""
        self.doc_model.reload_rows()  # the list reads its ✎ marks with its rows
        self.codebook.memo_codes = self.project.codes_with_memos()

    def _reload_codes(self) -> None:
        self.codes = self.project.codes()
        self.code_by_id = {c.id: c for c in self.codes}
        self.colours = {c.id: QColor(c.color) for c in self.codes}
        taken = {c.shortcut for c in self.codes if c.shortcut}
        free = iter(d for d in DIGITS if d not in taken)
        self.keys = {}
        for code in self.codes:
            key = code.shortcut or next(free, "")
            if key:
                self.keys[code.id] = key
        self._install_shortcuts()
        self.inspector.set_names(self.codes, {i: c.name for i, c in self.coders.items()})
        self._refresh_counts()

    def _install_shortcuts(self) -> None:
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._shortcuts = []
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for code_id, key in self.keys.items():
            for prefix, snap in (("", True), ("Alt+", False)):
                shortcut = QShortcut(QKeySequence(prefix + key), self, context=context)
                shortcut.activated.connect(lambda c=code_id, s=snap: self.apply_code(c, snap=s))
                self._shortcuts.append(shortcut)

    def _project_counts(self) -> dict[int, int]:
        """Codings per code in the whole project, for the current coder (or every coder), kept until an
        edit; counted in a job where the project has many codings (3 M take a second), meanwhile empty."""
        if self.coder_id is None and not self.show_others:
            return {}
        key = None if self.show_others else self.coder_id
        if key in self._counts:
            return self._counts[key]
        if self.project.segment_count_estimate() < BACKGROUND_COUNTS:
            self._counts[key] = self.project.segment_counts_by_code(coder_id=key)
            return self._counts[key]

        def counted(counts: dict[int, int], key=key, project=self.project) -> None:
            if project is self.project:
                self._counts[key] = counts
                self._refresh_counts()

        self.bus.jobs.run(lambda project, _context: project.segment_counts_by_code(coder_id=key),
                          title=self.tr("Counting codings"), key=f"codebook-counts-{id(self)}", on_done=counted)
        return {}

    def _refresh_counts(self) -> None:
        """The codebook's counts: in the active pane's document (the column is named after it) and in all."""
        in_project = self._project_counts()
        in_document: dict[int, int] = {}
        pane = self.active_pane
        title = None
        if pane and pane.document_id is not None and pane.editor.span_index:
            in_document = pane.editor.span_index.code_counts()
            title = pane.picker.text() or None
        whose = self.tr("every coder") if self.show_others else self.coder_name(self.coder_id)
        self.codebook.set_count_labels(title, whose)
        self.codebook.refresh(self.codes, self.keys, in_document, in_project)

    def on_changes(self, changes: commands.Changes) -> None:
        """Refresh from one announcement on the bus: only what ``changes`` names."""
        if changes.segments or changes.codebook or changes.coders or changes.document_list:
            self._counts.clear()
        if changes.coders:
            self.coders = {c.id: c for c in self.project.coders()}
            self.inspector.set_names(self.codes, {i: c.name for i, c in self.coders.items()})
        if changes.codebook:
            self._reload_codes()
        if changes.codebook or changes.coders:
            for pane in self.panes:
                pane.editor.recolour()
        if changes.document_list:
            self._reload_documents()
        if changes.sets:
            self._reload_sets()
        if changes.documents_added and (self.doc_set.currentData() is not None or self.doc_filter.text().strip()):
            # Imported documents belong to no set yet and need not match the typed filter: a narrowed list
            # would hide them.
            self.doc_filter.clear()
            self.doc_set.setCurrentIndex(0)
            self.status_note.emit(self.tr("the document list shows all documents again"))
        if changes.memos or changes.document_list or changes.codebook:
            self._reload_memo_marks()
            if changes.memos and not changes.codebook:
                self._refresh_counts()  # redraws the codebook with its memo marks
        incremental = bool(changes.segment_ids) and not changes.codebook and not changes.all_segments
        for pane in self.panes:
            if changes.segments_changed_in(pane.document_id):
                pane.refresh_segments(changes.segment_ids if incremental else None)
        if changes.assignments:
            self.doc_model.reload_rows()
        if changes.segments or changes.codebook:
            self._refresh_counts()
        if changes.segments or changes.codebook or changes.coders:
            self._refresh_inspector()

    def _reload_documents(self) -> None:
        """Documents were added, removed or renamed: the list, the pickers, panes whose document went."""
        self.doc_model.refresh()
        wanted = [p.document_id for p in self.panes if p.document_id is not None] + \
            ([self.inspected_document] if self.inspected_document is not None else [])
        listed = {d.id: d for d in self.project.listed_documents(wanted)}
        for pane in self.panes:
            if pane.document_id is not None and pane.document_id not in listed:
                pane.show_nothing()
            elif pane.document_id is not None:  # the title may have changed
                doc = listed[pane.document_id]
                pane.picker.set_current(doc.id, doc.label, _picker_tooltip(doc))
        if self.inspected_document is not None and self.inspected_document not in listed:
            self.inspect([])
        if any(p.document_id is None for p in self.panes):
            self.open_initial_documents(only_empty=True)
        self._show_hint_if_empty()

    def _project_replaced(self, _project: Project) -> None:
        self._counts.clear()
        self.inspect([])
        self.last_code_id = None
        for pane in self.panes:  # the old project's text and codings must not be counted or shown
            pane.show_nothing()
        self.reload()
        self.open_initial_documents()
        self._refresh_counts()

    def _save_memo(self, segment_id: int, memo: str) -> None:
        if self.perform(commands.SetMemo(segment_id, memo)):
            self.inspector.memo_saved()
            self.status_message.emit(self.tr("Memo saved") if memo.strip() else self.tr("Memo removed"))

    # ---- the inspector ----------------------------------------------------------------------------
    def inspect(self, segments: list[Segment], keep: int | None = None) -> None:
        """Show ``segments`` (all of one document) in the inspector and outline them where that document
        is shown; an empty list clears the inspector and every outline."""
        document_id = segments[0].document_id if segments else None
        self.inspected_document = document_id
        text = next((p.editor.text for p in self.panes if p.document_id == document_id), None) \
            if document_id is not None else ""
        if text is None:
            text = self.project.document_text(document_id)  # type: ignore[arg-type]
        self.inspector.show_segments(segments, text, keep=keep)
        for pane in self.panes:
            pane.editor.mark_segments(segments if pane.document_id == document_id else [])

    def _refresh_inspector(self) -> None:
        """After an edit: keep inspecting the codings that still exist (and the current coder may see)."""
        if self.inspected_document is None:
            return
        current = self.inspector.current()
        wanted = {s.id for s in self.inspector.segments}
        alive = [s for s in self.visible_segments(self.inspected_document) if s.id in wanted]
        self.inspect(alive, keep=current.id if current else None)

    # ---- panes ---------------------------------------------------------------------------------
    def add_pane(self) -> DocumentPane:
        pane = DocumentPane(self, project=lambda: self.bus.project)
        pane.document_changed.connect(lambda doc_id, p=pane: self.open_document(doc_id, p))
        pane.segment_clicked.connect(lambda ids, p=pane: self._segments_clicked(p, ids))
        pane.close_requested.connect(lambda p=pane: self.remove_pane(p))
        pane.editor.selectionChanged.connect(lambda p=pane: self._activate(p))
        pane.activated.connect(lambda p=pane: self._activate(p))
        pane.editor.verticalScrollBar().valueChanged.connect(lambda _v, p=pane: self._sync_scroll(p))
        self.panes.append(pane)
        self.pane_splitter.addWidget(pane)
        if self.active_pane is None:
            self.active_pane = pane
        return pane

    def remove_pane(self, pane: DocumentPane) -> None:
        if len(self.panes) <= 1:
            return
        self.panes.remove(pane)
        if self.active_pane is pane:
            self.active_pane = self.panes[0]
        pane.setParent(None)
        pane.deleteLater()
        self._refresh_counts()

    def _activate(self, pane: DocumentPane) -> None:
        if self.active_pane is not pane:
            self.active_pane = pane
            self._refresh_counts()

    def open_document(self, document_id: int, pane: DocumentPane | None = None) -> DocumentPane:
        pane = pane or self.active_pane or self.panes[0]
        listed = self.project.listed_documents([document_id])
        label, tooltip = (listed[0].label, _picker_tooltip(listed[0])) if listed else ("", "")
        text = self.project.document_text(document_id)
        pane.show_document(document_id, text, label, tooltip)
        if self.isVisible() and not text.isascii():
            hint_if_no_emoji_font(self, text)  # once: emoji would show as boxes
        pane.editor.mark_segments(self.inspector.segments if document_id == self.inspected_document else [])
        self.active_pane = pane
        self._refresh_counts()
        return pane

    def show_place(self, place: Place) -> DocumentPane:
        """Show a span of a document, selected and in the middle of the pane: the pane that shows the
        document already, else the right-hand pane (the left one keeps what the coder was reading)."""
        pane = next((p for p in self.panes if p.document_id == place.document_id), None)
        if pane is None:
            pane = self.open_document(place.document_id, self.panes[-1])
        self.active_pane = pane
        if place.end > place.start:
            pane.select_span(place.start, place.end)
        pane.editor.centre_on(place.start)
        self._refresh_counts()
        return pane

    def _open_from_list(self, index) -> None:
        doc_id = self.doc_proxy.data(index, Qt.ItemDataRole.UserRole)
        if doc_id is not None:
            self.open_document(int(doc_id))

    def set_sync_scrolling(self, on: bool) -> None:
        self.sync_scrolling = on

    def _sync_scroll(self, source: DocumentPane) -> None:
        if not self.sync_scrolling or self._syncing:
            return
        bar = source.editor.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._syncing = True
        try:
            for pane in self.panes:
                if pane is not source:
                    other = pane.editor.verticalScrollBar()
                    other.setValue(round(fraction * other.maximum()))
        finally:
            self._syncing = False

    # ---- coder --------------------------------------------------------------------------------
    def set_coder(self, coder_id: int) -> None:
        """Code as another coder (the bus tells every view)."""
        self.bus.set_coder(coder_id)

    def _coder_changed(self, _coder_id: int) -> None:
        self.coders = {c.id: c for c in self.project.coders()}
        self._refresh_views()

    def set_show_others(self, on: bool) -> None:
        self.show_others = on
        self._refresh_views()

    def _refresh_views(self) -> None:
        for pane in self.panes:
            pane.refresh_segments()
            pane.editor.recolour()
        self.doc_model.set_query(coder_id=self.coder_id)
        self.doc_model.reload_rows()
        self.inspect([])
        self._refresh_counts()

    # ---- coding gestures --------------------------------------------------------------------------
    def _pane_with_selection(self) -> DocumentPane | None:
        if self.active_pane and self.active_pane.selected_span():
            return self.active_pane
        return next((p for p in self.panes if p.selected_span()), None)

    def apply_code(self, code_id: int, snap: bool = True, from_click: bool = False) -> bool:
        """Code the current selection; snapping to words unless Alt is held. Another value of an exclusive
        group on overlapping text is replaced (one undoable edit) and the status bar says so."""
        pane = self._pane_with_selection()
        if pane is None or pane.document_id is None:
            if not from_click:
                self.status_message.emit(self.tr("Select some text first, then choose a code."))
            return False
        if self.coder_id is None:
            self.coder_needed.emit()  # the window asks who is coding
            if self.coder_id is None:
                self.status_message.emit(self.tr("Say who is coding first (Coder ▸ Add coder…)."))
                return False
        start, end = pane.selected_span()  # type: ignore[misc]
        if snap and not alt_held():
            start, end = snap_in_project(self.project, pane.editor.text, start, end)
        code = self.code_by_id[code_id]
        command = commands.AddSegment(pane.document_id, self.coder_id, code_id, start, end, code_name=code.path)
        ok = self.perform(command)
        if ok:
            self.last_code_id = code_id
            cursor = pane.editor.textCursor()
            cursor.clearSelection()
            pane.editor.setTextCursor(cursor)
            self.active_pane = pane
            if command.segment is not None:  # the inspector follows the coding just made
                self.inspect([command.segment])
            if command.replaced:
                groups = ExclusiveGroups.of(self.codes)
                group = groups.path(groups.clash(code_id, command.replaced[0].code_id) or 0)
                old = ", ".join(f"'{self.code_name(s.code_id)}'" for s in command.replaced)
                self.status_message.emit(self.tr(
                    "Coded as '{0}', replacing {1}: one value per stretch of text in the exclusive group '{2}' "
                    "(Ctrl+Z brings it back)").format(code.path, old, group))
            else:
                self.status_message.emit(self.tr("Coded {0} characters as '{1}'").format(end - start, code.path))
        return ok

    def repeat_last_code(self) -> None:
        if self.last_code_id is not None and self.last_code_id in self.code_by_id:
            self.apply_code(self.last_code_id)

    def _segments_clicked(self, pane: DocumentPane, ids: list[int]) -> None:
        self.active_pane = pane
        index = pane.editor.span_index
        segments = index.segments.many(i for i in ids if i in index.codings) if index else []
        self.inspect(segments)
        self._refresh_counts()

    def adjust_boundary(self, which: str, delta: int) -> None:
        """Move the start or end of the inspected segment one word left or right (keyboard resizing)."""
        seg = self.inspector.current()
        if seg is None or seg.coder_id != self.coder_id:
            return
        text = next((p.editor.text for p in self.panes if p.document_id == seg.document_id), None)
        if text is None:
            text = self.project.document_text(seg.document_id)
        start, end = nudge_in_project(self.project, text, seg.start, seg.end, which, delta)  # type: ignore[arg-type]
        if (start, end) != (seg.start, seg.end):
            self.perform(commands.UpdateSegment(seg.id, "adjust boundary", start=start, end=end))

    def mark_done(self) -> None:
        pane = self.active_pane
        if pane and pane.document_id is not None and self.coder_id is not None:
            if self.perform(commands.SetAssignment(pane.document_id, self.coder_id, "done")):
                self.status_message.emit(self.tr("Document marked done"))

    # ---- keyboard flow ---------------------------------------------------------------------------
    def step_document(self, delta: int) -> None:
        """Open the next (+1) or previous (-1) document of the list, as sorted and filtered, in the active pane."""
        pane = self.active_pane or self.panes[0]
        ids = self.doc_model.ids  # the whole list as sorted and filtered, also rows not fetched yet
        rows = len(ids)
        if not rows:
            return
        here = self.doc_model.row_of(pane.document_id) if pane.document_id is not None else -1
        row = here + delta if here >= 0 else (0 if delta > 0 else rows - 1)
        if 0 <= row < rows:
            self.open_document(int(ids[row]), pane)
            self.doc_table.selectRow(self.doc_model.row_of(ids[row]))
            pane.editor.setFocus()
        else:
            self.status_message.emit(self.tr("This is the last document of the list") if delta > 0
                                     else self.tr("This is the first document of the list"))

    def step_coding(self, delta: int) -> None:
        """Select and inspect the next (+1) or previous (-1) visible coding after the cursor in the active pane."""
        pane = self.active_pane
        if pane is None or pane.document_id is None or pane.editor.span_index is None:
            return
        segments = sorted(pane.editor.span_index.codings.values(), key=lambda s: (s.start, s.end, s.id))
        if not segments:
            self.status_message.emit(self.tr("No codings in this document"))
            return
        current = self.inspector.current()
        here = (current.start, current.end, current.id) if current is not None and \
            current.document_id == pane.document_id else None
        if here is None:
            position = pane.editor.offsets.from_qt(pane.editor.textCursor().selectionStart())
            here = (position, position, -1) if delta > 0 else (position, position, 1 << 62)
        keys = [(s.start, s.end, s.id) for s in segments]
        later = [i for i, k in enumerate(keys) if k > here]
        earlier = [i for i, k in enumerate(keys) if k < here]
        index = (later[0] if later else 0) if delta > 0 else (earlier[-1] if earlier else len(keys) - 1)
        seg = pane.editor.span_index.segments[segments[index].id]
        pane.select_span(seg.start, seg.end)
        pane.editor.centre_on(seg.start)
        self.inspect([seg])
        self.status_message.emit(self.tr("Coding {0} of {1}: '{2}'").format(index + 1, len(segments),
                                                                            self.code_name(seg.code_id)))

    def focus_code_filter(self) -> None:
        self.codebook.filter.setFocus()
        self.codebook.filter.selectAll()

    def quick_pick_code(self) -> None:
        """Code the selection with a code chosen by typing part of its name (any number of codes)."""
        from annotator.gui.code_picker import CodePicker

        pane = self._pane_with_selection()
        if pane is None:
            self.status_message.emit(self.tr("Select some text first, then choose a code."))
            return
        picker = CodePicker(self.codes, self)
        picker.move(pane.editor.mapToGlobal(pane.editor.cursorRect().bottomLeft()))
        if picker.exec() and picker.chosen() is not None:
            self.apply_code(picker.chosen())  # type: ignore[arg-type]

    def find_in_document(self) -> None:
        pane = self.active_pane or self.panes[0]
        selected = pane.editor.textCursor().selectedText()
        pane.open_find(selected if selected and "\u2029" not in selected else "")

    # ---- the document list's menu ------------------------------------------------------------------
    def _document_context_menu(self, point) -> None:
        index = self.doc_table.indexAt(point)
        if not index.isValid():
            return
        document_id = self.doc_proxy.data(index, Qt.ItemDataRole.UserRole)
        if document_id is not None:
            document_menu(self, int(document_id), self.doc_table).exec(self.doc_table.viewport().mapToGlobal(point))

    def _edit_code_memo(self, code_id: int) -> None:
        from annotator.gui.memos_view import edit_memo_on

        edit_memo_on(self.bus, self, code_id=code_id)
