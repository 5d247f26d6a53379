"""The Export dialog: pick a format and CSV options, see the first rows exactly as they will be written.

The preview takes the first rows of the same row source the export writes and puts them through the same
CSV writing with the same options (only the rows shown are made: a preview of 100,000 segments costs
what 20 do), so what the table shows is byte-for-byte what Excel or R will get (apostrophes from formula
protection included). REFI-QDA files are XML in a zip, so for those a short summary is shown.
Preview and export run as read-only jobs on the job runner (their own connection, off the GUI thread);
the dialog reports one line.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QRadioButton, QSpinBox,
    QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from annotator.core.exporters.csv_export import CsvOptions, render_csv
from annotator.core.store import Project
from annotator.gui.file_dialogs import start_dir
from annotator.gui.jobs import Job
from annotator.gui.project_bus import ProjectBus

PREVIEW_ROWS = 20
DELIMITERS = ((QT_TRANSLATE_NOOP("ExportDialog", "Comma ( , )"), ","), (QT_TRANSLATE_NOOP("ExportDialog", "Semicolon ( ; )"), ";"),
              (QT_TRANSLATE_NOOP("ExportDialog", "Tab"), "\t"), (QT_TRANSLATE_NOOP("ExportDialog", "Pipe ( | )"), "|"))


@dataclass(frozen=True)
class ExportKind:
    """One thing the dialog can write."""

    key: str
    label: str
    suffix: str
    noun: str  # what the returned count counts

    @property
    def is_csv(self) -> bool:
        return self.suffix == ".csv"


EXPORT_KINDS = (
    ExportKind("codebook", QT_TRANSLATE_NOOP("ExportDialog", "Codebook (CSV, with usage per coder)"), ".csv", "codes"),
    ExportKind("segments", QT_TRANSLATE_NOOP("ExportDialog", "Coded segments (CSV, one row per segment)"), ".csv", "segments"),
    ExportKind("matrix", QT_TRANSLATE_NOOP("ExportDialog", "Document × code matrix per coder (CSV, for R/SPSS)"), ".csv", "rows"),
    ExportKind("assignments", QT_TRANSLATE_NOOP("ExportDialog", "Assignments and progress (CSV)"), ".csv", "assignments"),
    ExportKind("memos", QT_TRANSLATE_NOOP("ExportDialog", "Memos: journal, documents, codes and codings (CSV)"), ".csv", "memos"),
    ExportKind("qdc", QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA codebook (.qdc)"), ".qdc", ""),
    ExportKind("qdpx", QT_TRANSLATE_NOOP("ExportDialog", "REFI-QDA project (.qdpx, for other QDA tools)"), ".qdpx", ""),
)
KINDS = {k.key: k for k in EXPORT_KINDS}


@dataclass(frozen=True)
class ExportRequest:
    """Everything needed to write one export; plain data so a worker thread can carry it."""

    kind: str
    path: str
    options: CsvOptions = CsvOptions()
    quotes: int = 0
    document_set: int | None = None  # segments and matrix: only this set's documents


def run_export(project: Project, request: ExportRequest) -> str:
    """Write the export with the core functions; returns a one-line summary."""
    kind = KINDS[request.kind]
    options, path = request.options, request.path
    within = None if request.document_set is None else project.set_members(request.document_set)
    if kind.key == "codebook":
        from annotator.core.codebook import export_codebook_csv

        n = export_codebook_csv(project, path, quotes=request.quotes, bom=options.bom,
                                delimiter=options.delimiter, protect_formulas=options.protect_formulas)
    elif kind.key == "segments":
        from annotator.core.exporters.segments import export_segments_csv

        n = export_segments_csv(project, path, options, within)
    elif kind.key == "matrix":
        from annotator.core.exporters.matrix import export_matrix_csv

        n = export_matrix_csv(project, path, options, within)
    elif kind.key == "memos":
        from annotator.core.memos import export_memos_csv

        n = export_memos_csv(project, path, options)
    elif kind.key == "assignments":
        from annotator.core.exporters.assignments import export_assignments_csv

        n = export_assignments_csv(project, path, options)
    else:
        from annotator.core.exchange.refi import export_qdc, export_qdpx

        (export_qdc if kind.key == "qdc" else export_qdpx)(project, path)
        return f"Exported {kind.label.split(' (')[0]} to {path}"
    return f"Exported {n} {kind.noun} to {path}"


def read_back(path: str | os.PathLike[str], delimiter: str, limit: int = PREVIEW_ROWS
              ) -> tuple[list[str], list[list[str]]]:
    """The header and first ``limit`` data rows of a CSV we wrote, cells exactly as stored."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, [])
        rows = []
        for row in reader:
            if len(rows) >= limit:
                break
            rows.append(row)
    return header, rows


