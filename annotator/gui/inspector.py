"""The inspector: the segments under the last click, with code, coder and an editable memo.

It only displays and asks; the workspace turns its requests into undoable commands.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QToolButton,
    QVBoxLayout, QWidget,
)

from annotator.core.model import Code, Segment
from annotator.gui.codebook_panel import swatch


class Inspector(QWidget):
    delete_requested = Signal(int)
    recode_requested = Signal(int, int)  # segment id, code id
    memo_changed = Signal(int, str)
    nudge_requested = Signal(str, int)  # "start" or "end", -1 or +1: one word (also Alt+Ctrl/Alt+Shift+←/→)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.segments: list[Segment] = []
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        self.list.currentRowChanged.connect(self._show_current)
        self.code_label = QLabel()
        self.coder_label = QLabel()
        self.span_label = QLabel()
        self.recode = QComboBox()
        self.recode.activated.connect(self._recode)
        self.memo = QPlainTextEdit(placeholderText=self.tr("Memo for this coding…"))
        self.memo.setMaximumHeight(80)
        self.memo.installEventFilter(self)  # leaving the memo saves it: nothing typed is lost
        self.save_memo = QPushButton(self.tr("Save memo"))
        self.save_memo.clicked.connect(self._save_memo)
        self.delete = QPushButton(self.tr("Delete coding"))
        self.delete.clicked.connect(lambda: self.current() and self.delete_requested.emit(self.current().id))
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code_label)
        form.addRow(self.tr("Coder"), self.coder_label)
        form.addRow(self.tr("Span"), self.span_label)
        form.addRow(self.tr("Re-code"), self.recode)
        # Buttons for the boundary keys: some desktops take Alt+Ctrl/Alt+Shift+arrows for workspaces.
        self.nudges = []
        bounds = QHBoxLayout()
        for label, which, delta, tip in (
                ("\u25c0", "start", -1, self.tr("Start one word left (Alt+Ctrl+←)")),
                ("\u25b6", "start", 1, self.tr("Start one word right (Alt+Ctrl+→)")),
                ("\u25c0", "end", -1, self.tr("End one word left (Alt+Shift+←)")),
                ("\u25b6", "end", 1, self.tr("End one word right (Alt+Shift+→)"))):
            if which == "end" and delta < 0:
                bounds.addSpacing(12)
            button = QToolButton(text=label, toolTip=tip)
            button.clicked.connect(lambda _=False, w=which, d=delta: self.nudge_requested.emit(w, d))
            bounds.addWidget(button)
            self.nudges.append(button)
        bounds.addStretch(1)
        form.addRow(self.tr("Boundaries"), bounds)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_memo)
        self.saved_label = QLabel()  # "✓ Saved" for a moment after the memo is stored
        self.saved_label.setStyleSheet("color: #2e7d32")
        buttons.addWidget(self.saved_label)
        buttons.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self.tr("Click a highlight to inspect it. Alt+Shift+←/→ moves its end, "
                           "Alt+Ctrl+←/→ its start."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: gray")
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addWidget(self.memo)
        layout.addLayout(buttons)
        self._codes: dict[int, Code] = {}
        self._coder_names: dict[int, str] = {}
        self._text = ""
        self.show_segments([])

    def set_names(self, codes: list[Code], coder_names: dict[int, str]) -> None:
        self._codes = {c.id: c for c in codes}
        self._coder_names = coder_names
        self.recode.clear()
        for code in codes:
            self.recode.addItem(swatch(code.color), code.path, code.id)

    def show_segments(self, segments: list[Segment], text: str = "", keep: int | None = None) -> None:
        self.segments = segments
        self._text = text or self._text
        self.list.blockSignals(True)
        self.list.clear()
        for seg in segments:
            code = self._codes.get(seg.code_id)
            excerpt = self._text[seg.start:seg.end][:40].replace("\n", " ")
            item = QListWidgetItem(f"{code.path if code else seg.code_id} · "
                                   f"{self._coder_names.get(seg.coder_id, '')} · {excerpt}"
                                   + (" \u270e" if seg.memo else ""))  # ✎: it has a memo
            if code:
                item.setIcon(swatch(code.color))
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, s in enumerate(segments) if s.id == keep), 0)
        self.list.setCurrentRow(row if segments else -1)
        self._show_current(self.list.currentRow())

    def current(self) -> Segment | None:
        row = self.list.currentRow()
        return self.segments[row] if 0 <= row < len(self.segments) else None

    def _show_current(self, _row: int) -> None:
        seg = self.current()
        enabled = seg is not None
        for widget in (self.recode, self.memo, self.save_memo, self.delete, *self.nudges):
            widget.setEnabled(enabled)
        if seg is None:
            self.code_label.setText("—")
            self.coder_label.setText("—")
            self.span_label.setText("—")
            self.memo.setPlainText("")
            return
        code = self._codes.get(seg.code_id)
        self.code_label.setText(code.path if code else str(seg.code_id))
        self.coder_label.setText(self._coder_names.get(seg.coder_id, str(seg.coder_id)))
        self.span_label.setText(self.tr("{0}–{1} ({2} characters)").format(seg.start, seg.end, seg.length))
        i = self.recode.findData(seg.code_id)
        self.recode.setCurrentIndex(i)
        self.memo.setPlainText(seg.memo)

    def _recode(self, index: int) -> None:
        seg = self.current()
        code_id = self.recode.itemData(index)
        if seg and code_id is not None and code_id != seg.code_id:
            self.recode_requested.emit(seg.id, int(code_id))

    def memo_saved(self) -> None:
        """Say that the memo is in the project (it was saved without a word before)."""
        self.saved_label.setText(self.tr("✓ Saved"))
        QTimer.singleShot(4000, self.saved_label.clear)

    def _save_memo(self) -> None:
        seg = self.current()
        if seg and self.memo.toPlainText() != seg.memo:
            self.memo_changed.emit(seg.id, self.memo.toPlainText())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.memo and event.type() == QEvent.Type.FocusOut:
            self._save_memo()
        return super().eventFilter(watched, event)


__all__ = ["Inspector"]
