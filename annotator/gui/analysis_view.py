"""The analysis view: characteristic words of a code, frames by outlet (bar chart), code co-occurrence,
and a word cloud per frame. Charts export as PNG or SVG, tables as CSV.

Analyses are jobs on the job runner, on their own connection (they read every document's tokens); they
are recomputed when the project event bus says codings, codes or documents changed, and only while the
view is shown (otherwise on its next showing). The word cloud is laid out and painted here with QPainter
so the same drawing goes to screen, PNG and SVG.
"""

from __future__ import annotations

import csv
import math
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt,
    QTimer, Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QRadioButton,
    QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from annotator.core import analysis
from annotator.core.commands import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.segmentation import ensure_segmented
from annotator.core.store import Project
from annotator.gui.file_dialogs import start_dir
from annotator.gui.jobs import JobContext
from annotator.gui.project_bus import ProjectBus

_INDEX = QModelIndex | QPersistentModelIndex
# Column names shown as headers (codes and frames in the matrix are data and stay as they are).
COLUMN_NAMES = (
    QT_TRANSLATE_NOOP("RowsModel", "word"),
    QT_TRANSLATE_NOOP("RowsModel", "count"),
    QT_TRANSLATE_NOOP("RowsModel", "rest count"),
    QT_TRANSLATE_NOOP("RowsModel", "per 10k"),
    QT_TRANSLATE_NOOP("RowsModel", "rest per 10k"),
    QT_TRANSLATE_NOOP("RowsModel", "g2"),
    QT_TRANSLATE_NOOP("RowsModel", "overused"),
    QT_TRANSLATE_NOOP("RowsModel", "outlet"),
    QT_TRANSLATE_NOOP("RowsModel", "frame"),
    QT_TRANSLATE_NOOP("RowsModel", "documents"),
    QT_TRANSLATE_NOOP("RowsModel", "coded documents"),
    QT_TRANSLATE_NOOP("RowsModel", "documents with frame"),
    QT_TRANSLATE_NOOP("RowsModel", "share"),
    QT_TRANSLATE_NOOP("RowsModel", "segments"),
    QT_TRANSLATE_NOOP("RowsModel", "code"),
)


# ---- tables ------------------------------------------------------------------------------------

