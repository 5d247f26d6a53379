"""The Help menu: the user guide shown in the app, a keyboard shortcut sheet and About.

The shortcut sheet is built from the window's own actions and code keys each time it opens, so it
cannot drift from what the keys really do. The guide is the markdown in ``docs/`` rendered by a
QTextBrowser (links between pages work); when no ``docs/`` folder is reachable (an installed wheel
without the bundle's copy), a message says where the guide lives.
"""

from __future__ import annotations

import platform
import re
import sqlite3
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QUrl, qVersion
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMenu, QMessageBox,
    QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

import annotator

GUIDE_PAGES = ("README.md", "tutorial.md", "shortcuts.md", "cli.md", "measures/README.md")


# ---- the guide --------------------------------------------------------------------------------------
def docs_folder() -> Path | None:
    """The guide's folder: the installed ``annotator.docs`` package (the wheel), a copy bundled in
    resources/docs, else docs/ of a source checkout."""
    import importlib.util

    from annotator.resources import resource_path

    candidates = [resource_path("docs"), Path(annotator.__file__).resolve().parents[1] / "docs"]
    try:
        spec = importlib.util.find_spec("annotator.docs")
    except ImportError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        candidates.insert(0, Path(list(spec.submodule_search_locations)[0]))
    for folder in candidates:
        if (folder / "README.md").is_file():
            return folder
    return None


def guide_page(folder: Path, name: str, locale: QLocale | None = None) -> Path:
    """``name`` in the interface language when a translated copy exists (tutorial.zh_CN.md), else as is."""
    if locale is None:
        app = QCoreApplication.instance()
        chosen = app.property("interface_locale") if app is not None else None
        locale = QLocale(str(chosen)) if chosen else QLocale()
    page = folder / name
    for suffix in (locale.name(), locale.name().split("_")[0]):
        translated = page.with_name(f"{page.stem}.{suffix}{page.suffix}")
        if translated.is_file():
            return translated
    return page


class GuideDialog(QDialog):
    """The markdown guide in a browser: pages on the left, relative links followed in place."""

    def __init__(self, parent: QWidget | None = None, page: str = "README.md", folder: Path | None = None) -> None:
        super().__init__(parent)
        folder = folder or docs_folder() or Path(".")
        self.setWindowTitle(self.tr("Annotator user guide"))
        self.resize(980, 720)
        self.folder = folder
        self.pages = [p for p in GUIDE_PAGES if (folder / p).is_file()]
        self.pages += sorted(p.name for p in folder.glob("*.md")  # pages added later, translations excluded
                             if p.name not in self.pages and "." not in p.stem)
        self.page_list = QListWidget()
        titles = {"README.md": self.tr("Overview"), "tutorial.md": self.tr("Ten-minute tutorial"),
                  "shortcuts.md": self.tr("Keyboard shortcuts"), "cli.md": self.tr("Command line"),
                  "measures/README.md": self.tr("Agreement measures")}
        for name in self.pages:
            self.page_list.addItem(titles.get(name, Path(name).stem.replace("-", " ").capitalize()))
        self.page_list.setMaximumWidth(220)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(folder)])
        self.page_list.currentRowChanged.connect(lambda row: self.show_page(self.pages[row]) if row >= 0 else None)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        if page in self.pages:
            self.page_list.setCurrentRow(self.pages.index(page))

    def show_page(self, name: str) -> None:
        path = guide_page(self.folder, name)
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)


def open_guide(parent: QWidget, page: str = "README.md") -> GuideDialog | None:
    folder = docs_folder()
    if folder is None:
        QMessageBox.information(parent, QCoreApplication.translate("help_menu", "User guide"), QCoreApplication.translate("help_menu", 
            "The user guide is not installed with this copy of Annotator. It is the docs folder of the "
            "source code and is included in the desktop bundle."))
        return None
    dialog = GuideDialog(parent, page, folder)
    dialog.show()
    return dialog


