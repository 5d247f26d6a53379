"""The main window: menus, toolbar (current coder, blind coding), the views, and remembered state.

Views are registered by name (``main`` is the coding workspace, then agreement, review, search and
analysis) and shown in a tab widget. The window owns the project event bus (``self.bus``): every view
gets it, announces its edits on it and refreshes from it; no view calls another. Requests that cross
views (show this place in the coding workspace) go to the bus and are carried out here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox, QInputDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget,
)

from annotator.core.commands import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.gui.coding_view import CodingView
from annotator.gui.exchange_actions import ExchangeActions
from annotator.gui.integrity_watch import install_integrity_watch
from annotator.gui.file_actions import FileActions, recent_files, remember_recent
from annotator.gui.daily_actions import DailyActions, coder_settings_key
from annotator.gui.help_menu import install_help_menu
from annotator.gui.lazy_view import LazyView
from annotator.gui.project_bus import Place, ProjectBus
from annotator.gui.team_menu import install_team
from annotator.gui.undo import undo_actions


class MainWindow(QMainWindow):
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.settings = QSettings()
        self.stack = QUndoStack(self)  # the one undo stack (gui/undo.py wraps core commands on it)
        self.bus = ProjectBus(project, self.stack, self)
        self.views: dict[str, QWidget] = {}
        self.remember_state = True
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.setAcceptDrops(True)
        self.resize(1440, 860)

        self._set_initial_coder(project)
        self.coding = CodingView(self.bus)
        self.coding.status_message.connect(self.show_status)
        self.coding.status_note.connect(self.add_status_note)
        self.register_view("main", self.tr("Coding"), self.coding)
        # The other views are built when first shown (or asked for): start-up makes only the coding view.
        self.register_view("agreement", self.tr("Agreement"), LazyView(self._build_agreement))
        self.register_view("review", self.tr("Review"), LazyView(self._build_review))
        self.register_view("search", QCoreApplication.translate("search_view", "Search"), LazyView(self._build_search))
        self.register_view("analysis", QCoreApplication.translate("search_view", "Analysis"),
                           LazyView(self._build_analysis))
        self.daily = DailyActions(self)  # Retrieved segments, Memos, coders, keyboard flow (issue 14)
        self.files = FileActions(self.bus, self, self.show_status)
        self.exchange = ExchangeActions(self.bus, self, self.show_status)
        self.integrity = install_integrity_watch(self.bus, self)  # a damaged file is said at once
        self._build_toolbar()
        self._build_menus()
        self._update_title()
        self._restore_state()
        self.stack.cleanChanged.connect(self._clean_changed)
        self.bus.changed.connect(self._on_changes)
        self.bus.coder_changed.connect(self._coder_changed)
        self.bus.place_requested.connect(self._show_place)

    @property
    def project(self) -> Project:
        return self.bus.project

    # ---- views built on first use ------------------------------------------------------------------
    def _build_agreement(self) -> QWidget:
        from annotator.gui.agreement_view import AgreementView

        return AgreementView(self.bus)

    def _build_review(self) -> QWidget:
        from annotator.gui.review_view import ReviewView

        review = ReviewView(self.bus)
        review.status_message.connect(self.show_status)
        return review

    def _build_search(self) -> QWidget:
        from annotator.gui.search_view import SearchView

        return SearchView(self.bus)

    def _build_analysis(self) -> QWidget:
        from annotator.gui.analysis_view import AnalysisView

        return AnalysisView(self.bus, compute_now=False)  # computed when its tab is shown

    def view_widget(self, name: str) -> QWidget:
        """The view registered as ``name``, built now if it was waiting to be shown."""
        widget = self.views[name]
        return widget.view() if isinstance(widget, LazyView) else widget

    @property
    def agreement(self):
        return self.view_widget("agreement")

    @property
    def review(self):
        return self.view_widget("review")

    @property
    def search_view(self):
        return self.view_widget("search")

    @property
    def analysis_view(self):
        return self.view_widget("analysis")

    def show_status(self, text: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def add_status_note(self, note: str) -> None:
        """A view's consequence of what the status bar just reported ("6 imported; the list shows …")."""
        shown = self.statusBar().currentMessage()
        self.show_status(f"{shown}; {note}" if shown else note[:1].upper() + note[1:], 10000)

    # ---- views ---------------------------------------------------------------------------------
    def register_view(self, name: str, title: str, widget: QWidget) -> None:
        if name in self.views:
            self.tabs.removeTab(self.tabs.indexOf(self.views[name]))
        self.views[name] = widget
        self.tabs.addTab(widget, title)

    def _show_place(self, place: Place) -> None:
        """A view asked to show a place in the coding workspace (a search hit, a disputed span)."""
        if place.coder_id is not None:
            self.bus.set_coder(place.coder_id)
        if place.show_others:
            self.act_show_others.setChecked(True)
        self.show_view("main")
        self.coding.show_place(place)

    def show_view(self, name: str) -> None:
        if name not in self.views:
            raise KeyError(f"unknown view '{name}' (available: {', '.join(self.views)})")
        self.tabs.setCurrentWidget(self.views[name])

    # ---- coder ---------------------------------------------------------------------------------
    def _initial_coder(self, project: Project | None = None) -> int | None:
        """The coder last active in this project, else its first coder (not an adjudicator); None in a
        project without coders: the window asks who is coding before the first coding (never the login name)."""
        project = project or self.project
        coders = project.coders()
        wanted = self.settings.value(coder_settings_key(project), "") or self.settings.value("coder/last", "")
        for coder in coders:
            if coder.name == wanted:
                return coder.id
        return next((c.id for c in coders if not c.is_adjudicator), coders[0].id if coders else None)

    def _set_initial_coder(self, project: Project) -> None:
        coder_id = self._initial_coder(project)
        if coder_id is None:
            self.bus.coder_id = None  # nobody is coding yet (no signal: there is no coder to announce)
        else:
            self.bus.set_coder(coder_id)

    def _fill_coder_combo(self) -> None:
        self.coder_combo.blockSignals(True)
        self.coder_combo.clear()
        for coder in self.project.coders():
            self.coder_combo.addItem(coder.name, coder.id)
        self.coder_combo.setCurrentIndex(self.coder_combo.findData(self.bus.coder_id))
        self.coder_combo.blockSignals(False)

    def _coder_picked(self, index: int) -> None:
        coder_id = self.coder_combo.itemData(index)
        if coder_id is not None:
            self.bus.set_coder(int(coder_id))
        # Back to the text: the code key pressed next went to the coder box (its keyboard search), not the selection.
        pane = self.coding.active_pane if self.tabs.currentWidget() is self.coding else None
        if pane is not None:
            pane.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _coder_changed(self, coder_id: int) -> None:
        self.coder_combo.setCurrentIndex(self.coder_combo.findData(coder_id))
        name = self.project.coder(coder_id).name if coder_id in {c.id for c in self.project.coders()} else ""
        self.settings.setValue("coder/last", name)
        self.settings.setValue(coder_settings_key(self.project), name)  # remembered per project

    def _on_changes(self, changes: Changes) -> None:
        if changes.coders:
            self._fill_coder_combo()

    def add_coder(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add coder"), self.tr("Coder name:"))
        if ok and name.strip():
            from annotator.core.coder_edits import AddCoder

            command = AddCoder(name)
            if self.bus.perform(command, self) and command.coder is not None:
                self.bus.set_coder(command.coder.id)

    # ---- chrome --------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = self.addToolBar(self.tr("Coding"))
        bar.setObjectName("coding-toolbar")
        bar.addWidget(QLabel(self.tr(" Coder: ")))
        self.coder_combo = QComboBox()
        self.coder_combo.setMinimumContentsLength(10)
        self.coder_combo.setToolTip(self.tr("The coder whose codings you are making and seeing"))
        self.coder_combo.setPlaceholderText(self.tr("Who is coding?"))
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
        self.exchange.populate(file_menu)
        edit = menu.addMenu(self.tr("&Edit"))
        # Undo / Redo wait while a heavy edit is still being written off the GUI thread.
        self.act_undo, self.act_redo = undo_actions(self.stack, self, self.tr("Undo"), self.tr("Redo"),
                                                    can_edit=lambda: not self.bus.editing)
        self.bus.editing_changed.connect(self.act_undo.refresh)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
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
        self.daily.populate(edit, view, coder_menu)
        self.team = install_team(self)  # Team menu, background sync, sync state in the status bar
        install_help_menu(self, edit)  # Help menu, and Preferences in Edit (annotator.gui.help_menu)

    def _zoom(self, steps: int) -> None:
        pane = self.coding.active_pane
        if pane:
            pane.zoom(steps)

    def _clean_changed(self, _clean: bool) -> None:  # a bound slot: disconnected with the window
        self._update_title()

    def _update_title(self) -> None:
        name = Path(self.project.path).name if self.project.path else self.tr("(in memory)")
        self.setWindowTitle(self.tr("{name} — Annotator").format(name=name))

    # ---- project switching --------------------------------------------------------------------
    def switch_project(self, path: str, create: bool = False, remember: bool = True) -> bool:
        try:
            project = Project.create(path) if create else Project.open(path)
        except AnnotatorError as exc:
            QMessageBox.warning(self, self.tr("Annotator"), str(exc))
            return False
        old = self.project
        self.exchange.close_dialogs()
        self._set_initial_coder(project)
        self.bus.replace(project)  # every view re-reads the new project
        self._fill_coder_combo()
        self._update_title()
        if remember:
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
        if self.team.sync.wants_final_sync():  # a team copy sends what waits first, then closes
            event.ignore()
            self.show_status(self.tr("Sending your last changes to the team server…"), 0)
            self.team.sync.final_sync(self.close)
            return
        if self.remember_state:
            self._save_state()
        self.team.sync.shutdown()
        self.bus.jobs.shutdown()
        self.team.sync.release()
        super().closeEvent(event)

    def _save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.coding.splitter.saveState())
        self.settings.setValue("window/right_splitter", self.coding.right_splitter.saveState())
        if self.coding.coder_id is not None:
            self.settings.setValue("coder/last", self.coding.coder_name(self.coding.coder_id))
            self.settings.setValue(coder_settings_key(self.project), self.coding.coder_name(self.coding.coder_id))


__all__ = ["MainWindow", "recent_files", "remember_recent"]