def refi_summary(project: Project, kind: str) -> str:
    """What a .qdc or .qdpx would contain, since its XML is no use as a table."""
    codes = project.codes()
    top = [c.path for c in codes if "/" not in c.path]
    lines = [f"{len(codes)} codes ({len(top)} at top level): {', '.join(top[:8])}{'…' if len(top) > 8 else ''}"]
    if kind == "qdpx":
        documents = project.documents()
        coders = project.coders()
        n_segments = project.segment_count()
        lines += [f"{len(documents)} text sources: {', '.join(d.name for d in documents[:6])}"
                  f"{'…' if len(documents) > 6 else ''}",
                  f"{len(coders)} users: {', '.join(c.name for c in coders)}",
                  f"{n_segments} codings (plain-text selections)"]
    lines += ["", "GUIDs are kept, so exporting again gives the same identifiers."]
    from annotator.core.exchange.refi import refi_warnings

    warnings = refi_warnings(project, whole_project=kind == "qdpx")
    if warnings:  # what the format, or the tools that read it, cannot hold
        lines += ["", "Not carried over:", *(f"• {w}" for w in warnings)]
    return "\n".join(lines)


def export_table(project: Project, request: ExportRequest) -> tuple[list[str], Iterator[Sequence[object]]]:
    """The header and the rows (made as they are read) that ``run_export`` writes for a CSV kind."""
    within = None if request.document_set is None else project.set_members(request.document_set)
    if request.kind == "codebook":
        from annotator.core.codebook import codebook_table

        return codebook_table(project, request.quotes)
    if request.kind == "segments":
        from annotator.core.exporters.segments import SEGMENT_COLUMNS

        return list(SEGMENT_COLUMNS), project.segment_export_rows(within)
    if request.kind == "matrix":
        from annotator.core.exporters.matrix import iter_matrix

        return iter_matrix(project, within)
    if request.kind == "memos":
        from annotator.core.memos import EXPORT_COLUMNS, memo_entries

        return list(EXPORT_COLUMNS), ([e.as_dict()[c] for c in EXPORT_COLUMNS] for e in memo_entries(project))
    from annotator.core.exporters.assignments import ASSIGNMENT_COLUMNS

    return list(ASSIGNMENT_COLUMNS), iter(project.assignment_export_rows())


def preview(project: Project, request: ExportRequest, limit: int = PREVIEW_ROWS) -> tuple[list[str], list[list[str]]]:
    """The header and first ``limit`` rows exactly as the file will have them: the same rows through the
    same CSV writing (formula protection, delimiter), but only as many as are shown are made."""
    header, rows = export_table(project, request)
    text = render_csv(header, islice(rows, limit), request.options)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=request.options.delimiter)
    return next(reader, []), list(reader)


class PreviewModel(QAbstractTableModel):
    """A read-only table over the preview rows."""

    def __init__(self) -> None:
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[str]] = []

    def reset(self, header: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.header, self.rows = header, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.header)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        value = row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return value.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole and len(value) > 40:
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.header[section] if section < len(self.header) else None
        return section + 1