# ---- keyboard shortcuts ------------------------------------------------------------------------------
def plain_menu_text(text: str) -> str:
    """A menu or action text without its mnemonic: "&File" -> "File", and "文件(&F)" -> "文件" (CJK
    translations put the access key in brackets after the name)."""
    return re.sub(r"\s*\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def _menu_actions(menu: QMenu, path: str) -> list[tuple[str, QAction]]:
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            found += _menu_actions(action.menu(), f"{path} ▸ {plain_menu_text(action.menu().title())}")
        else:
            found.append((path, action))
    return found


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action with a shortcut, the code keys, and the window's QShortcuts."""
    native = QKeySequence.SequenceFormat.NativeText
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    located = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            located += _menu_actions(top.menu(), plain_menu_text(top.menu().title()))
    located += [(QCoreApplication.translate("help_menu", "Toolbar"), a) for a in window.findChildren(QAction)]
    for where, action in located:
        if id(action) in seen or not action.shortcuts():
            continue
        seen.add(id(action))
        keys = ", ".join(s.toString(native) for s in action.shortcuts())
        rows.append((where, plain_menu_text(action.text()), keys))
    coding = getattr(window, "coding", None)
    for code_id, key in sorted(getattr(coding, "keys", {}).items(), key=lambda item: item[1]):
        code = coding.code_by_id.get(code_id)
        name = code.path if code else str(code_id)
        rows.append((QCoreApplication.translate("help_menu", "Codes"), QCoreApplication.translate("help_menu", "Apply “{0}” (snapped to words)").format(name), key))
        rows.append((QCoreApplication.translate("help_menu", "Codes"), QCoreApplication.translate("help_menu", "Apply “{0}” to the exact selection").format(name),
                     QKeySequence(f"Alt+{key}").toString(native)))
    boundary = {QKeySequence(keys).toString(): text for keys, text in (
        ("Alt+Shift+Right", QCoreApplication.translate("help_menu", "Move the end of the selected coding one word right")),
        ("Alt+Shift+Left", QCoreApplication.translate("help_menu", "Move the end of the selected coding one word left")),
        ("Alt+Ctrl+Right", QCoreApplication.translate("help_menu", "Move the start of the selected coding one word right")),
        ("Alt+Ctrl+Left", QCoreApplication.translate("help_menu", "Move the start of the selected coding one word left")))}
    for shortcut in window.findChildren(QShortcut):
        portable = shortcut.key().toString()
        if portable in boundary and shortcut.isEnabled():
            rows.append((QCoreApplication.translate("help_menu", "Coding"), boundary.pop(portable), shortcut.key().toString(native)))
    return rows


class ShortcutsDialog(QDialog):
    """The shortcut sheet: where, what, keys."""

    def __init__(self, window: QMainWindow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(760, 560)
        rows = shortcut_rows(window) if isinstance(window, QMainWindow) else []
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(self.tr("Selections snap to whole words; hold Alt while dragging to select exact characters."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)


# ---- about -------------------------------------------------------------------------------------------
def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"


def versions() -> list[tuple[str, str]]:
    """(component, version) pairs shown in About and useful in bug reports."""
    import PySide6

    return [("Annotator", annotator.__version__), ("Python", platform.python_version()), ("Qt", qVersion()),
            ("PySide6", PySide6.__version__), ("SQLite", sqlite3.sqlite_version),
            ("sqlite-utils", _version("sqlite-utils")), ("jieba", _version("jieba"))]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Annotator"))
        title = QLabel(f"<h2>Annotator {annotator.__version__}</h2>")
        blurb = QLabel(self.tr("Code news articles with framing codes and measure inter-coder agreement."))
        blurb.setWordWrap(True)
        form = QFormLayout()
        self.version_labels = {}
        for name, version in versions():
            label = QLabel(version)
            label.setObjectName(f"version-{name}")
            self.version_labels[name] = label
            form.addRow(f"{name}:", label)
        licence = QLabel(self.tr("Free software under the MIT licence."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(licence)
        layout.addWidget(buttons)


# ---- installing ----------------------------------------------------------------------------------------
def install_help_menu(window: QMainWindow, edit_menu: QMenu | None = None) -> QMenu:
    """Add Help (guide, shortcuts, About) to the menu bar and Preferences to ``edit_menu``."""
    from annotator.gui.preferences import PreferencesDialog, apply_font_size

    if edit_menu is not None:
        edit_menu.addSeparator()
        prefs = edit_menu.addAction(QCoreApplication.translate("help_menu", "Preferences…"), lambda: PreferencesDialog(window).exec())
        prefs.setShortcut(QKeySequence.StandardKey.Preferences)
        prefs.setMenuRole(QAction.MenuRole.PreferencesRole)
    menu = window.menuBar().addMenu(QCoreApplication.translate("help_menu", "&Help"))
    guide = menu.addAction(QCoreApplication.translate("help_menu", "User guide"), lambda: open_guide(window))
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    menu.addAction(QCoreApplication.translate("help_menu", "Ten-minute tutorial"), lambda: open_guide(window, "tutorial.md"))
    keys = menu.addAction(QCoreApplication.translate("help_menu", "Keyboard shortcuts"), lambda: ShortcutsDialog(window).exec())
    keys.setShortcut(QKeySequence("Ctrl+/"))
    menu.addSeparator()
    about = menu.addAction(QCoreApplication.translate("help_menu", "About Annotator"), lambda: AboutDialog(window).exec())
    about.setMenuRole(QAction.MenuRole.AboutRole)
    window.help_menu = menu
    apply_font_size(window)
    return menu


__all__ = ["AboutDialog", "GuideDialog", "ShortcutsDialog", "docs_folder", "install_help_menu", "open_guide",
           "shortcut_rows", "versions"]
