"""Starting the desktop app: which project to open (argument, last one, or the demo) and screenshots.

``annotator [PROJECT] --screenshot FILE.png [--view NAME]`` renders the window offscreen and exits, so the
README images and visual checks come from the real window.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from annotator.gui.app_data import DEMO_FILE, data_folder, demo_project_path

ORGANISATION = "Annotator"
APPLICATION = "Annotator"
__all__ = ["DEMO_FILE", "data_folder", "demo_project_path", "choose_project", "run_gui", "open_window", "screenshot"]


def choose_project(args: argparse.Namespace) -> Path:
    from PySide6.QtCore import QSettings

    if args.project:
        return Path(args.project)
    last = QSettings().value("recent/last")
    if last and Path(str(last)).exists():
        return Path(str(last))
    return demo_project_path()


def _application(args: argparse.Namespace):
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not QCoreApplication.organizationName():  # tests set their own names to keep settings apart
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
    # Lets Wayland match windows to the installed launcher (resources/desktop).
    QApplication.setDesktopFileName("io.github.annotator.Annotator")
    data_folder()
    from annotator.gui.preferences import saved_language

    install_translations(app, args.language or saved_language())  # --language overrides Preferences
    return app


def install_translations(app, language: str | None) -> list:
    """Load Qt's own and Annotator's translations for ``language`` (default: the system locale).

    Missing files are not an error: the interface then stays in English.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    locale = QLocale(language) if language else QLocale.system()
    app.setProperty("interface_locale", locale.name())  # the user guide opens pages in this language
    from annotator.resources import resource_path

    installed = []
    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("annotator", str(resource_path("translations")))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def open_window(project_path: Path, remember: bool = True):
    """Open the project and build the main window (raises ProjectError); ``remember``: add it to Open
    recent (not for a ``--screenshot`` run, which must leave the user's settings alone)."""
    from annotator.core.store import Project
    from annotator.gui.main_window import MainWindow, remember_recent

    project = Project.open(project_path)
    window = MainWindow(project)
    if remember:
        remember_recent(window.settings, str(project_path))
        window.files.refresh_recent()
    return window


def run_gui(args: argparse.Namespace) -> int:
    from annotator.core.errors import AnnotatorError
    from annotator.gui import system_check

    if not args.screenshot and system_check.uses_xcb():
        missing = system_check.missing_packages()
        if missing:  # Qt would abort with an unhelpful plugin error
            print(system_check.explain_missing(missing), file=sys.stderr)
            return 2
    app = _application(args)
    try:
        window = open_window(choose_project(args), remember=not args.screenshot)
    except AnnotatorError as exc:
        if args.screenshot:
            print(f"annotator: {exc}", file=sys.stderr)
            return 2
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, QCoreApplication.translate("app", "Annotator"), str(exc))
        return 2
    if args.screenshot:
        return screenshot(app, window, args.screenshot, args.view or "main")
    window.show()
    from annotator.gui import heap
    from annotator.gui.font_check import hint_if_no_chinese_font

    hint_if_no_chinese_font(window)
    heap.settle()  # full garbage collections no longer walk the window's objects: see gui/heap.py
    return app.exec()


def screenshot(app, window, path: str, view: str) -> int:
    try:
        window.show_view(view)
    except KeyError as exc:
        print(f"annotator: {exc.args[0]}", file=sys.stderr)
        return 2
    window.remember_state = False  # a screenshot must not overwrite the user's window layout
    window.resize(1440, 860)
    window.coding.splitter.setSizes([260, 880, 300])
    window.show()
    for _ in range(5):
        app.processEvents()
    wait = getattr(window.view_widget(view), "wait_until_ready", None)
    if wait is not None:  # a view computing in a worker (agreement) finishes first
        wait()
        app.processEvents()
    ok = window.grab().save(path)
    window.close()
    if not ok:
        print(f"annotator: {path}: cannot write the screenshot", file=sys.stderr)
        return 2
    return 0
