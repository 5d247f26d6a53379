"""The agreement report window: scope on the left; table, coder-pair matrix and alpha chart on the right.

The numbers come from ``annotator.core.agreement.report.compute_agreement`` run as a read-only job on
the job runner (its own connection), so a large corpus never freezes the window; progress arrives per
code and Cancel stops between codes. The scope lists follow the project event bus (a coder, code or
document added anywhere is listed at once) and results computed before codings changed are recomputed
when the view is next shown. The table is filled from
the report's ``to_json_dict()``, the same dictionary the CLI prints, so the window, its CSV/JSON export
and ``annotator agreement --format json`` cannot disagree.
"""

from __future__ import annotations

import json
import math
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries, QLineSeries, QValueAxis
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QMessageBox, QProgressBar, QPushButton, QSpinBox, QSplitter, QTableView, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from annotator.core.agreement.report import ALL_UNITS, DEFAULT_UNIT, THRESHOLDS, AgreementScope, default_coders
from annotator.core.commands import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.gui.document_picker import DocumentChecklist
from annotator.gui.file_dialogs import start_dir
from annotator.gui.colours import text_colour
from annotator.gui.jobs import Job, JobContext
from annotator.gui.project_bus import Place, ProjectBus

RAW = Qt.ItemDataRole.UserRole + 1  # the unrounded value behind a cell (None when undefined)
SORT = Qt.ItemDataRole.UserRole + 2

MEASURES = (
    ("krippendorff_alpha", "α (Krippendorff)"),
    ("percent_agreement", QT_TRANSLATE_NOOP("AgreementView", "% agreement")),
    ("cohen_kappa", "κ (Cohen)"),
    ("light_kappa", "κ (Light)"),
    ("fleiss_kappa", "κ (Fleiss)"),
    ("conger_kappa", "κ (Conger)"),
    ("scott_pi", "π (Scott)"),
    ("gwet_ac1", "AC1 (Gwet)"),
    ("brennan_prediger", "Brennan-Prediger"),
    ("weighted_kappa", QT_TRANSLATE_NOOP("AgreementView", "weighted κ")),
    ("gwet_ac2", "AC2 (Gwet)"),
)
SPAN_MEASURES = (("alpha_u", "α_U"), ("observed_disagreement", "D_o"), ("expected_disagreement", "D_e"))
COUNTS = (("q", QT_TRANSLATE_NOOP("AgreementView", "Categories (q)")),
          ("units", QT_TRANSLATE_NOOP("AgreementView", "Units")),
          ("pairable_values", QT_TRANSLATE_NOOP("AgreementView", "Pairable values")))
ROW_WORDS = (QT_TRANSLATE_NOOP("AgreementView", "cancelled"), QT_TRANSLATE_NOOP("AgreementView", "done"),
             QT_TRANSLATE_NOOP("AgreementView", "code"), QT_TRANSLATE_NOOP("AgreementView", "group"),
             QT_TRANSLATE_NOOP("AgreementView", "overall"), QT_TRANSLATE_NOOP("AgreementView", "(all codes)"),
             QT_TRANSLATE_NOOP("AgreementView", "reliable"), QT_TRANSLATE_NOOP("AgreementView", "tentative"),
             QT_TRANSLATE_NOOP("AgreementView", "unreliable"), QT_TRANSLATE_NOOP("AgreementView", "undefined"))
UNIT_NAMES = (QT_TRANSLATE_NOOP("AgreementView", "character"), QT_TRANSLATE_NOOP("AgreementView", "token"),
              QT_TRANSLATE_NOOP("AgreementView", "sentence"), QT_TRANSLATE_NOOP("AgreementView", "paragraph"),
              QT_TRANSLATE_NOOP("AgreementView", "document"), QT_TRANSLATE_NOOP("AgreementView", "span"))
LEVEL_NAMES = (QT_TRANSLATE_NOOP("AgreementView", "nominal"), QT_TRANSLATE_NOOP("AgreementView", "ordinal"),
               QT_TRANSLATE_NOOP("AgreementView", "interval"), QT_TRANSLATE_NOOP("AgreementView", "ratio"))
MARK_COLOURS = {"reliable": "#2e7d32", "tentative": "#b26a00", "unreliable": "#c62828", "undefined": "#777777"}


MARKED_KEYS = ("krippendorff_alpha", "alpha_u")  # the values the reliable/tentative/unreliable marks judge


