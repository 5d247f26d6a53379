"""Disagreement review: the list of disputed places, the coders' versions side by side, and adjudication.

Choosing a disagreement opens its document in one ``DocumentPane`` per coder (the workspace's panes and
highlighter, with a context that shows only that coder's codings), scrolled to the place: the disputed
spans are emphasised with a strong outline and tint, the rest drawn muted. Decisions are
``annotator.core.adjudication`` commands performed on the project event bus (the one undo stack), so
Edit > Undo takes them back like any coding. The disagreements are kept between showings and updated
from the bus: an edit anywhere re-checks only the documents it touched; a new coder, code, status or
project recomputes them when the view is next shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
    QPushButton, QSplitter, QTableView, QTextEdit, QToolButton, QVBoxLayout, QWidget,
)

from annotator.core import adjudication as adj
from annotator.core.agreement.report import default_coders
from annotator.core.commands import Changes, Command
from annotator.core.errors import AnnotatorError
from annotator.core.model import Segment
from annotator.core.store import Project
from annotator.gui.colours import text_colour
from annotator.gui.document_pane import DocumentPane
from annotator.gui.project_bus import Place, ProjectBus
from annotator.gui.span_index import Coding, codings

EXCERPT = 60
COLUMNS = (QT_TRANSLATE_NOOP("DisagreementModel", "Document"), QT_TRANSLATE_NOOP("DisagreementModel", "Code"),
           QT_TRANSLATE_NOOP("DisagreementModel", "Coded by"), QT_TRANSLATE_NOOP("DisagreementModel", "Not coded by"),
           QT_TRANSLATE_NOOP("DisagreementModel", "Excerpt"), QT_TRANSLATE_NOOP("DisagreementModel", "Status"))


def _muted(colour: QColor) -> QColor:
    """A code colour washed out, for codings that are not in dispute."""
    return QColor(int(255 - (255 - colour.red()) * 0.35), int(255 - (255 - colour.green()) * 0.35),
                  int(255 - (255 - colour.blue()) * 0.35))


class DisagreementModel(QAbstractTableModel):
    """The disagreement list as a model: cells are made only for the rows on screen (10,000 rows stay quick)."""

    def __init__(self, view: "ReviewView") -> None:
        super().__init__(view)
        self.view = view
        self.rows: list[adj.Disagreement] = []
        self.doc_names: dict[int, str] = {}
        self._texts: dict[int, str] = {}

    def reset(self, rows: list[adj.Disagreement]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.doc_names = {d.id: d.title or d.name for d in self.view.project.documents()}
        self._texts = {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("DisagreementModel", COLUMNS[section])
        return None

    def excerpt(self, d: adj.Disagreement) -> str:
        text = self._texts.get(d.document_id)
        if text is None:
            text = self._texts[d.document_id] = self.view.project.document_text(d.document_id)
        excerpt = text[d.start:d.end].replace("\n", " ")
        return excerpt if len(excerpt) <= EXCERPT else excerpt[:EXCERPT - 1] + "…"

    def cell(self, row: int, column: int) -> str:
        d = self.rows[row]
        names = self.view.coder_names
        if column == 0:
            return self.doc_names.get(d.document_id, "?")
        if column == 1:
            return self.view.code_names.get(d.code_id, "?")
        if column == 2:
            return ", ".join(names.get(c, "?") for c in d.coders_with())
        if column == 3:
            return ", ".join(names.get(c, "?") for c in d.coders_without()) or "—"
        if column == 4:
            return self.excerpt(d)
        return (QCoreApplication.translate("DisagreementModel", "settled") if d.key in self.view.state.settled
                else QCoreApplication.translate("DisagreementModel", "open"))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            d = self.rows[index.row()]
            if d.key in self.view.state.settled:
                return QBrush(QColor("#8a8a8a"))
            if index.column() == 1:
                return QBrush(text_colour(self.view.code_colour(d.code_id)))
        return None

    def refresh_status(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))


class CoderPaneContext:
    """``CodingContext`` for one review pane: just this coder's codings, drawn as the pane's own."""

    def __init__(self, view: "ReviewView", coder_id: int) -> None:
        self.view = view
        self.coder_id = coder_id

    def code_colour(self, code_id: int) -> QColor:
        return _muted(self.view.code_colour(code_id))

    def coder_colour(self, coder_id: int) -> QColor:
        return self.view.coder_colour(coder_id)

    def code_name(self, code_id: int) -> str:
        return self.view.code_names.get(code_id, "?")

    def coder_name(self, coder_id: int) -> str:
        return self.view.coder_names.get(coder_id, "?")

    def visible_segments(self, document_id: int, ids: set[int] | None = None) -> list[Segment]:
        segments = self.view.project.segments(document_id=document_id, coder_ids=[self.coder_id])
        return [s for s in segments if ids is None or s.id in ids]

    def visible_codings(self, document_id: int) -> list[Coding]:
        return codings(self.view.project.segment_codings(document_id, [self.coder_id]))

    def load_segments(self, ids: list[int]) -> list[Segment]:
        return self.view.project.segments_by_id(ids)

    def own_coder_id(self) -> int | None:
        return self.coder_id

    def fill_context_menu(self, pane: DocumentPane, menu: QMenu, offset: int) -> None:
        return None


class ReviewView(QWidget):
    """The ``review`` view of the main window."""

    status_message = Signal(str)
    edit_requested = Signal(int, int, int, int)  # consensus coder, document, start, end: code it by hand

    def __init__(self, source: ProjectBus | Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = ProjectBus.of(source, self)
        project = self.bus.project
        self._dirty_documents: set[int] = set()  # documents whose disagreements must be checked again
        self.state = adj.ReviewState()
        self.shown: list[adj.Disagreement] = []  # after filtering, in list order
        self.current: adj.Disagreement | None = None
        self.panes: list[DocumentPane] = []
        self.pane_coders: list[int] = []
        self.consensus_id: int | None = None
        self.code_names: dict[int, str] = {}
        self.code_colours: dict[int, QColor] = {}
        self.coder_names: dict[int, str] = {}
        self.coder_colours: dict[int, QColor] = {}
        self._accept_keys: list[QShortcut] = []
        self._left_out = 0  # documents in scope that fewer than two of the compared coders finished

        # ---- top: coders compared, consensus coder, filters, progress ----
        self.coder_boxes: dict[int, QCheckBox] = {}
        self.coder_row = QHBoxLayout()
        self.coder_row.addWidget(QLabel(self.tr("Compare:")))
        self.consensus_edit = QLineEdit(project.meta(adj.CONSENSUS_META_KEY) or adj.DEFAULT_CONSENSUS)
        self.consensus_edit.setMaximumWidth(140)
        self.consensus_edit.setToolTip(self.tr("The coder that receives the settled version; analysed like any coder"))
        self.consensus_edit.editingFinished.connect(self.refresh)
        self.code_filter = QComboBox()
        self.code_filter.setMinimumContentsLength(14)
        self.code_filter.currentIndexChanged.connect(lambda _i: self._fill_list())
        self.coder_filter = QComboBox()
        self.coder_filter.currentIndexChanged.connect(lambda _i: self._fill_list())
        # Which documents: a document set (an outlet, a wave, a sample), as in Agreement and the CLI's --set.
        self.doc_set = QComboBox()
        self.doc_set.setToolTip(self.tr("Review the documents of one document set"))
        self.doc_set.currentIndexChanged.connect(lambda _i: self._set_chosen())
        self.doc_set_label = QLabel(self.tr("Set:"))
        self._set_members: set[int] | None = None  # the chosen set's documents; None: every document
        # What must agree: the unit of the one disagreement model (the CLI's `disagreements --unit`).
        self.unit = QComboBox()
        for unit, label in (("character", QT_TRANSLATE_NOOP("ReviewView", "characters (exact spans)")),
                            ("token", QT_TRANSLATE_NOOP("ReviewView", "words")),
                            ("sentence", QT_TRANSLATE_NOOP("ReviewView", "sentences")),
                            ("paragraph", QT_TRANSLATE_NOOP("ReviewView", "paragraphs")),
                            ("document", QT_TRANSLATE_NOOP("ReviewView", "whole documents"))):
            self.unit.addItem(self.tr(label), unit)
        self.unit.setToolTip(self.tr("A disagreement is a place where the coders did not code the same units: at "
                                     "sentences, marking different words of one sentence is agreement. The same "
                                     "list as `annotator disagreements --unit`"))
        self.unit.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_settled = QCheckBox(self.tr("Show settled"))
        self.show_settled.setChecked(True)
        self.show_settled.toggled.connect(lambda _on: self._fill_list())
        self.remaining_label = QLabel()
        self.remaining_label.setStyleSheet("font-weight: bold")
        top = QHBoxLayout()
        top.addLayout(self.coder_row)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Consensus coder:")))
        top.addWidget(self.consensus_edit)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Disagree at:")))
        top.addWidget(self.unit)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Code:")))
        top.addWidget(self.code_filter)
        top.addWidget(QLabel(self.tr("Coder:")))
        top.addWidget(self.coder_filter)
        top.addWidget(self.show_settled)
        top.addStretch(1)
        top.addWidget(self.remaining_label)

        # ---- left: the list ----
        self.model = DisagreementModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(max(22, self.fontMetrics().height() + 6))
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((170, 170, 80, 90, 220, 60)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._row_chosen(current.row()))

        # ---- right: panes side by side, decision buttons ----
        self.pane_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.pane_splitter.setChildrenCollapsible(False)
        self.place_label = QLabel(self.tr("Choose a disagreement"))
        self.place_label.setWordWrap(True)
        self.decision_label = QLabel()
        self.btn_prev = QPushButton(self.tr("◀ Previous (P)"))
        self.btn_prev.clicked.connect(self.previous)
        self.btn_next = QPushButton(self.tr("Next (N) ▶"))
        self.btn_next.clicked.connect(self.next)
        self.accept_row = QHBoxLayout()
        self.accept_buttons: dict[int, QPushButton] = {}
        self.btn_all = QPushButton(self.tr("Accept all versions"))
        self.btn_all.setToolTip(self.tr("Union of every coder's spans here"))
        self.btn_all.clicked.connect(lambda: self.accept(list(self.pane_coders)))
        self.btn_none = QPushButton(self.tr("Accept none (0)"))
        self.btn_none.setToolTip(self.tr("Nothing of this code here in the consensus"))
        self.btn_none.clicked.connect(lambda: self.accept([]))
        self.btn_edit = QPushButton(self.tr("Edit by hand…"))
        self.btn_edit.setToolTip(self.tr("Open the place in the Coding view as the consensus coder, every coder's "
                                         "codings shown; come back and press 'Mark settled'"))
        self.btn_edit.clicked.connect(self.edit_by_hand)
        self.btn_edited = QPushButton(self.tr("Mark settled"))
        self.btn_edited.setToolTip(self.tr("Record that this place was settled by hand (segments unchanged)"))
        self.btn_edited.clicked.connect(self.mark_edited)
        self.btn_copy = QPushButton(self.tr("Copy agreed codings"))
        self.btn_copy.setToolTip(self.tr("Copy every span all compared coders coded identically to the consensus coder"))
        self.btn_copy.clicked.connect(self.copy_agreed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btn_prev)
        buttons.addWidget(self.btn_next)
        buttons.addSpacing(16)
        buttons.addLayout(self.accept_row)
        buttons.addWidget(self.btn_all)
        buttons.addWidget(self.btn_none)
        buttons.addWidget(self.btn_edit)
        buttons.addWidget(self.btn_edited)
        buttons.addStretch(1)
        buttons.addWidget(self.btn_copy)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.place_label)
        right_layout.addWidget(self.pane_splitter, 1)
        right_layout.addWidget(self.decision_label)
        right_layout.addLayout(buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        set_row = QHBoxLayout()  # above the list, as in the Coding view
        set_row.addWidget(self.doc_set_label)
        set_row.addWidget(self.doc_set, 1)
        left_layout.addLayout(set_row)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (("N", self.next), ("P", self.previous), ("0", lambda: self.accept([]))):
            QShortcut(QKeySequence(key), self, context=context).activated.connect(slot)
        self._stale = True  # computed on first showing, so opening a large project stays quick
        self.bus.changed.connect(self.on_changes)
        self.bus.replaced.connect(self.set_project)

    @property
    def project(self) -> Project:
        return self.bus.project

    def closeEvent(self, event) -> None:  # noqa: N802
        self.bus.release()  # a view used on its own stops its jobs
        super().closeEvent(event)

    def set_project(self, project: Project) -> None:
        if project is not self.bus.project:
            self.bus.replace(project)  # a private bus: its listeners (this view) are told
            return
        self.current = None
        self._stale = True
        self._dirty_documents.clear()
        self.consensus_edit.setText(project.meta(adj.CONSENSUS_META_KEY) or adj.DEFAULT_CONSENSUS)
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802
        """Bring the kept disagreements up to date: only what the bus said changed meanwhile; the list takes
        the keyboard."""
        super().showEvent(event)
        self._catch_up()
        # Opened from another tab, Qt gave the focus to the first field in the chain, the consensus coder's
        # name: N, P, 0, 1, 2 typed into it ("Consensusn1") and the next accept created a coder of that name.
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _catch_up(self) -> None:
        if self._stale:
            self.reload()
        elif self._dirty_documents:
            self._update_documents()

    # ---- colours and names -------------------------------------------------------------------------
    def code_colour(self, code_id: int) -> QColor:
        return self.code_colours.get(code_id) or QColor("#999999")

    def coder_colour(self, coder_id: int) -> QColor:
        return self.coder_colours.get(coder_id) or QColor("#555555")

    # ---- loading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read coders and codes (after opening a project) and recompute the disagreements."""
        self._stale = False
        codes = self.project.codes()
        self.code_names = {c.id: c.path for c in codes}
        self.code_colours = {c.id: QColor(c.color) for c in codes}
        coders = self.project.coders()
        self.coder_names = {c.id: c.name for c in coders}
        self.coder_colours = {c.id: QColor(c.color) for c in coders}
        consensus_name = self.consensus_edit.text().strip() or adj.DEFAULT_CONSENSUS
        previous = {cid for cid, box in self.coder_boxes.items() if box.isChecked()}
        while self.coder_row.count() > 1:
            item = self.coder_row.takeAt(1)
            if item.widget():
                item.widget().deleteLater()
        self.coder_boxes = {}
        # adjudicators settle disagreements, and a coder who finished nothing has none: not compared unless
        # ticked (as in the Agreement view)
        comparable = default_coders(self.project, [c for c in coders if c.name != consensus_name])
        for coder in coders:
            if coder.name == consensus_name:
                continue
            box = QCheckBox(coder.name)
            box.setChecked(coder.id in previous if previous else coder.id in comparable)
            if coder.id not in comparable and not coder.is_adjudicator:
                box.setToolTip(self.tr("Has not marked any document done: tick to compare anyway"))
            box.toggled.connect(lambda _on: self.refresh())
            self.coder_boxes[coder.id] = box
            self.coder_row.addWidget(box)
        self.code_filter.blockSignals(True)
        self.code_filter.clear()
        self.code_filter.addItem(self.tr("All codes"), None)
        for code in codes:
            self.code_filter.addItem(code.path, code.id)
        self.code_filter.blockSignals(False)
        self._fill_sets()
        self.refresh()

    def _fill_sets(self) -> None:
        """The document-set chooser, keeping the chosen set while it exists (hidden while there are none)."""
        wanted = self.doc_set.currentData()
        self.doc_set.blockSignals(True)
        self.doc_set.clear()
        self.doc_set.addItem(self.tr("All documents"), None)
        for document_set in self.project.document_sets():
            self.doc_set.addItem(document_set.name, document_set.id)
        self.doc_set.setCurrentIndex(max(0, self.doc_set.findData(wanted)))
        self.doc_set.blockSignals(False)
        for widget in (self.doc_set, self.doc_set_label):
            widget.setVisible(self.doc_set.count() > 1)
        self._read_set_members()

    def _read_set_members(self) -> None:
        set_id = self.doc_set.currentData()
        self._set_members = None if set_id is None else set(self.project.set_members(int(set_id)))

    def _set_chosen(self) -> None:
        self._read_set_members()
        self.refresh()

    def set_document_set(self, name: str | None) -> None:
        """Review only the documents of this set (None: all; for scripts and tests)."""
        self.doc_set.setCurrentIndex(0 if name is None else self.doc_set.findText(name))

    def chosen_coders(self) -> list[int]:
        return [cid for cid, box in self.coder_boxes.items() if box.isChecked()]

    def set_coders(self, names: list[str]) -> None:
        """Compare exactly these coders (for scripts and tests)."""
        for cid, box in self.coder_boxes.items():
            box.blockSignals(True)
            box.setChecked(self.coder_names[cid] in names)
            box.blockSignals(False)
        self.refresh()

    def _consensus(self, create: bool) -> int | None:
        name = self.consensus_edit.text().strip() or adj.DEFAULT_CONSENSUS
        if create:
            known = set(self.coder_names)
            self.consensus_id = adj.consensus_coder(self.project, name)
            if self.consensus_id not in known:
                coder = self.project.coder(self.consensus_id)
                self.coder_names[coder.id] = coder.name
                self.coder_colours[coder.id] = QColor(coder.color)
                self._announcing_consensus = True
                try:
                    self.bus.announce(Changes(coders=True))  # the coder lists elsewhere list it
                finally:
                    self._announcing_consensus = False
        else:
            found = [cid for cid, n in self.coder_names.items() if n == name]
            self.consensus_id = found[0] if found else None
        return self.consensus_id

    def scope(self, document_ids: list[int] | None = None) -> adj.Scope:
        """What is compared: the chosen coders, at the chosen unit, on ``document_ids`` (default: all, or the
        chosen set's documents)."""
        if self._set_members is not None:
            document_ids = sorted(self._set_members if document_ids is None
                                  else self._set_members.intersection(document_ids))
        return adj.Scope(self.chosen_coders(), document_ids=document_ids, unit=self.unit.currentData())

    def set_unit(self, unit: str) -> None:
        """Compare at this unit (for scripts and tests)."""
        self.unit.setCurrentIndex(self.unit.findData(unit))

    def refresh(self) -> None:
        """Recompute disagreements and settled state, keeping the current place if it still exists."""
        keep = self.current.key if self.current else None
        coders = self.chosen_coders()
        self._left_out = 0
        if len(coders) < 2:
            self.state = adj.ReviewState()
        else:
            scope = self.scope()
            # Said beside the count, as Agreement does: "No disagreements" read as agreement where the coders
            # had not both finished.
            in_scope = scope.document_ids if scope.document_ids is not None else self.project.document_ids()
            self._left_out = len(in_scope) - len(adj.scope_documents(self.project, scope))
            consensus = self._consensus(create=False)
            try:
                if consensus is None:
                    self.state = adj.ReviewState(adj.find_disagreements(self.project, self.scope()))
                else:
                    self.state = adj.review_state(self.project, self.scope(), consensus)
            except AnnotatorError as exc:
                self.status_message.emit(str(exc))
                self.state = adj.ReviewState()
        self._build_panes(coders)
        self._fill_coder_filter(coders)
        self._fill_list(keep)

    def _fill_coder_filter(self, coders: list[int]) -> None:
        wanted = self.coder_filter.currentData()
        self.coder_filter.blockSignals(True)
        self.coder_filter.clear()
        self.coder_filter.addItem(self.tr("Any coder"), None)
        for cid in coders:
            self.coder_filter.addItem(self.tr("coded by {0}").format(self.coder_names[cid]), cid)
        i = self.coder_filter.findData(wanted)
        self.coder_filter.setCurrentIndex(max(0, i))
        self.coder_filter.blockSignals(False)

    def _fill_list(self, keep: tuple[int, int, int, int] | None = None) -> None:
        if keep is None and self.current is not None:
            keep = self.current.key
        code_id = self.code_filter.currentData()
        coder_id = self.coder_filter.currentData()
        settled = self.state.settled
        self.shown = [d for d in self.state.disagreements
                      if (code_id is None or d.code_id == code_id)
                      and (coder_id is None or coder_id in d.coders_with())
                      and (self.show_settled.isChecked() or d.key not in settled)]
        self.model.reset(self.shown)
        keys = [d.key for d in self.shown]
        row_to_select = keys.index(keep) if keep in keys else 0
        self._update_remaining()
        if self.shown:
            self.select_row(row_to_select)  # the reset cleared the current row, so this shows the place
        else:
            self.current = None
            for pane in self.panes:  # not the last place, emphasised under "Not settled yet"
                pane.show_nothing()
            self.decision_label.clear()
            self.place_label.setText(self.tr("No disagreements for these coders and filters") if len(self.chosen_coders()) >= 2
                                     else self.tr("Choose at least two coders to compare"))
            self._enable_buttons()

    def _update_remaining(self) -> None:
        total = len(self.state.disagreements)
        remaining = self.state.remaining
        text = (self.tr("{0} of {1} disagreements remain").format(remaining, total) if total
                else self.tr("No disagreements"))
        left_out = self._left_out
        if left_out:
            text += " · " + self.tr("documents left out: {0}").format(left_out)
        self.remaining_label.setText(text)
        self.remaining_label.setToolTip(self.tr("Documents not finished by two of the compared coders are not "
                                                "compared (Edit ▸ Mark document done)") if left_out else "")

    # ---- panes -------------------------------------------------------------------------------------
    def _build_panes(self, coders: list[int]) -> None:
        if coders == self.pane_coders and self.panes:
            return
        for pane in self.panes:
            pane.setParent(None)
            pane.deleteLater()
        self.panes = []
        self.pane_titles: list[QLabel] = []
        self.pane_coders = list(coders)
        for cid in coders:
            pane = DocumentPane(CoderPaneContext(self, cid))
            for button in pane.findChildren(QToolButton):
                button.hide()  # the panes follow the list; they are not closed one by one
            pane.picker.setEnabled(False)  # the panes follow the disagreement list
            title = QLabel(self.coder_names[cid])
            colour = self.coder_colour(cid).name()
            readable = text_colour(colour).name()  # the name in a colour that reads on white
            title.setStyleSheet(f"font-weight: bold; color: {readable}; border-bottom: 3px solid {colour}")
            pane.layout().insertWidget(0, title)
            self.pane_titles.append(title)
            pane.editor.verticalScrollBar().valueChanged.connect(lambda _v, p=pane: self._sync_scroll(p))
            self.panes.append(pane)
            self.pane_splitter.addWidget(pane)
        while self.accept_row.count():
            item = self.accept_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.accept_buttons = {}
        for shortcut in self._accept_keys:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._accept_keys = []
        for number, cid in enumerate(coders, start=1):
            button = QPushButton(self.tr("Accept {0} ({1})").format(self.coder_names[cid], number))
            button.clicked.connect(lambda _=False, c=cid: self.accept([c]))
            if number <= 9:
                shortcut = QShortcut(QKeySequence(str(number)), self,
                                     context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda c=cid: self.accept([c]))
                self._accept_keys.append(shortcut)
            self.accept_buttons[cid] = button
            self.accept_row.addWidget(button)
        self.btn_all.setText(self.tr("Accept both") if len(coders) == 2 else self.tr("Accept all versions"))

    _syncing = False

    def _sync_scroll(self, source: DocumentPane) -> None:
        """The user scrolled one pane: show the same text at the top of the others (by position, not by
        scroll-bar value: the panes may wrap lines differently)."""
        if self._syncing or source.editor._centre is not None:
            return  # the panes are being placed on a disagreement, each on its own
        top = source.editor.top_position()
        self._syncing = True
        try:
            for pane in self.panes:
                if pane is not source:
                    pane.editor._user_scrolled()
                    pane.editor.scroll_to_top_position(top)
        finally:
            self._syncing = False

    def _row_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.shown):
            return
        self.show_disagreement(self.shown[row])

    def show_disagreement(self, d: adj.Disagreement) -> None:
        """Open the place in every coder's pane, scrolled to it, disputed spans emphasised."""
        self._syncing = True  # each pane centres itself; scrolling one must not move the others
        try:
            self._show_disagreement(d)
        finally:
            self._syncing = False

    def _show_disagreement(self, d: adj.Disagreement) -> None:
        self.current = d
        text = None
        doc = self.project.document(d.document_id, with_text=False)
        for pane, cid in zip(self.panes, self.pane_coders):
            if pane.document_id != d.document_id:
                if text is None:
                    text = self.project.document_text(d.document_id)
                pane.show_document(d.document_id, text, doc.title or doc.name)
            else:
                pane.refresh_segments()
            self._emphasise(pane, cid, d)
        for title, cid in zip(self.pane_titles, self.pane_coders):
            missing = cid not in d.versions
            title.setText(self.coder_names[cid] + (self.tr(" — has not finished this document") if missing else ""))
        where = self.tr("{0} · {1} · characters {2}–{3}").format(doc.title or doc.name, self.code_names.get(d.code_id, "?"),
                                                                 d.start, d.end)
        self.place_label.setText(where)
        self._show_decision()
        self._enable_buttons()

    def _emphasise(self, pane: DocumentPane, coder_id: int, d: adj.Disagreement) -> None:
        editor = pane.editor
        strong = QColor(self.code_colour(d.code_id))
        strong.setAlpha(150)
        marks = []
        spans = d.versions.get(coder_id, ())
        for start, end in spans:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(editor.document())
            cursor.setPosition(editor.offsets.to_qt(start))
            cursor.setPosition(editor.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format.setBackground(strong)
            sel.format.setFontUnderline(True)
            sel.format.setUnderlineColor(self.code_colour(d.code_id).darker(150))
            marks.append(sel)
        # Where the others coded and this coder did not: a dotted outline of the disputed place.
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(editor.document())
        cursor.setPosition(editor.offsets.to_qt(d.start))
        cursor.setPosition(editor.offsets.to_qt(d.end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format.setUnderlineStyle(sel.format.UnderlineStyle.DotLine)
        sel.format.setUnderlineColor(QColor("#333333"))
        if not spans:
            sel.format.setBackground(QColor("#eeeeee"))
        marks.insert(0, sel)
        editor.setExtraSelections(marks)
        editor.centre_on(d.start)

    def emphasised_spans(self, pane_index: int) -> list[tuple[int, int]]:
        """Code-point spans drawn emphasised in a pane (for tests)."""
        editor = self.panes[pane_index].editor
        out = []
        for sel in editor.extraSelections()[1:]:
            out.append((editor.offsets.from_qt(sel.cursor.selectionStart()),
                        editor.offsets.from_qt(sel.cursor.selectionEnd())))
        return out

    def _show_decision(self) -> None:
        d = self.current
        if d is None or self.consensus_id is None:
            self.decision_label.setText(self.tr("Not settled yet"))
            return
        found = adj.decision(self.project, self.consensus_id, d)
        if found is None:
            self.decision_label.setText(self.tr("Settled (the consensus coder has coded here)") if d.key in self.state.settled
                                        else self.tr("Not settled yet"))
            return
        choice, accepted = found
        if choice == "accept":
            text = self.tr("Accepted: {0}").format(" + ".join(self.coder_names.get(c, "?") for c in accepted))
        else:
            text = {"none": self.tr("Accepted: none"), "edited": self.tr("Edited by hand")}[choice]
        self.decision_label.setText(text)

    def _enable_buttons(self) -> None:
        on = self.current is not None
        for button in (*self.accept_buttons.values(), self.btn_all, self.btn_none, self.btn_edit, self.btn_edited):
            button.setEnabled(on)
        self.btn_copy.setEnabled(len(self.chosen_coders()) >= 2)
        row = self.current_row()
        self.btn_prev.setEnabled(on and row > 0)
        self.btn_next.setEnabled(on and row < len(self.shown) - 1)

    # ---- navigation --------------------------------------------------------------------------------
    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        row = self.current_row() + delta
        if 0 <= row < len(self.shown):
            self.select_row(row)

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def select_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))

    # ---- decisions ---------------------------------------------------------------------------------
    def _perform(self, command: Command) -> bool:
        return self.bus.perform(command, self)

    def accept(self, coder_ids: list[int]) -> bool:
        """Settle the current disagreement with these coders' versions (none: an empty list)."""
        d = self.current
        if d is None:
            return False
        consensus = self._consensus(create=True)
        ok = self._perform(adj.Decide(consensus, d, coder_ids, names=self.coder_names))  # type: ignore[arg-type]
        if ok:
            self._advance_after(d)
        return ok

    def edit_by_hand(self) -> None:
        d = self.current
        if d is not None:
            consensus = self._consensus(create=True)
            self.edit_requested.emit(consensus, d.document_id, d.start, d.end)  # type: ignore[arg-type]
            self.bus.show_place(Place(d.document_id, d.start, d.end, coder_id=consensus, show_others=True))

    def mark_edited(self) -> bool:
        d = self.current
        if d is None:
            return False
        consensus = self._consensus(create=True)
        return self._perform(adj.Decide(consensus, d, choice="edited"))  # type: ignore[arg-type]

    def copy_agreed(self) -> bool:
        if len(self.chosen_coders()) < 2:
            return False
        consensus = self._consensus(create=True)
        command = adj.CopyAgreed(consensus, self.scope())  # type: ignore[arg-type]
        ok = self._perform(command)
        if ok:
            self.status_message.emit(f"Copied {len(command.added)} agreed codings to "
                                     f"{self.coder_names.get(consensus, 'the consensus coder')}")  # type: ignore[arg-type]
        return ok

    def _advance_after(self, d: adj.Disagreement) -> None:
        """After a decision, go on to the next open disagreement (the team lead's rhythm)."""
        keys = [x.key for x in self.shown]
        if d.key not in keys:
            return
        start = keys.index(d.key)
        for row in range(start + 1, len(self.shown)):
            if self.shown[row].key not in self.state.settled:
                self.select_row(row)
                return

    _announcing_consensus = False

    def on_changes(self, changes: Changes) -> None:
        """From the bus, for every edit anywhere (decisions here, their undo and redo, coding elsewhere).

        Only the disagreements of the documents the edit touched are checked again, so a decision stays
        instant with thousands of disagreements listed; what needs a full recomputation waits until the
        view is shown.
        """
        if self._announcing_consensus:
            return  # the consensus coder this view just made: nothing to recompute
        if changes.coders or changes.codebook or changes.assignments or changes.all_segments \
                or changes.document_list or changes.sets:
            self._stale = True
        elif changes.documents:
            self._dirty_documents |= changes.documents
        else:
            return
        if self.isVisible():
            self._catch_up()

    def _update_documents(self) -> None:
        """Re-check the disagreements of the documents edited since they were computed."""
        docs = self._dirty_documents
        self._dirty_documents = set()
        coders = self.chosen_coders()
        if len(coders) < 2:
            return
        try:
            fresh = adj.find_disagreements(self.project, self.scope(sorted(docs)))
        except AnnotatorError as exc:
            self.status_message.emit(str(exc))
            return
        kept = [d for d in self.state.disagreements if d.document_id not in docs]
        disagreements = sorted(kept + fresh, key=lambda d: d.key)
        settled = {k for k in self.state.settled if k[0] not in docs}
        if self.consensus_id is not None:
            settled |= adj.settled_among(self.project, self.consensus_id, fresh)
        changed_list = [d.key for d in disagreements] != [d.key for d in self.state.disagreements]
        self.state = adj.ReviewState(disagreements, settled)
        if self.show_settled.isChecked() and not changed_list:
            self.model.refresh_status()
            self._update_remaining()
            if self.current is not None and self.current.document_id in docs:
                current = next((d for d in disagreements if d.key == self.current.key), None)
                if current is not None and current != self.current:  # its versions changed: redraw
                    self.show_disagreement(current)
            self._show_decision()
            self._enable_buttons()
            return
        keep = self.current.key if self.current else None
        current_row = self.current_row()
        self._fill_list(keep)
        if keep is not None and self.current is not None and self.current.key != keep and current_row >= 0:
            self.select_row(min(current_row, len(self.shown) - 1))


__all__ = ["ReviewView", "CoderPaneContext"]
