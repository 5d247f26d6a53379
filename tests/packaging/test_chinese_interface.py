"""Switch the app to Simplified Chinese and look for English left in the menus, toolbar, tabs and dialogs.

The project's own data (documents, codes, coders) is Chinese too, so any Latin word left in the
interface chrome is an untranslated string, apart from a short list of names kept in Latin script
in Chinese research writing (Krippendorff's alpha, CSV, REFI-QDA, ...).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

from annotator.core.model import DocumentInput

ROOT = Path(__file__).resolve().parents[2]
QM = ROOT / "resources" / "translations" / "annotator_zh_CN.qm"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
KEPT_IN_LATIN = re.compile(
    r"Annotator|Krippendorff|Cohen|Scott|Fleiss|Gwet|Brennan|Prediger|Holsti|alpha|kappa|\bpi\b|AC1|BP|"
    r"CSV|TSV|JSON|PNG|PDF|HTML|REFI-QDA|QDPX|QDC|qdpx|qdc|csv|docx|txt|html|pdf|UTF-8|BOM|Excel|SPSS|"
    r"jieba|OpenCC|opencc|Qt|PySide6?|Python|SQLite|sqlite-utils|NumPy|numpy|pypdf|trafilatura|python-docx|"
    r"defusedxml|MIT|English|Ctrl|Shift|Alt|Tab|Enter|Esc|Del|Home|End|"
    r"KWIC|G2|ID|URL|[A-Z]\b|\bu\b|_U|\|u",
)

pytestmark = pytest.mark.skipif(not QM.exists(), reason="no compiled Chinese translation (make translations)")


COLUMN_NAME = "\x00column:"  # marks table headers, where lowercase identifiers are file column names


def untranslated(text: str) -> bool:
    is_header = (text or "").startswith(COLUMN_NAME)
    text = re.sub(r"\(&\w\)|&(?=\w)", "", (text or "").removeprefix(COLUMN_NAME))
    if not text.strip() or CJK.search(text):
        return False
    if is_header and re.fullmatch(r"[a-z0-9_:]+", text.strip()):  # e.g. a CSV preview's column names
        return False
    return bool(re.search(r"[A-Za-z]{2,}", KEPT_IN_LATIN.sub("", text)))


def chrome_texts(widget) -> list[str]:
    """Texts of the widget's actions, menus, buttons, labels, tabs, headers and placeholders."""
    from PySide6.QtWidgets import (
        QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu,
        QPlainTextEdit, QTabWidget, QTextEdit, QToolButton,
    )

    texts: list[str] = []

    def menu_texts(menu: QMenu) -> None:
        texts.append(menu.title())
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu():
                if action.menu().objectName() != "recent":
                    menu_texts(action.menu())
            elif not re.search(r"[/\\]|\.annotator$", action.text()):  # recent files are paths
                texts.append(action.text())

    for action in widget.actions():
        if action.menu():
            menu_texts(action.menu())
        elif not action.isSeparator():
            texts.append(action.text())
    if hasattr(widget, "menuBar") and callable(widget.menuBar):
        for action in widget.menuBar().actions():
            if action.menu():
                menu_texts(action.menu())
    for button in widget.findChildren(QAbstractButton):
        if not isinstance(button, QToolButton) or button.defaultAction() is None:
            texts.append(button.text())
        texts.append(button.toolTip())
    texts += [label.text() for label in widget.findChildren(QLabel) if "<" not in label.text()]
    texts += [box.title() for box in widget.findChildren(QGroupBox)]
    texts += [edit.placeholderText() for edit in widget.findChildren(QLineEdit)]
    texts += [edit.placeholderText() for edit in widget.findChildren(QPlainTextEdit)]
    texts += [edit.placeholderText() for edit in widget.findChildren(QTextEdit)]
    for tabs in widget.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView, QTreeView

    for view in widget.findChildren(QAbstractItemView):
        header = (view.horizontalHeader() if isinstance(view, QTableView)
                  else view.header() if isinstance(view, QTreeView) else None)
        if header is not None and not header.isHidden() and view.model() is not None:
            texts += [COLUMN_NAME + str(view.model().headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(header.count())]
    for combo in widget.findChildren(QComboBox):  # the project's own names are Chinese in these tests
        texts += [combo.itemText(i) for i in range(combo.count())]
    for action in widget.findChildren(QMenu):
        if action.objectName() != "recent":
            menu_texts(action)
    return texts


@pytest.fixture
def chinese(qapp):
    from annotator.gui.app import install_translations

    translators = install_translations(qapp, "zh_CN")
    assert translators, "the zh_CN translation did not load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def chinese_project(project):
    project.add_documents([
        DocumentInput(text="警方破获非法运送孕妇血样出境案。\n专家指出，这损害国家生物安全。\n", name="案件",
                      title="血样案", outlet="日报", language="zh"),
    ])
    project.ensure_coder("甲")
    project.ensure_coder("乙")
    project.add_code("安全", color="#4363d8")
    project.add_code("安全/生物安全", color="#3cb44b")
    return project


@pytest.fixture
def chinese_window(qtbot, chinese, chinese_project):
    from annotator.gui.main_window import MainWindow

    window = MainWindow(chinese_project)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.stack.clear()


def test_main_window_menus_toolbar_and_views_are_in_chinese(chinese_window):
    leftovers = sorted({t.removeprefix(COLUMN_NAME) for t in chrome_texts(chinese_window) if untranslated(t)})
    assert not leftovers, f"untranslated in the main window: {leftovers}"


def dialog_classes():
    """Every QDialog subclass defined in annotator.gui."""
    from PySide6.QtWidgets import QDialog

    import annotator.gui

    found = []
    for info in pkgutil.walk_packages(annotator.gui.__path__, "annotator.gui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_dialogs_are_in_chinese(chinese_window, qtbot):
    opened, leftovers = [], {}
    for cls in dialog_classes():
        dialog = None
        project = chinese_window.project
        for args in ((project, chinese_window), (chinese_window,), (project,), (chinese_window.bus, chinese_window),
                     (project, project.document_ids()[0], chinese_window), (project.codes(), chinese_window),
                     (str(project.path.parent), chinese_window), ()):
            try:
                dialog = cls(*args)
                break
            except (TypeError, AttributeError):  # not this signature
                continue
        if dialog is None:
            continue
        qtbot.addWidget(dialog)
        opened.append(cls.__name__)
        bad = sorted({t.removeprefix(COLUMN_NAME) for t in chrome_texts(dialog) + [dialog.windowTitle()]
                      if untranslated(t)})
        if bad:
            leftovers[cls.__name__] = bad
    assert not leftovers, f"untranslated in dialogs: {leftovers}"
    if not opened:
        pytest.skip("no dialog in annotator.gui could be opened without arguments")