def shown_value(value: float, digits: int = 3) -> str:
    """``value`` with ``digits`` decimals, or more where rounding would put it on the other side of a
    reliability threshold than its mark: .66666 is "0.6667" (unreliable), not "0.667" (which reads as the
    .667 of "tentative")."""
    for places in range(digits, 7):
        rounded = round(value, places)
        if all((rounded >= t) == (value >= t) for t in THRESHOLDS):
            return f"{value:.{places}f}"
    return f"{value:.6f}"


def reliability_mark(alpha: float | None) -> str:
    """Krippendorff's rule: >= .800 reliable, .667-.800 tentative conclusions only, below unreliable."""
    if alpha is None or (isinstance(alpha, float) and math.isnan(alpha)):
        return "undefined"
    if alpha >= THRESHOLDS[1]:
        return "reliable"
    if alpha >= THRESHOLDS[0]:
        return "tentative"
    return "unreliable"


def report_rows(data: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, path, values) for each code, group and the pooled overall row, as the CLI lists them."""
    rows = [("code", p, v) for p, v in data.get("codes", {}).items()]
    rows += [("group", p, v) for p, v in data.get("groups", {}).items()]
    if data.get("overall"):
        rows.append(("overall", "(all codes)", data["overall"]))
    elif data.get("unit") == "span":
        rows.append(("overall", "(all codes)", {"alpha_u": data.get("alpha_u"),
                                                "undefined": data.get("undefined", {})}))
    return rows


def compute_job(scope: AgreementScope):
    """The job computing one report: progress per code, Cancel between codes."""
    from annotator.core.agreement.report import compute_agreement

    def job(project: Project, context: JobContext):
        return compute_agreement(project, scope, on_progress=context.report, cancel=lambda: context.cancelled)

    return job


# ---- the view -------------------------------------------------------------------------------------

class NumericProxy(QSortFilterProxyModel):
    """Sort numbers as numbers and undefined values last."""

    def lessThan(self, left, right) -> bool:  # noqa: N802
        a, b = left.data(SORT), right.data(SORT)
        if a is None or b is None:
            return a is None and b is not None if self.sortOrder() == Qt.SortOrder.DescendingOrder else \
                a is not None and b is None
        return a < b


class AgreementView(QWidget):
    """The ``agreement`` view of the main window."""

    computed = Signal()

    def __init__(self, source: ProjectBus | Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # numpy imports numpy.ma on first np.percentile (the bootstrap); done in the worker, that import holds
        # the GIL for ~50 ms and freezes the window, so it happens here, once, while the window is built.
        import numpy.ma  # noqa: F401

        self.bus = ProjectBus.of(source, self)
        self.worker: Job | None = None
        self.stale = False  # codings changed since the shown report was computed
        self.report = None
        self.data: dict[str, Any] = {}
        self.rows: list[tuple[str, str, dict[str, Any]]] = []
        self.columns: list[tuple[str, str]] = []

        # ---- scope ----
        self.coder_list = QListWidget()
        self.coder_list.setMaximumHeight(110)
        self.unit = QComboBox()
        for unit in ALL_UNITS:
            self.unit.addItem(self.tr(unit), unit)  # names marked in UNIT_NAMES
        self.unit.setCurrentIndex(self.unit.findData(DEFAULT_UNIT))
        self.unit.setToolTip(self.tr("document: is the code anywhere in the article (usual for framing studies); "
                             "character/token/sentence/paragraph: which stretches; span: unitizing alpha_U"))
        self.group = QComboBox()
        self.group.setToolTip(self.tr("A mutually exclusive group: its children and the group as one nominal variable"))
        self.code_list = QListWidget()
        # Documents are found by typing and ticked in a lazy list: no item per document (100,000 articles).
        self.doc_list = DocumentChecklist(lambda: self.bus.project)
        self.doc_set = QComboBox()  # tick the documents of a document set
        self.doc_set.setToolTip(self.tr("Compare the coders on the documents of one document set"))
        self.doc_set.activated.connect(self._tick_set)
        self.bootstrap = QSpinBox()
        self.bootstrap.setRange(0, 100_000)
        self.bootstrap.setSingleStep(500)
        self.bootstrap.setSpecialValueText(self.tr("off"))
        self.bootstrap.setToolTip(self.tr("Resample documents this many times for 95% confidence intervals of alpha"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2_147_483_647)
        self.categories = QSpinBox()  # q for exclusive groups (--categories N); 0: from the codebook
        self.categories.setRange(0, 999)
        self.categories.setSpecialValueText(self.tr("from the codebook"))
        self.categories.setToolTip(self.tr("How many categories an exclusive group offers, for Brennan-Prediger and "
                                           "AC1 (q). Default: its children, plus \"(none)\" where a finished coder "
                                           "left a unit without any"))
        self.level = QComboBox()  # --level: weights for numbered groups (rating scales)
        for level in ("nominal", "ordinal", "interval", "ratio"):
            self.level.addItem(self.tr(level), level)  # names marked in LEVEL_NAMES
        self.level.setToolTip(self.tr("Level of measurement of groups whose children are numbers (a rating scale): "
                                      "alpha at that level, weighted κ and AC2"))
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setValue(0)
        self.progress.hide()  # shown only while computing
        form = QFormLayout()
        form.addRow(self.tr("Unit:"), self.unit)
        form.addRow(self.tr("Group:"), self.group)
        form.addRow(self.tr("Bootstrap:"), self.bootstrap)
        form.addRow(self.tr("Seed:"), self.seed)
        form.addRow(self.tr("Categories (q):"), self.categories)
        form.addRow(self.tr("Level:"), self.level)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Coders (two or more):")))
        left_layout.addWidget(self.coder_list)
        left_layout.addLayout(form)
        left_layout.addWidget(QLabel(self.tr("Codes (none ticked: every code used):")))
        left_layout.addWidget(self.code_list, 2)
        left_layout.addWidget(QLabel(self.tr("Documents (none ticked: all):")))
        left_layout.addWidget(self.doc_set)
        left_layout.addWidget(self.doc_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.compute_button)
        row.addWidget(self.cancel_button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.progress)

        # ---- results ----
        self.summary = QLabel(self.tr("Choose coders and press Compute"))
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.proxy = NumericProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(max(22, self.fontMetrics().height() + 6))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._row_selected(current))
        self.pairs = QTableWidget()
        self.pairs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pairs_label = QLabel(self.tr("Coder pairs (Krippendorff's α; Cohen's κ in the tooltip)"))
        # The choices behind the selected row's numbers (categories counted, units left out, ...).
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Exclusive-group conflicts: a coder applied two children of a group to one stretch.
        self.conflicts_label = QLabel()
        self.conflicts = QTableWidget(0, 4)
        self.conflicts.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Coder"), self.tr("Characters"),
                                                  self.tr("Codes")])
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflicts.verticalHeader().hide()
        self.conflicts.setToolTip(self.tr("Double-click to show the place in the coding view"))
        self.conflicts.cellDoubleClicked.connect(self._show_conflict)
        for widget in (self.conflicts_label, self.conflicts):
            widget.hide()
        self.chart = QChart()
        self.chart.legend().hide()
        self.chart.setTitle(self.tr("Krippendorff's α per code"))
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_csv_button.clicked.connect(lambda: self.export_dialog("csv"))
        self.export_json_button = QPushButton(self.tr("Export JSON…"))
        self.export_json_button.clicked.connect(lambda: self.export_dialog("json"))
        for button in (self.export_csv_button, self.export_json_button):
            button.setEnabled(False)

        pair_box = QWidget()
        pair_layout = QVBoxLayout(pair_box)
        pair_layout.setContentsMargins(0, 0, 0, 0)
        pair_layout.addWidget(self.pairs_label)
        pair_layout.addWidget(self.pairs)
        pair_layout.addWidget(self.conflicts_label)
        pair_layout.addWidget(self.conflicts)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(pair_box)
        bottom.addWidget(self.chart_view)
        bottom.setStretchFactor(1, 2)
        bottom.setSizes([300, 800])
        results = QSplitter(Qt.Orientation.Vertical)
        results.addWidget(self.table)
        results.addWidget(bottom)
        results.setSizes([320, 450])
        exports = QHBoxLayout()
        exports.addWidget(self.summary, 1)
        exports.addWidget(self.export_csv_button)
        exports.addWidget(self.export_json_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(exports)
        right_layout.addWidget(results, 1)
        right_layout.addWidget(self.notes)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 1100])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.fill_scope()
        self.bus.subscribe(self, self._on_changes, self.set_project)  # while hidden, changes wait

    @property
    def project(self) -> Project:
        return self.bus.project

    def closeEvent(self, event) -> None:  # noqa: N802
        self.bus.release()  # a view used on its own stops its jobs
        super().closeEvent(event)

    # ---- staying current ------------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        if changes.coders or changes.codebook or changes.document_list or changes.sets:
            self.fill_scope(keep=True)
        if self.report is not None and (changes.segments or changes.assignments or changes.codebook
                                        or changes.coders or changes.document_list):
            self.stale = True
            self.summary.setText(self.tr("Codings changed since these results were computed; "
                                         "they are computed again when you come back to this view"))
            if self.isVisible():
                QTimer.singleShot(0, self._recompute_if_stale)

    def _recompute_if_stale(self) -> None:
        if self.stale and self.isVisible() and not self.busy():
            self.compute()

    # ---- scope ----------------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Another project was opened (on the bus, or for a view used on its own)."""
        self.cancel()
        if project is not self.bus.project:
            self.bus.replace(project)  # a private bus: tell its listeners (this view among them)
            return
        self.report = None
        self.stale = False
        self.model.clear()
        self.fill_scope()

    def fill_scope(self, keep: bool = False) -> None:
        """List the project's coders (all ticked but a consensus coder), codes, groups and documents.

        ``keep``: the lists are refilled after a change elsewhere; what the user ticked stays ticked and
        a newly added coder is ticked like the others.
        """
        from annotator.core.adjudication import CONSENSUS_META_KEY

        known_coders = {self.coder_list.item(i).text() for i in range(self.coder_list.count())} if keep else set()
        ticked_coders = set(self._ticked(self.coder_list)) if keep else set()
        ticked_codes = set(self._ticked(self.code_list, Qt.ItemDataRole.UserRole)) if keep else set()
        group = self.group.currentData() if keep else None
        consensus = self.project.meta(CONSENSUS_META_KEY)
        self.coder_list.clear()
        coders = self.project.coders()
        comparable = default_coders(self.project, [c for c in coders if c.name != consensus])
        for coder in coders:
            item = QListWidgetItem(coder.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = coder.name in ticked_coders if coder.name in known_coders else coder.id in comparable
            if coder.id not in comparable and not coder.is_adjudicator:
                item.setToolTip(self.tr("Has not marked any document done: tick to compare anyway"))
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            item.setForeground(QBrush(text_colour(coder.color)))
            self.coder_list.addItem(item)
        codes = self.project.codes()
        parents = {c.parent_id for c in codes if c.parent_id is not None}
        self.group.clear()
        self.group.addItem(self.tr("(none)"), None)
        for code in codes:
            if code.id in parents:
                self.group.addItem(code.path + ("  [exclusive]" if code.exclusive else ""), code.path)
        self.group.setCurrentIndex(max(0, self.group.findData(group)))
        self.code_list.clear()
        for code in codes:
            item = QListWidgetItem("    " * (code.level - 1) + code.name)
            item.setData(Qt.ItemDataRole.UserRole, code.path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code.path in ticked_codes else Qt.CheckState.Unchecked)
            item.setForeground(QBrush(text_colour(code.color)))
            self.code_list.addItem(item)
        if not keep:
            self.doc_list.model.ticked = set()
        self.doc_list.refresh()
        self.doc_set.clear()
        self.doc_set.addItem(self.tr("Tick the documents of a set…"), None)
        for document_set in self.project.document_sets():
            self.doc_set.addItem(document_set.name, document_set.id)
        self.doc_set.setVisible(self.doc_set.count() > 1)

    def _tick_set(self, index: int) -> None:
        set_id = self.doc_set.itemData(index)
        if set_id is None:
            return
        members = self.project.set_members(int(set_id))
        self.doc_list.set_ticked(d.name for d in self.project.listed_documents(members))
        self.doc_set.setCurrentIndex(0)

    @staticmethod
    def _ticked(widget: QListWidget, role: int | None = None) -> list[str]:
        out = []
        for i in range(widget.count()):
            item = widget.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.text() if role is None else item.data(role))
        return out

    def set_scope(self, *, coders: list[str] | None = None, unit: str | None = None,
                  codes: list[str] | None = None, documents: list[str] | None = None,
                  group: str | None = None, bootstrap: int | None = None, seed: int | None = None,
                  categories: int | None = None, level: str | None = None) -> None:
        """Set the scope widgets (for scripts and tests)."""
        if documents is not None:
            self.doc_list.set_ticked(documents)
        for widget, wanted, role in ((self.coder_list, coders, None),
                                     (self.code_list, codes, Qt.ItemDataRole.UserRole)):
            if wanted is None:
                continue
            for i in range(widget.count()):
                item = widget.item(i)
                key = item.text() if role is None else item.data(role)
                item.setCheckState(Qt.CheckState.Checked if key in wanted else Qt.CheckState.Unchecked)
        if unit is not None:
            self.unit.setCurrentIndex(self.unit.findData(unit))
        if group is not None:
            self.group.setCurrentIndex(max(0, self.group.findData(group)))
        if bootstrap is not None:
            self.bootstrap.setValue(bootstrap)
        if seed is not None:
            self.seed.setValue(seed)
        if categories is not None:
            self.categories.setValue(categories)
        if level is not None:
            self.level.setCurrentIndex(self.level.findData(level))

    def scope(self) -> AgreementScope:
        group = self.group.currentData()
        return AgreementScope(
            unit=self.unit.currentData(), coders=tuple(self._ticked(self.coder_list)),
            codes=() if group else tuple(self._ticked(self.code_list, Qt.ItemDataRole.UserRole)),
            group=group, documents=tuple(self.doc_list.ticked()),
            bootstrap=self.bootstrap.value(), seed=self.seed.value(),
            categories=self.categories.value() or None, level=self.level.currentData())

    # ---- computing ------------------------------------------------------------------------------
    def compute(self) -> None:
        """Start the computation off the GUI thread (in-memory projects: on it, they cannot be shared)."""
        self.cancel()
        scope = self.scope()
        if len(scope.coders) < 2:
            self.summary.setText(self.tr("Tick at least two coders to compare"))
            return
        self.progress.setRange(0, 0)  # busy until the first code is done
        self.progress.setFormat("")
        self.progress.show()
        self.compute_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.summary.setText(self.tr("Computing…"))
        self.stale = False
        job = self.bus.jobs.run(compute_job(scope), title=self.tr("Agreement"), key=f"agreement-{id(self)}",
                                on_done=self._finished, on_failed=self._failed, on_progress=self._progress,
                                on_cancelled=self._cancelled)
        self.worker = job if job.is_running else None

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.silence()  # its late report is not wanted
            self.worker = None
            self._cancelled()

    def busy(self) -> bool:
        return self.worker is not None

    def showEvent(self, event) -> None:  # noqa: N802
        """Compute on first showing (and again when codings changed), so the view opens on results."""
        super().showEvent(event)
        if self.worker is None and len(self._ticked(self.coder_list)) >= 2 and (self.report is None or self.stale):
            self.compute()

    def wait_until_ready(self, timeout_ms: int = 30000) -> None:
        """Process events until a running computation ends (screenshots, scripts)."""
        if self.worker is not None:
            self.worker.wait(timeout_ms)
        QCoreApplication.processEvents()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("{0} of {1} codes").format(done, total))

    def _idle(self) -> None:
        """Nothing computing: no progress bar (a full bar reading "done" looked like a button)."""
        self.worker = None
        self.compute_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.hide()

    def _cancelled(self) -> None:
        self._idle()
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("cancelled"))
        self.summary.setText(self.tr("Cancelled; the previous results (if any) are still shown"))

    def _failed(self, message: str) -> None:
        self._idle()
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.summary.setText(message)
        self.summary.setStyleSheet("color: #c62828")

    def _finished(self, report) -> None:
        self._idle()
        self.summary.setStyleSheet("")
        self.show_report(report)
        self.computed.emit()

    # ---- showing --------------------------------------------------------------------------------
    def show_report(self, report) -> None:
        self.report = report
        self.data = report.to_json_dict()
        data = self.data
        self.rows = report_rows(data)
        span = data.get("unit") == "span"
        measures = SPAN_MEASURES if span else MEASURES
        present = {k for _, _, v in self.rows for k in v}
        self.columns = [m for m in measures if m[0] in present]
        with_ci = any((v.get("ci") or {}).get("low") is not None for _, _, v in self.rows)
        headers = [self.tr("Code"), self.tr("Kind"), self.tr("Mark")] + [self.tr(label) for _, label in self.columns[:1]]
        if with_ci:
            headers += [self.tr("95% CI"), "P(α<.667)", "P(α<.800)"]
        headers += [self.tr(label) for _, label in self.columns[1:]]
        counts = [] if span else [c for c in COUNTS if c[0] in present]
        headers += [self.tr(label) for _, label in counts] + [self.tr("Segments per coder")]
        self.model.clear()
        self.model.setHorizontalHeaderLabels(headers)
        alpha_key = self.columns[0][0] if self.columns else "krippendorff_alpha"
        for kind, path, values in self.rows:
            undefined = values.get("undefined") or {}
            alpha = values.get(alpha_key)
            mark = reliability_mark(alpha)
            shown_path = self.tr("(all codes)") if kind == "overall" else path
            cells = [self._text_item(shown_path, path), self._text_item(self.tr(kind), kind)]
            mark_item = self._text_item(self.tr(mark), ("reliable", "tentative", "unreliable", "undefined").index(mark))
            mark_item.setForeground(QBrush(QColor(MARK_COLOURS[mark])))
            font = mark_item.font()
            font.setBold(True)
            mark_item.setFont(font)
            if mark == "undefined":
                mark_item.setToolTip(undefined.get(alpha_key, "undefined"))
            cells.append(mark_item)
            for key, _ in self.columns[:1]:
                cells.append(self._number_item(values.get(key), undefined.get(key), key))
            if with_ci:
                ci = values.get("ci") or {}
                lo, hi = ci.get("low"), ci.get("high")
                text = f"[{lo:.3f}, {hi:.3f}]" if lo is not None and hi is not None else "—"
                ci_item = self._text_item(text, lo)
                ci_item.setData(ci, RAW)
                ci_item.setToolTip(self.tr("{0} resamples of documents, {1} with a defined α").format(ci.get('resamples', 0), ci.get('defined_resamples', 0)))
                cells.append(ci_item)
                cells.append(self._number_item(ci.get("p_below_0_667"), None, "p_below_0_667"))
                cells.append(self._number_item(ci.get("p_below_0_800"), None, "p_below_0_800"))
            for key, _ in self.columns[1:]:
                cells.append(self._number_item(values.get(key), undefined.get(key), key))
            for key, _ in counts:
                cells.append(self._number_item(values.get(key), None, key, digits=0))
            per_coder = values.get("segments_per_coder") or {}
            cells.append(self._text_item(", ".join(f"{k} {v}" for k, v in per_coder.items()),
                                         sum(per_coder.values()) if per_coder else 0))
            if kind != "code":
                for cell in cells:
                    f = cell.font()
                    f.setItalic(kind == "group")
                    f.setBold(kind == "overall" or cell is mark_item)
                    cell.setFont(f)
            self.model.appendRow(cells)
        self.proxy.sort(-1)  # the report's order (codebook order) until the user sorts by a column
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(260, max(140, self.table.columnWidth(0))))
        coders = ", ".join(data.get("coders", []))
        skipped = data.get("skipped_documents") or []
        text = self.tr("Unit: {unit} · coders: {coders} · documents: {documents}").format(
            unit=self.tr(str(data.get("unit"))), coders=coders, documents=data.get("documents"))
        if skipped and data.get("unit") == "span":  # alpha_U lays out one continuum coded by every coder
            text += self.tr(" ({0} left out: not finished by every chosen coder)").format(len(skipped))
        elif skipped:
            text += self.tr(" ({0} left out: not finished by two coders)").format(len(skipped))
        if data.get("bootstrap"):
            b = data["bootstrap"]
            text += self.tr(" · bootstrap {0} resamples, seed {1}").format(b["resamples"], b["seed"])
        self.summary.setText(text + self.tr(" · α ≥ .800 reliable, .667–.800 tentative"))
        for button in (self.export_csv_button, self.export_json_button):
            button.setEnabled(True)
        self._show_conflicts(report)
        overall = next((i for i, r in enumerate(self.rows) if r[0] == "overall"), 0)
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(overall, 0)).row())
        # The chart is drawn in a later turn of the event loop, so table and chart never freeze the
        # window together (each takes tens of milliseconds on a big codebook).
        QTimer.singleShot(0, lambda r=self.report: r is self.report and self._fill_chart(alpha_key))

    @staticmethod
    def _text_item(text: str, sort: Any) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(sort, SORT)
        return item

    @staticmethod
    def _number_item(value: Any, reason: str | None, key: str, digits: int = 3) -> QStandardItem:
        if value is None:
            item = QStandardItem(QCoreApplication.translate("AgreementView", "undefined") if reason else "—")
            item.setForeground(QBrush(QColor("#777777")))
            if reason:
                item.setToolTip(reason)
        else:
            # Alphas are marked against thresholds: they get the digits that decide the mark.
            shown = shown_value(value, digits) if key in MARKED_KEYS else f"{value:.{digits}f}"
            item = QStandardItem(shown if digits else f"{value:,.0f}")
            item.setToolTip(f"{key} = {value!r}")
        item.setData(value, RAW)
        item.setData(value, SORT)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def value(self, path: str, column_label: str) -> Any:
        """The unrounded value shown in a row and column (for tests and scripts)."""
        labels = [self.model.horizontalHeaderItem(c).text() for c in range(self.model.columnCount())]
        col = labels.index(column_label)
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).text() == path:
                return self.model.item(row, col).data(RAW)
        raise KeyError(path)

    def cell_text(self, path: str, column_label: str) -> str:
        labels = [self.model.horizontalHeaderItem(c).text() for c in range(self.model.columnCount())]
        col = labels.index(column_label)
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).text() == path:
                return self.model.item(row, col).text()
        raise KeyError(path)

    def _row_selected(self, index) -> None:
        if not index.isValid() or not self.rows:
            return
        row = self.proxy.mapToSource(index).row()
        if 0 <= row < len(self.rows):
            kind, path, values = self.rows[row]
            self._show_pairs(values, path)
            notes = [*(values.get("notes") or {}).values(), *(self.data.get("notes") or {}).values()]
            self.notes.setText("\n".join(f"• {n}" for n in notes if n))

    def _show_pairs(self, values: dict[str, Any], path: str = "(all codes)") -> None:
        """Coder x coder α (κ in the tooltip): from the row's pairs, or its own values for two coders."""
        coders = list(self.data.get("coders", []))
        pairs = values.get("pairs") or []
        if not pairs and len(coders) == 2:
            pairs = [{"coders": coders, "krippendorff_alpha": values.get("krippendorff_alpha"),
                      "cohen_kappa": values.get("cohen_kappa"), "percent_agreement": values.get("percent_agreement")}]
        self.pairs_label.setText(self.tr("Coder pairs for {path}: Krippendorff's α (Cohen's κ, % agreement in the tooltip)").format(path=self.tr(path) if path == "(all codes)" else path))
        self.pairs.clear()
        self.pairs.setRowCount(len(coders))
        self.pairs.setColumnCount(len(coders))
        self.pairs.setHorizontalHeaderLabels(coders)
        self.pairs.setVerticalHeaderLabels(coders)
        by_pair = {tuple(p["coders"]): p for p in pairs}
        for i, a in enumerate(coders):
            for j, b in enumerate(coders):
                if i == j:
                    item = QTableWidgetItem("—")
                    item.setBackground(QColor("#eeeeee"))
                else:
                    p = by_pair.get((a, b)) or by_pair.get((b, a))
                    alpha = p.get("krippendorff_alpha") if p else None
                    item = QTableWidgetItem(self.tr("undefined") if p and alpha is None else
                                            shown_value(alpha) if alpha is not None else "")
                    if p:
                        kappa, agree = p.get("cohen_kappa"), p.get("percent_agreement")
                        item.setToolTip(self.tr("{a} × {b}: α {alpha}, κ {kappa}, agreement {agree}").format(a=a, b=b, alpha=alpha, kappa=kappa, agree=agree))
                        item.setData(Qt.ItemDataRole.UserRole, alpha)
                        colour = QColor(MARK_COLOURS[reliability_mark(alpha)])
                        colour.setAlpha(40)
                        item.setBackground(colour)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.pairs.setItem(i, j, item)
        self.pairs.resizeColumnsToContents()

    def _show_conflicts(self, report) -> None:
        conflicts = list(getattr(report, "conflicts", []))
        self.conflicts.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            cells = [c.document, c.coder, f"{c.start}–{c.end}", " + ".join(c.codes)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (c.document_id, c.start, c.end))
                self.conflicts.setItem(row, col, item)
        self.conflicts_label.setText(self.tr("{0} exclusive-group conflicts: a coder applied two children of one "
                                             "group to the same text; that coder counts as missing there")
                                     .format(len(conflicts)))
        self.conflicts.resizeColumnsToContents()
        for widget in (self.conflicts_label, self.conflicts):
            widget.setVisible(bool(conflicts))

    def _show_conflict(self, row: int, _column: int) -> None:
        item = self.conflicts.item(row, 0)
        if item is not None:
            document_id, start, end = item.data(Qt.ItemDataRole.UserRole)
            self.bus.show_place(Place(document_id, start, end, show_others=True))

    def pair_value(self, a: str, b: str) -> float | None:
        coders = list(self.data.get("coders", []))
        item = self.pairs.item(coders.index(a), coders.index(b))
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _fill_chart(self, alpha_key: str) -> None:
        """Horizontal bars of α per code and group, with the .667 and .800 lines."""
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        rows = [(path, values.get(alpha_key)) for kind, path, values in self.rows]
        rows.reverse()  # the first code at the top
        # One bar set per mark, stacked: each code has its value in exactly one, so bars show the mark colour.
        sets = {mark: QBarSet(self.tr(mark)) for mark in ("reliable", "tentative", "unreliable")}
        for mark, bar_set in sets.items():
            bar_set.setColor(QColor(MARK_COLOURS[mark]).lighter(115))
            bar_set.setBorderColor(QColor(MARK_COLOURS[mark]))
        names = []
        for path, alpha in rows:
            mark = reliability_mark(alpha)
            for name, bar_set in sets.items():
                bar_set.append(max(alpha, -1.0) if name == mark and alpha is not None else 0.0)
            shown = self.tr(path) if path == "(all codes)" else path
            names.append(shown if alpha is not None else self.tr("{0} (undefined)").format(shown))
        series = QHorizontalStackedBarSeries()
        for bar_set in sets.values():
            series.append(bar_set)
        series.setBarWidth(0.6)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append(names)
        y.setTruncateLabels(False)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        y.setLabelsFont(small)
        x = QValueAxis()
        low = min([0.0] + [a for _, a in rows if a is not None])
        # Ticks every .2 anchored at 0 (a computed tick count gave "-0.0" from rounding); the axis ends a
        # little past 1 so a bar of alpha = 1 and its border stay inside the plot.
        x.setRange(max(-1.0, math.floor(low * 5) / 5), 1.04)
        x.setTickType(QValueAxis.TickType.TicksDynamic)
        x.setTickAnchor(0.0)
        x.setTickInterval(0.2)
        x.setLabelFormat("%.1f")
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        for threshold, colour in ((THRESHOLDS[0], "#b26a00"), (THRESHOLDS[1], "#2e7d32")):
            line = QLineSeries()
            line.setName(f"α = {threshold:.3f} ({self.tr('tentative') if threshold < 0.8 else self.tr('reliable')})")
            line.append(threshold, -0.5)
            line.append(threshold, len(rows) - 0.5)
            line.setPen(QPen(QColor(colour), 2, Qt.PenStyle.DashLine))
            chart.addSeries(line)
            line.attachAxis(x)
            line.attachAxis(y)
        legend = chart.legend()
        legend.show()
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)

    # ---- export ---------------------------------------------------------------------------------
    def json_text(self) -> str:
        """Exactly what ``annotator agreement --format json`` prints for this scope."""
        return json.dumps(self.data, ensure_ascii=False, indent=2) + "\n"

    def csv_text(self) -> str:
        """Exactly what ``annotator agreement --format csv`` prints for this scope."""
        from annotator.core.agreement.report_table import report_csv

        return report_csv(self.report)

    def export(self, path: str, kind: str) -> None:
        from annotator.core.exporters.output import write_text

        text = self.json_text() if kind == "json" else self.csv_text()
        write_text(path, text, project_path=self.project.path)  # never over the project; whole or not at all

    def export_dialog(self, kind: str) -> None:
        if self.report is None:
            return
        pattern = "JSON (*.json)" if kind == "json" else "CSV (*.csv)"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export agreement as {0}").format(kind.upper()), start_dir(self.project, f"agreement.{kind}"),
                                              pattern)
        if path:
            try:
                self.export(path, kind)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Annotator"), self.tr("{path}: cannot write ({0})").format(exc.strerror, path=path))
            except AnnotatorError as exc:
                QMessageBox.warning(self, self.tr("Annotator"), str(exc))


__all__ = ["AgreementView", "compute_job", "reliability_mark", "report_rows"]
