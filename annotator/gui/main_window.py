"""The main window: menus, toolbar (current coder, blind coding), the views, and remembered state.

Views are registered by name (``main`` is the coding workspace; agreement, review, search and analysis
are added by their own modules) and shown in a tab widget.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox, QInputDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.gui.coding_view import CodingView
from annotator.gui.exchange_actions import install_exchange_actions
from annotator.gui.file_actions import FileActions
from annotator.gui.help_menu import install_help_menu
from annotator.gui.search_view import install_text_views

MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.settings = QSettings()
        self.stack = QUndoStack(self)
        self.views: dict[str, QWidget] = {}
        self.remember_state = True
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.setAcceptDrops(True)
        self.resize(1440, 860)

        coder_id = self._initial_coder()
        self.coding = CodingView(project, self.stack, coder_id)
        self.coding.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.register_view("main", self.tr("Coding"), self.coding)
        self._add_agreement_views()
        # Search (keyword in context) and frame analysis views, wired to the coding view and undo stack.
        self.search_view, self.analysis_view = install_text_views(self)
        self.files = FileActions(self)
        self._build_toolbar()
        self._build_menus()
        self._update_title()
        self._restore_state()
        self.stack.cleanChanged.connect(lambda _c: self._update_title())

    # ---- views ---------------------------------------------------------------------------------
    def register_view(self, name: str, title: str, widget: QWidget) -> None:
        if name in self.views:
            self.tabs.removeTab(self.tabs.indexOf(self.views[name]))
        self.views[name] = widget
        self.tabs.addTab(widget, title)

    def _add_agreement_views(self) -> None:
        """The agreement report and the disagreement review (annotator.gui.agreement_view / review_view)."""
        from annotator.gui.agreement_view import AgreementView
        from annotator.gui.review_view import ReviewView

        self.agreement = AgreementView(self.project)
        self.register_view("agreement", self.tr("Agreement"), self.agreement)
        self.review = ReviewView(self.project, self.stack, on_changes=self.coding.on_changes)
        self.review.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.review.coders_changed.connect(self._consensus_coder_added)
        self.review.edit_requested.connect(self._edit_as_consensus)
        self.register_view("review", self.tr("Review"), self.review)

    def _consensus_coder_added(self) -> None:
        self.coding.coders = {c.id: c for c in self.project.coders()}
        self._fill_coder_combo()

    def _edit_as_consensus(self, coder_id: int, document_id: int, start: int, end: int) -> None:
        """From the review: code a disputed place by hand as the consensus coder, every version visible."""
        self._consensus_coder_added()
        self.coding.set_coder(coder_id)
        self.coder_combo.setCurrentIndex(self.coder_combo.findData(coder_id))
        self.act_show_others.setChecked(True)
        pane = self.coding.active_pane or self.coding.panes[0]
        self.coding.open_document(document_id, pane)
        pane.select_span(start, end)
        pane.editor.centerCursor()
        self.show_view("main")

    def show_view(self, name: str) -> None:
        if name not in self.views:
            raise KeyError(f"unknown view '{name}' (available: {', '.join(self.views)})")
        self.tabs.setCurrentWidget(self.views[name])

    # ---- coder ---------------------------------------------------------------------------------
    def _initial_coder(self) -> int:
        coders = self.project.coders()
        wanted = self.settings.value("coder/last", "")
        for coder in coders:
            if coder.name == wanted:
                return coder.id
        if coders:
            return coders[0].id
        return self.project.ensure_coder(getpass.getuser() or "coder").id

    def _fill_coder_combo(self) -> None:
        self.coder_combo.blockSignals(True)
        self.coder_combo.clear()
        for coder in self.project.coders():
            self.coder_combo.addItem(coder.name, coder.id)
        self.coder_combo.setCurrentIndex(self.coder_combo.findData(self.coding.coder_id))
        self.coder_combo.blockSignals(False)

    def _coder_picked(self, index: int) -> None:
        coder_id = self.coder_combo.itemData(index)
        if coder_id is not None:
            self.coding.set_coder(int(coder_id))
            self.settings.setValue("coder/last", self.coder_combo.currentText())

    def add_coder(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add coder"), self.tr("Coder name:"))
        if ok and name.strip():
            try:
                coder = self.project.ensure_coder(name)
            except AnnotatorError as exc:
                QMessageBox.warning(self, self.tr("Annotator"), str(exc))
                return
            self.coding.set_coder(coder.id)
            self._fill_coder_combo()
            self.settings.setValue("coder/last", coder.name)

    # ---- chrome --------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = self.addToolBar(self.tr("Coding"))
        bar.setObjectName("coding-toolbar")
        bar.addWidget(QLabel(self.tr(" Coder: ")))
        self.coder_combo = QComboBox()
        self.coder_combo.setMinimumContentsLength(10)
        self.coder_combo.setToolTip(self.tr("The coder whose codings you are making and seeing"))
        self.coder_combo.activated.connect(self._coder_picked)
        bar.addWidget(self.coder_combo)
        self._fill_coder_combo()
        self.act_add_coder = bar.addAction(self.tr("Add coder…"), self.add_coder)
        bar.addSeparator()
        self.act_show_others = bar.addAction(self.tr("Show other coders"))
        self.act_show_others.setCheckable(True)
        self.act_show_others.setToolTip(self.tr("Blind coding is on by default: only your own codings are shown"))
        self.act_show_others.toggled.connect(self.coding.set_show_others)
        self.act_sync = bar.addAction(self.tr("Sync scrolling"))
        self.act_sync.setCheckable(True)
        self.act_sync.toggled.connect(self.coding.set_sync_scrolling)
        bar.addSeparator()
        self.act_add_pane = bar.addAction(self.tr("Add pane"), self.coding.add_pane)
        self.act_repeat = bar.addAction(self.tr("Repeat last code"), self.coding.repeat_last_code)
        self.act_repeat.setShortcut(QKeySequence("Ctrl+R"))
        self.act_done = bar.addAction(self.tr("Mark document done"), self.coding.mark_done)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.files.populate(file_menu)
        install_exchange_actions(self, file_menu)
        edit = menu.addMenu(self.tr("&Edit"))
        self.act_undo = self.stack.createUndoAction(self, self.tr("Undo"))
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.stack.createRedoAction(self, self.tr("Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(self.act_undo)
        edit.addAction(self.act_redo)
        edit.addSeparator()
        edit.addAction(self.act_repeat)
        edit.addAction(self.act_done)
        view = menu.addMenu(self.tr("&View"))
        view.addAction(self.act_show_others)
        view.addAction(self.act_sync)
        view.addAction(self.act_add_pane)
        zoom_in = view.addAction(self.tr("Zoom in"), lambda: self._zoom(1))
        zoom_in.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        zoom_out = view.addAction(self.tr("Zoom out"), lambda: self._zoom(-1))
        zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        view.addSeparator()
        coder_menu = menu.addMenu(self.tr("&Coder"))
        coder_menu.addAction(self.act_add_coder)
        install_help_menu(self, edit)  # Help menu, and Preferences in Edit (annotator.gui.help_menu)

    def _zoom(self, steps: int) -> None:
        pane = self.coding.active_pane
        if pane:
            pane.zoom(steps)

    def _update_title(self) -> None:
        name = Path(self.project.path).name if self.project.path else self.tr("(in memory)")
        self.setWindowTitle(self.tr("{name} — Annotator").format(name=name))

    # ---- project switching --------------------------------------------------------------------
    def switch_project(self, path: str, create: bool = False) -> bool:
        try:
            project = Project.create(path) if create else Project.open(path)
        except AnnotatorError as exc:
            QMessageBox.warning(self, self.tr("Annotator"), str(exc))
            return False
        old = self.project
        self.project = project
        self.stack.clear()
        self.coding.project = project
        self.coding.coder_id = self._initial_coder()
        self.coding.coders = {c.id: c for c in project.coders()}
        self.coding.reload()
        self.coding.open_initial_documents()
        self.agreement.set_project(project)
        self.review.set_project(project)
        self.search_view.project = project
        self.search_view.refresh_choices()
        self.analysis_view.project = project
        # Analyses run only when their tab is visible (refreshed again whenever it is shown).
        self.analysis_view.refresh_choices(compute=self.tabs.currentWidget() is self.analysis_view)
        self._fill_coder_combo()
        self._update_title()
        remember_recent(self.settings, path)
        self.files.refresh_recent()
        old.close()
        return True

    # ---- drag and drop of documents to import --------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.files.import_paths(paths)

    # ---- remembered state ------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for key, splitter in (("window/splitter", self.coding.splitter),
                              ("window/right_splitter", self.coding.right_splitter)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.remember_state:
            self._save_state()
        self.files.wait_for_workers()
        super().closeEvent(event)

    def _save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.coding.splitter.saveState())
        self.settings.setValue("window/right_splitter", self.coding.right_splitter.saveState())
        self.settings.setValue("coder/last", self.coding.coder_name(self.coding.coder_id))


def remember_recent(settings: QSettings, path: str) -> None:
    path = str(Path(path).resolve())
    recent = [p for p in (settings.value("recent/files") or []) if p != path]
    if isinstance(recent, str):
        recent = [recent]
    settings.setValue("recent/files", [path, *recent][:MAX_RECENT])
    settings.setValue("recent/last", path)


__all__ = ["MainWindow", "remember_recent"]