class ExportDialog(QDialog):
    """Choose what to export and how; preview; write in the background."""

    preview_ready = Signal()

    def __init__(self, project_or_bus: Project | ProjectBus, parent: QWidget | None = None,
                 on_done: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.bus = ProjectBus.of(project_or_bus, self)
        self.project = self.bus.project
        self.on_done = on_done
        self.worker: Job | None = None
        self._preview_job: Job | None = None
        self.setWindowTitle(self.tr("Export"))
        self.resize(1080, 620)
        self._user_named_file = False

        self.kind_group = QButtonGroup(self)
        what = QGroupBox(self.tr("What to export"))
        what_layout = QVBoxLayout(what)
        for i, kind in enumerate(EXPORT_KINDS):
            button = QRadioButton(self.tr(kind.label))
            button.setProperty("kind", kind.key)
            self.kind_group.addButton(button, i)
            what_layout.addWidget(button)
        self.kind_group.button(1).setChecked(True)

        options = QGroupBox(self.tr("CSV options"))
        form = QFormLayout(options)
        self.bom = QCheckBox(self.tr("UTF-8 with BOM (Excel shows Chinese correctly)"))
        self.bom.setChecked(True)
        self.delimiter = QComboBox()
        for label, value in DELIMITERS:
            self.delimiter.addItem(self.tr(label), value)
        self.protect = QCheckBox(self.tr("Protect against formulas (= + - @ get a leading ')"))
        self.protect.setChecked(True)
        self.quotes = QSpinBox()
        self.quotes.setRange(0, 50)
        self.quotes.setSpecialValueText(self.tr("none"))
        self.quotes.setToolTip(self.tr("Add the first N coded passages of each code as example quotes"))
        form.addRow(self.bom)
        form.addRow(self.tr("Delimiter:"), self.delimiter)
        form.addRow(self.protect)
        form.addRow(self.tr("Example quotes per code:"), self.quotes)
        self.options_box = options

        self.document_set = QComboBox()  # segments and matrix of one document set
        self.document_set.addItem(self.tr("All documents"), None)
        for document_set in self.project.document_sets():
            self.document_set.addItem(self.tr("Set: {0}").format(document_set.name), document_set.id)
        scope = QFormLayout()
        scope.addRow(self.tr("Documents:"), self.document_set)

        left = QVBoxLayout()
        left.addWidget(what)
        left.addLayout(scope)
        left.addWidget(options)
        left.addStretch(1)

        self.preview_model = PreviewModel()
        self.table = QTableView()
        self.table.setModel(self.preview_model)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.preview_stack = QStackedWidget()
        self.preview_stack.addWidget(self.table)
        self.preview_stack.addWidget(self.summary)
        self.preview_title = QLabel()
        right = QVBoxLayout()
        right.addWidget(self.preview_title)
        right.addWidget(self.preview_stack, 1)

        columns = QHBoxLayout()
        columns.addLayout(left, 0)
        columns.addLayout(right, 1)

        self.path_edit = QLineEdit()
        self.path_edit.textEdited.connect(self._path_edited)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        destination = QHBoxLayout()
        destination.addWidget(QLabel(self.tr("Save to:")))
        destination.addWidget(self.path_edit, 1)
        destination.addWidget(browse)

        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(destination)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh_preview)
        self.kind_group.idToggled.connect(lambda _i, on: on and self._kind_changed())
        for signal in (self.bom.toggled, self.protect.toggled, self.delimiter.currentIndexChanged,
                       self.quotes.valueChanged, self.document_set.currentIndexChanged):
            signal.connect(lambda *_: self._timer.start())
        self._kind_changed()
        self.refresh_preview()

    # ---- state ---------------------------------------------------------------------------------
    @property
    def kind(self) -> ExportKind:
        return KINDS[self.kind_group.checkedButton().property("kind")]

    def set_kind(self, key: str) -> None:
        for button in self.kind_group.buttons():
            if button.property("kind") == key:
                button.setChecked(True)
        self.refresh_preview()

    def options(self) -> CsvOptions:
        return CsvOptions(bom=self.bom.isChecked(), delimiter=self.delimiter.currentData(),
                          protect_formulas=self.protect.isChecked())

    def request(self) -> ExportRequest:
        quotes = self.quotes.value() if self.kind.key == "codebook" else 0
        document_set = self.document_set.currentData() if self.kind.key in ("segments", "matrix") else None
        return ExportRequest(self.kind.key, self.path_edit.text().strip(), self.options(), quotes, document_set)

    def _default_path(self) -> str:
        stem = Path(self.project.path).stem if self.project.path else "project"
        suffix = self.kind.suffix
        name = f"{stem}{suffix}" if not self.kind.is_csv else f"{stem}-{self.kind.key}.csv"
        if self.kind.key == "qdc":
            name = f"{stem}-codebook.qdc"
        # The project's folder, as every file dialog; for the demo (in the app's data folder) the documents folder.
        return start_dir(self.project, name)

    def _path_edited(self, _text: str) -> None:
        self._user_named_file = True

    def _kind_changed(self) -> None:
        csv_kind = self.kind.is_csv
        self.options_box.setEnabled(csv_kind)
        self.quotes.setEnabled(self.kind.key == "codebook")
        self.document_set.setEnabled(self.kind.key in ("segments", "matrix") and self.document_set.count() > 1)
        current = self.path_edit.text().strip()
        if not self._user_named_file or not current:
            self.path_edit.setText(self._default_path())
        else:
            self.path_edit.setText(str(Path(current).with_suffix(self.kind.suffix)))
        self._timer.start()

    # ---- preview -------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        self._timer.stop()
        kind = self.kind
        if not kind.is_csv:
            if self._preview_job is not None and self._preview_job.is_running:
                self._preview_job.silence()  # a table preview still coming is not wanted any more
            self.preview_title.setText(self.tr("<b>Contents</b> of the {0} file").format(kind.suffix))
            self.summary.setPlainText(refi_summary(self.project, kind.key))
            self.preview_stack.setCurrentWidget(self.summary)
            return
        request = self.request()
        self._preview_job = self.bus.jobs.run(
            lambda project, _context: preview(project, request), title=self.tr("Preview"),
            key=f"export-preview-{id(self)}", on_done=self._show_preview, on_failed=self._preview_failed)

    def _preview_failed(self, message: str) -> None:
        self.preview_model.reset([], [])
        self.preview_title.setText(self.tr("<b>Preview</b> unavailable: {exc}").format(exc=message))
        self.preview_ready.emit()

    def _show_preview(self, result: object) -> None:
        header, rows = result  # type: ignore[misc]
        self.preview_model.reset(header, rows)
        self.preview_stack.setCurrentWidget(self.table)
        self.preview_title.setText(self.tr("<b>Preview</b>: header and first {0} rows, exactly as written").format(len(rows))
                                   if rows else self.tr("<b>Preview</b>: header only (nothing to export yet)"))
        self.table.resizeColumnsToContents()
        for column, name in enumerate(header):  # long cells are elided; the tooltip has them whole
            widest = 320 if name in ("text", "memo") or name.startswith("quote_") else 240 if name == "code" else 180
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
        self.preview_ready.emit()

    def wait_until_ready(self, timeout_ms: int = 20000) -> None:
        """Process events until the preview and any export have reported (tests, scripts)."""
        for job in (self._preview_job, self.worker):
            if job is not None and job.is_running:
                job.wait(timeout_ms)

    # ---- export --------------------------------------------------------------------------------
    def browse(self) -> None:
        kind = self.kind
        pattern = "CSV (*.csv)" if kind.is_csv else f"REFI-QDA (*{kind.suffix})"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path_edit.text(), pattern)
        if path:
            if not path.lower().endswith(kind.suffix):
                path += kind.suffix
            self.path_edit.setText(path)
            self._user_named_file = True

    def export(self) -> Job | None:
        """Start writing; the result (or the error) appears in the status line."""
        request = self.request()
        if not request.path:
            self.status.setText(self.tr("Choose where to save the file first."))
            return None
        if self.worker is not None and self.worker.is_running:
            return self.worker
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        job = self.bus.jobs.run(lambda project, _context: run_export(project, request),
                                title=self.tr("Export"), on_done=self._finished, on_failed=self._failed)
        self.worker = job if job.is_running else None
        return job

    def _finished(self, summary: object) -> None:
        self.worker = None
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("✓ {summary}").format(summary=summary))
        if self.on_done:
            self.on_done(str(summary))

    def _failed(self, message: str) -> None:
        self.worker = None
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("✗ Export failed: {message}").format(message=message))

    def hideEvent(self, event) -> None:  # noqa: N802
        self._stop_preview()  # no preview of a project that may be closed by now
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        self._stop_preview()
        if self.worker is not None and self.worker.is_running:
            self.worker.wait(10000)  # the file being written is finished first
        self.bus.release()
        super().closeEvent(event)

    def _stop_preview(self) -> None:
        self._timer.stop()
        if self._preview_job is not None and self._preview_job.is_running:
            self._preview_job.silence()

    def done(self, result: int) -> None:
        self._stop_preview()
        if self.worker is not None and self.worker.is_running:
            self.worker.wait(10000)  # the file being written is finished first
        super().done(result)


__all__ = ["EXPORT_KINDS", "ExportDialog", "ExportKind", "ExportRequest", "preview", "read_back", "run_export"]