class RowsModel(QAbstractTableModel):
    """Read-only rows of dicts under fixed columns; numbers right-aligned; sortable."""

    def __init__(self, columns: Sequence[str] = (), parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[dict[str, object]] = []

    def set_rows(self, columns: Sequence[str], rows: list[dict[str, object]]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RowsModel", self.columns[section].replace("_", " "))
        return None

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.rows[index.row()].get(self.columns[index.column()], "")
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, float):
                return f"{value:.2f}"
            if isinstance(value, bool):
                return self.tr("yes") if value else self.tr("no")
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column]
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=lambda r: (isinstance(r.get(key), str), r.get(key)),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def write_csv(self, path: str, project_path: Path | None = None) -> None:
        from annotator.core.exporters.output import output_file

        # BOM: Excel reads Chinese. Never over the project; whole or not at all.
        with output_file(path, project_path=project_path, encoding="utf-8-sig") as handle:
            writer = csv.DictWriter(handle, fieldnames=self.columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(self.rows)


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # rows come ranked
    model.modelReset.connect(view.resizeColumnsToContents)
    return view


# ---- word cloud --------------------------------------------------------------------------------

class WordCloud(QWidget):
    """Words sized by frequency, placed on a spiral from the centre without overlapping."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.color = QColor("#4363d8")
        self.words: list[tuple[str, float]] = []
        self.setMinimumSize(240, 180)

    def set_words(self, words: Sequence[tuple[str, float]], color: str = "#4363d8", title: str = "",
                  empty: str | None = None) -> None:
        """``empty``: what the cloud says when there is no word to show (why, in the view's terms)."""
        self.words = [(w, float(n)) for w, n in words if n > 0][:80]
        self.empty = empty
        self.color = QColor(color)
        self.title = title
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, 360)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.render_cloud(painter, QRectF(self.rect()))
        painter.end()

    empty: str | None = None

    def render_cloud(self, painter: QPainter, area: QRectF) -> None:
        draw_cloud(painter, area, self.words, self.color, self.title, self.font(), self.empty)


_SPIRAL_STEPS = 4000
_LAYOUTS: "OrderedDict[tuple, list[tuple[str, QFont, QRectF, int]]]" = OrderedDict()  # most recent last
_LAYOUTS_KEPT = 64


def _spiral() -> tuple[np.ndarray, np.ndarray]:
    """Candidate centres on an Archimedean spiral from the middle, widened for landscape clouds."""
    angle = 0.35 * np.arange(_SPIRAL_STEPS)
    radius = 1.6 * angle
    return radius * np.cos(angle) * 1.5, radius * np.sin(angle)


def _first_free(left: np.ndarray, upper: np.ndarray, width: float, height: float, boxes: np.ndarray,
                chunk: int = 256) -> int:
    """The first spiral step where a width x height box overlaps none of ``boxes`` (-1 if none), testing
    a slice of steps at a time against all boxes."""
    for begin in range(0, len(left), chunk):
        x = left[begin:begin + chunk, None]
        y = upper[begin:begin + chunk, None]
        clash = ((x < boxes[:, 2]) & (x + width > boxes[:, 0]) & (y < boxes[:, 3]) & (y + height > boxes[:, 1])).any(axis=1)
        free = np.flatnonzero(~clash)
        if len(free):
            return begin + int(free[0])
    return -1


def layout_cloud(words: Sequence[tuple[str, float]], base: QFont) -> list[tuple[str, QFont, QRectF, int]]:
    """Place words (largest first) on a spiral without overlap; returns (word, font, rect, rank).

    The layout does not depend on the size painted at (it is scaled to fit), so it is computed once per
    word list and font and kept: a repaint or resize only draws. Each word tests every spiral position
    against every placed word at once (numpy), instead of one rectangle pair at a time.
    """
    if not words:
        return []
    key = (tuple(words), base.key())
    cached = _LAYOUTS.get(key)
    if cached is not None:
        _LAYOUTS.move_to_end(key)
        return cached
    xs, ys = _spiral()
    top = max(n for _w, n in words)
    placed: list[tuple[str, QFont, QRectF, int]] = []
    boxes = np.empty((len(words), 4))  # left, top, right, bottom of each placed word
    for rank, (word, count) in enumerate(sorted(words, key=lambda x: -x[1])):
        font = QFont(base)
        font.setPixelSize(int(12 + 40 * math.sqrt(count / top)))
        font.setBold(rank < 5)
        metrics = QFontMetricsF(font)
        width, height = metrics.horizontalAdvance(word) + 4, metrics.height()
        left, upper = xs - width / 2, ys - height / 2
        n = len(placed)
        step = 0 if not n else _first_free(left, upper, width, height, boxes[:n])
        if step < 0:
            continue  # no room on the spiral: the word is left out, as before
        x, y = float(left[step]), float(upper[step])
        boxes[n] = (x, y, x + width, y + height)
        placed.append((word, font, QRectF(x, y, width, height), rank))
    _LAYOUTS[key] = placed
    while len(_LAYOUTS) > _LAYOUTS_KEPT:
        _LAYOUTS.popitem(last=False)
    return placed


def draw_cloud(painter: QPainter, area: QRectF, words: Sequence[tuple[str, float]], color: QColor,
               title: str, base: QFont, empty: str | None = None) -> None:
    painter.save()
    painter.fillRect(area, QColor("white"))
    inner = QRectF(area)
    if title:
        title_font = QFont(base)
        title_font.setPixelSize(15)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(color.darker(130))
        painter.drawText(area.adjusted(8, 6, -8, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         title)
        inner = area.adjusted(0, 26, 0, 0)
    placed = layout_cloud(words, base)
    if not placed:
        painter.setPen(QColor("#888888"))
        painter.drawText(inner.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         empty or QCoreApplication.translate("WordCloud", "No words yet: code some text with this frame"))
        painter.restore()
        return
    bounds = QRectF(placed[0][2])
    for _w, _f, rect, _r in placed:
        bounds = bounds.united(rect)
    scale = min((inner.width() - 16) / bounds.width(), (inner.height() - 16) / bounds.height(), 1.6)
    painter.translate(inner.center())
    painter.scale(scale, scale)
    painter.translate(-bounds.center())
    shades = [color.darker(140), color, color.lighter(125), QColor("#555555")]
    for word, font, rect, rank in placed:
        painter.setFont(font)
        painter.setPen(shades[min(rank // 4, 3)] if rank < 16 else shades[(rank % 2) + 2])
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, word)
    painter.restore()


class FrameClouds(QWidget):
    """A grid of word clouds, one per frame, painted as one picture (one file on export)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clouds: list[tuple[str, str, list[tuple[str, float]]]] = []  # title, colour, words
        self.setMinimumSize(400, 300)

    def set_clouds(self, clouds: list[tuple[str, str, list[tuple[str, float]]]]) -> None:
        self.clouds = clouds
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.render_clouds(painter, QRectF(self.rect()))
        painter.end()

    def render_clouds(self, painter: QPainter, area: QRectF) -> None:
        painter.fillRect(area, QColor("white"))
        if not self.clouds:
            return
        columns = max(1, min(3, math.ceil(math.sqrt(len(self.clouds)))))
        rows = math.ceil(len(self.clouds) / columns)
        width, height = area.width() / columns, area.height() / rows
        for i, (title, colour, words) in enumerate(self.clouds):
            cell = QRectF(area.left() + (i % columns) * width, area.top() + (i // columns) * height,
                          width, height).adjusted(4, 4, -4, -4)
            draw_cloud(painter, cell, words, QColor(colour), title, self.font())
            painter.setPen(QColor("#dddddd"))
            painter.drawRect(cell)


def export_picture(path: str, size: QSize, render: Callable[[QPainter, QRectF], None], title: str = "") -> None:
    """Paint ``render`` into an SVG (by suffix) or a PNG at twice the on-screen resolution."""
    if path.lower().endswith(".svg"):
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(title or "Annotator chart")
        painter = QPainter(generator)
        render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return
    image = QImage(size * 2, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(2)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    if not image.save(path):
        raise OSError(f"{path}: cannot write the picture")


# ---- the view ----------------------------------------------------------------------------------

class AnalysisView(QWidget):
    """Three analyses and the word clouds, for all coders or one (e.g. a consensus coder)."""

    analysis_finished = Signal(str)  # "words", "frames", "cooccurrence", "clouds"
    analysis_failed = Signal(str)

    def __init__(self, source: ProjectBus | Project | str | os.PathLike[str], parent: QWidget | None = None,
                 compute_now: bool = True) -> None:
        # A host that shows the view later (the main window's tab) passes compute_now=False: the analyses
        # then run when the view is first shown, so start-up never pays for them.
        super().__init__(parent)
        self.bus = ProjectBus.of(source, self)
        self.stale = not compute_now
        self._recompute = QTimer(self)  # several announcements in a row give one recomputation
        self._recompute.setSingleShot(True)
        self._recompute.setInterval(250)
        self._recompute.timeout.connect(self._refresh_if_shown)
        self.coder = QComboBox()
        self.coder.currentIndexChanged.connect(lambda _i: self.refresh())
        self.document_set = QComboBox()  # analyse the documents of one set (an outlet group, a wave)
        self.document_set.currentIndexChanged.connect(lambda _i: self.refresh())
        self.status = QLabel("")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        self._jobs: dict[str, object] = {}  # analysis name -> its running job

        # Characteristic words
        self.word_code = QComboBox()
        self.word_code.currentIndexChanged.connect(lambda _i: self.compute_words())
        self.words_model = RowsModel()
        self.words_table = _table(self.words_model)
        self.word_cloud = WordCloud()
        self.words_note = QLabel("")
        words_tab = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Code")))
        bar.addWidget(self.word_code, 1)
        bar.addWidget(self.words_note, 2)
        bar.addWidget(self._button(self.tr("Export table…"), lambda: self.export_table(self.words_model)))
        bar.addWidget(self._button(self.tr("Export cloud…"), lambda: self.export_chart(
            self.word_cloud.size(), self.word_cloud.render_cloud)))
        split = QSplitter()
        split.addWidget(self.words_table)
        split.addWidget(self.word_cloud)
        split.setSizes([420, 520])
        box = QVBoxLayout(words_tab)
        box.addLayout(bar)
        box.addWidget(split, 1)

        # Frames by outlet
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.frames_model = RowsModel()
        frames_tab = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Share of coded documents in each outlet that use each frame")), 1)
        bar.addWidget(self._button(self.tr("Export chart…"), lambda: self.export_chart(
            self.chart_view.size(), self._render_chart)))
        bar.addWidget(self._button(self.tr("Export table…"), lambda: self.export_table(self.frames_model)))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart_view)
        split.addWidget(_table(self.frames_model))
        split.setSizes([380, 200])
        box = QVBoxLayout(frames_tab)
        box.addLayout(bar)
        box.addWidget(split, 1)

        # Co-occurrence
        self.matrix_model = RowsModel()
        self.by_documents = QRadioButton(self.tr("Documents with both codes"))
        self.by_overlap = QRadioButton(self.tr("Overlapping segments"))
        self.by_documents.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_documents)
        group.addButton(self.by_overlap)
        self.by_documents.toggled.connect(lambda _c: self._show_matrix())
        self._matrix: analysis.Cooccurrence | None = None
        matrix_tab = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(self.by_documents)
        bar.addWidget(self.by_overlap)
        bar.addStretch(1)
        bar.addWidget(self._button(self.tr("Export table…"), lambda: self.export_table(self.matrix_model)))
        box = QVBoxLayout(matrix_tab)
        box.addLayout(bar)
        box.addWidget(_table(self.matrix_model), 1)

        # Word clouds per frame
        self.clouds = FrameClouds()
        clouds_tab = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("The most frequent content words of each frame")), 1)
        bar.addWidget(self._button(self.tr("Export clouds…"), lambda: self.export_chart(
            self.clouds.size(), self.clouds.render_clouds)))
        box = QVBoxLayout(clouds_tab)
        box.addLayout(bar)
        box.addWidget(self.clouds, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(words_tab, self.tr("Characteristic words"))
        self.tabs.addTab(frames_tab, self.tr("Frames by outlet"))
        self.tabs.addTab(matrix_tab, self.tr("Co-occurrence"))
        self.tabs.addTab(clouds_tab, self.tr("Word clouds"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Coder")))
        top.addWidget(self.coder)
        top.addWidget(QLabel(self.tr("Documents")))
        top.addWidget(self.document_set)
        top.addWidget(self._button(self.tr("Refresh"), self.refresh))
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.refresh_choices(compute=compute_now)
        self.bus.changed.connect(self._on_changes)
        self.bus.replaced.connect(lambda _p: self._on_changes(Changes.everything()))

    @property
    def project(self) -> Project:
        return self.bus.project

    # ---- staying current ------------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        if changes.segments or changes.codebook or changes.coders or changes.document_list or changes.dictionary \
                or changes.sets:
            self.stale = True
            self._recompute.start()

    def _refresh_if_shown(self) -> None:
        if self.stale and self.isVisible():
            self.stale = False
            self.refresh_choices()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self._recompute.start(0)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ---- choices and running -------------------------------------------------------------------

    def refresh_choices(self, compute: bool = True) -> None:
        """Re-read coders and codes (after codebook edits); recomputes everything unless told not to."""
        for combo, first, items in (
                (self.coder, self.tr("All coders"), [(c.name, c.id) for c in self.project.coders()]),
                (self.document_set, self.tr("All documents"),
                 [(self.tr("Set: {0}").format(s.name), s.id) for s in self.project.document_sets()]),
                (self.word_code, None, [(c.path, c.id) for c in self.project.codes()])):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if first:
                combo.addItem(first, None)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(current)
            if index < 0 and combo is self.word_code:  # start with a frame, not a grouping code
                frames = analysis.frame_codes(self.project)
                index = combo.findData(frames[0].id) if frames else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        if compute:
            self.refresh()

    def set_coder(self, coder_id: int | None) -> None:
        index = self.coder.findData(coder_id)
        if index >= 0:
            self.coder.setCurrentIndex(index)

    def set_code(self, code_id: int) -> None:
        index = self.word_code.findData(code_id)
        if index >= 0:
            self.word_code.setCurrentIndex(index)

    def refresh(self) -> None:
        self.compute_words()
        self.compute_frames()
        self.compute_cooccurrence()
        self.compute_clouds()

    def _run(self, name: str, job: Callable[[Project], object], show: Callable[[object], None]) -> None:
        """Run one analysis as a job (replacing a run of the same analysis); new documents are segmented first."""
        self.progress.show()
        self.status.setText(self.tr("Analysing…"))

        def done(result: object) -> None:
            self._finish()
            show(result)
            self.analysis_finished.emit(name)

        def failed(message: str) -> None:
            self._finish()
            self.status.setText(message)
            self.analysis_failed.emit(message)

        def with_segmenting(project: Project, context: JobContext) -> object:
            ensure_segmented(project, on_progress=context.report)
            return job(project)

        self._jobs[name] = self.bus.jobs.run(
            with_segmenting, title=self.tr("Analysis"), writable=True, key=f"analysis-{name}-{id(self)}",
            on_done=done, on_failed=failed, on_progress=self._progress)
        self._finish()  # in memory the job has already reported

    @property
    def _pending(self) -> int:
        """Analyses still running."""
        return sum(1 for job in self._jobs.values() if job.is_running)  # type: ignore[attr-defined]

    def _progress(self, done: int, total: int) -> None:
        self.status.setText(self.tr("Segmenting documents: {done} of {total}…").format(done=done, total=total))

    def _finish(self) -> None:
        if self._pending == 0:
            self.progress.hide()
            if self.status.text() == self.tr("Analysing…") or self.status.text().startswith(
                    self.tr("Segmenting documents: {done} of {total}…").split("{")[0]):
                self.status.setText("")

    # ---- the analyses -------------------------------------------------------------------------

    def compute_words(self) -> None:
        code_id = self.word_code.currentData()
        if code_id is None:
            return
        coder_id, within = self.coder.currentData(), self._within()
        self._run("words", lambda p: analysis.characteristic_words(p, code_id, coder_id=coder_id, top=100,
                                                                   document_ids=within(p)),
                  self._show_words)

    def _show_words(self, result: object) -> None:
        assert isinstance(result, analysis.CharacteristicWords)
        self.words_model.set_rows(["word", "count", "rest_count", "per_10k", "rest_per_10k", "g2", "overused"],
                                  [w.as_dict() for w in result.words])
        self.words_note.setText(self.tr("{0} segment(s), {1} tokens against {2} in the rest of the corpus; G2 ≥ 3.84: p < 0.05").format(result.segments, result.tokens, result.rest_tokens))
        empty = None
        if result.tokens and not result.words:  # coded text, but no content word seen twice in it yet
            empty = self.tr("No content word occurs twice in the {0} coded segment(s) yet ({1} tokens); "
                            "code more text with this frame").format(result.segments, result.tokens)
        self.word_cloud.set_words([(w.word, w.count) for w in result.by_frequency(60)], result.code.color,
                                  result.code.path, empty)

    def compute_frames(self) -> None:
        coder_id, within = self.coder.currentData(), self._within()
        self._run("frames", lambda p: analysis.frames_by_outlet(p, coder_id=coder_id, document_ids=within(p)),
                  self._show_frames)

    def _show_frames(self, result: object) -> None:
        assert isinstance(result, analysis.FrameDistribution)
        self.frames_model.set_rows(["outlet", "frame", "documents", "coded_documents", "documents_with_frame",
                                    "share", "segments"], result.rows())
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QBarSeries()
        for frame in result.frames:
            bar = QBarSet(frame.name)
            bar.setColor(QColor(frame.color))
            bar.setBorderColor(QColor(frame.color).darker(120))
            for outlet in result.outlets:
                bar.append(100.0 * result.share(outlet, frame.id))
            series.append(bar)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([f"{o} (n={result.coded_documents.get(o, 0)})" for o in result.outlets])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        values.setTitleText("documents with the frame")
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        self.chart.setTitle(self.tr("Frames by outlet"))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)

    def compute_cooccurrence(self) -> None:
        coder_id, within = self.coder.currentData(), self._within()
        self._run("cooccurrence", lambda p: analysis.cooccurrence(p, coder_id=coder_id, document_ids=within(p)),
                  self._set_matrix)

    def _set_matrix(self, result: object) -> None:
        assert isinstance(result, analysis.Cooccurrence)
        self._matrix = result
        self._show_matrix()

    def _show_matrix(self) -> None:
        if self._matrix is None:
            return
        which = "documents" if self.by_documents.isChecked() else "overlaps"
        self.matrix_model.set_rows(["code", *[c.path for c in self._matrix.codes]], self._matrix.rows(which))

    def _within(self) -> Callable[[Project], list[int] | None]:
        """The chosen document set's members, read in the job from its own connection (None: all)."""
        set_id = self.document_set.currentData()
        return lambda p: None if set_id is None else p.set_members(int(set_id))

    def compute_clouds(self) -> None:
        coder_id, within = self.coder.currentData(), self._within()

        def job(project: Project) -> list[tuple[str, str, list[tuple[str, float]]]]:
            clouds = []
            documents = within(project)
            for frame in analysis.frame_codes(project):
                result = analysis.characteristic_words(project, frame.id, coder_id=coder_id, top=200,
                                                       min_count=1, document_ids=documents)
                clouds.append((frame.name, frame.color, [(w.word, w.count) for w in result.by_frequency(40)]))
            return clouds

        self._run("clouds", job, lambda clouds: self.clouds.set_clouds(clouds))  # type: ignore[arg-type]

    # ---- export --------------------------------------------------------------------------------

    def _render_chart(self, painter: QPainter, area: QRectF) -> None:
        painter.fillRect(area, QColor("white"))
        self.chart_view.render(painter, area, self.chart_view.viewport().rect())

    def export_chart(self, size: QSize, render: Callable[[QPainter, QRectF], None], path: str | None = None) -> str:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), start_dir(self.project, "chart.png"), self.tr("PNG (*.png);;SVG (*.svg)"))
            if not path:
                return ""
        from annotator.core.exporters.output import check_target

        try:
            check_target(Path(path), self.project.path)  # a picture never over the project
        except AnnotatorError as exc:
            self.status.setText(str(exc))
            return ""
        export_picture(path, size, render)
        self.status.setText(self.tr("Saved {path}").format(path=path))
        return path

    def export_table(self, model: RowsModel, path: str | None = None) -> str:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export table"), start_dir(self.project, "table.csv"), self.tr("CSV (*.csv)"))
            if not path:
                return ""
        try:
            model.write_csv(path, self.project.path)
        except AnnotatorError as exc:
            self.status.setText(str(exc))
            return ""
        self.status.setText(self.tr("Saved {path}").format(path=path))
        return path

    def closeEvent(self, event) -> None:  # noqa: N802
        self.bus.release()
        super().closeEvent(event)
