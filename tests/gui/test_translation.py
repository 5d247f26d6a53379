"""With the Simplified Chinese translation installed, no English is left in the window or its dialogs.

Walks every menu and action of the main window (Help and Preferences included), the toolbar, tabs,
buttons, labels, group boxes, table headers and tooltips, then opens Preferences, About, the shortcut
sheet, the user guide and the export dialog. A text is untranslated when, after removing names that
stay in Latin script in Chinese writing (Annotator, CSV, REFI-QDA, Krippendorff, ...), key names and
file names, it still holds a run of ASCII letters and no Chinese character.

``ANNOTATOR_TEST_QM`` may point at another .qm (e.g. a pseudo-translation that prefixes every message)
to find strings that never pass through tr().
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from annotator.core.model import DocumentInput

ROOT = Path(__file__).resolve().parents[2]
QM = Path(os.environ.get("ANNOTATOR_TEST_QM") or ROOT / "resources" / "translations" / "annotator_zh_CN.qm")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ALLOWED = re.compile(
    r"Annotator|Krippendorff|Cohen|Scott|Fleiss|Gwet|Brennan|Prediger|Light|Holsti|alpha|kappa|\bpi\b|AC1|"
    r"CSV|TSV|JSON|PNG|SVG|PDF|HTML|REFI-QDA|QDA|QDPX|QDC|qdpx|qdc|csv|docx|txt|json|png|svg|UTF-8|BOM|Excel|"
    r"SPSS|R/SPSS|jieba|OpenCC|Qt|PySide6?|Python|SQLite|sqlite-utils|MIT|Ctrl|Shift|Alt|Meta|Tab|Enter|Esc|"
    r"Del|Delete|Home|End|PgUp|PgDown|Left|Right|Up|Down|Space|Backspace|F\d+|KWIC|G2|ID|URL|pt|"
    r"English|[A-Z]\b|\b[a-z]\b|_U|D_o|D_e|\w+\.(?:md|annotator|csv|qdpx|qdc|png)",
)

pytestmark = pytest.mark.skipif(not QM.exists(), reason=f"{QM.name} not built yet (make translations)")


def untranslated(text: str | None) -> bool:
    text = re.sub(r"<[^>]+>", " ", re.sub(r"\(&\w\)|&(?=\w)", "", text or ""))
    if not text.strip() or CJK.search(text):
        return False
    return bool(re.search(r"[A-Za-z]{2,}", ALLOWED.sub("", text)))


def menu_texts(menu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            if action.menu().objectName() != "recent":  # recent projects are file paths
                texts += menu_texts(action.menu())
        else:
            texts += [action.text(), action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""]
    return texts


def visible_texts(widget, skip: tuple = ()) -> list[str]:
    """Every interface text of ``widget``: window title, menus, actions, buttons, labels, tabs, headers."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton, QAbstractItemView, QAbstractSpinBox, QGroupBox, QLabel, QLineEdit, QMainWindow,
        QTableView, QTabWidget, QTreeView,
    )

    texts = [widget.windowTitle()]
    if isinstance(widget, QMainWindow):
        for top in widget.menuBar().actions():
            if top.menu() is not None:
                texts += menu_texts(top.menu())
    for action in widget.findChildren(QAction):
        if not action.isSeparator() and action.parent() is not None and action.parent().objectName() != "recent":
            texts += [action.text(), action.toolTip()]
    for button in widget.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip()]
    texts += [label.text() for label in widget.findChildren(QLabel)]
    texts += [label.toolTip() for label in widget.findChildren(QLabel)]
    texts += [box.title() for box in widget.findChildren(QGroupBox)]
    texts += [edit.placeholderText() for edit in widget.findChildren(QLineEdit)]
    for spin in widget.findChildren(QAbstractSpinBox):
        texts += [spin.specialValueText(), getattr(spin, "suffix", lambda: "")(), spin.toolTip()]
    for tabs in widget.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or view in skip or not isinstance(view, (QTableView, QTreeView)):
            continue
        header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
        if not header.isHidden():
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    return texts


def leftovers(widget, skip: tuple = ()) -> list[str]:
    return sorted({t for t in visible_texts(widget, skip) if untranslated(t)})


@pytest.fixture
def chinese(qapp):
    """Annotator's translation plus Qt's own (standard buttons such as Close and Cancel)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator, qtbase = QTranslator(qapp), QTranslator(qapp)
    assert translator.load(str(QM)), f"{QM} does not load"
    qtbase.load(QLocale("zh_CN"), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for t in (qtbase, translator):
        qapp.installTranslator(t)
    yield translator
    for t in (qtbase, translator):
        qapp.removeTranslator(t)


@pytest.fixture
def window(qtbot, chinese, project):
    from annotator.gui.main_window import MainWindow

    project.add_documents([DocumentInput(text="记者调查发现，环保政策引发争议。\n专家呼吁加强监管。\n", name="报道",
                                         title="环保报道", outlet="晚报", language="zh")])
    project.ensure_coder("甲")
    project.add_code("冲突", color="#e6194b")
    project.add_code("冲突/政府", color="#3cb44b")
    main = MainWindow(project)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.stack.clear()


def test_untranslated_detects_english_and_allows_names() -> None:
    assert untranslated("Export CSV…")
    assert untranslated("&File")
    assert not untranslated("导出 CSV…")
    assert not untranslated("Krippendorff's α")
    assert not untranslated("Ctrl+Shift+Z")
    assert not untranslated("REFI-QDA (.qdpx)")
    assert not untranslated("tutorial.md")


def test_main_window_menus_actions_and_views(window) -> None:
    assert window.help_menu.title() != "&Help"
    for name in window.views:
        window.show_view(name)
    bad = leftovers(window)
    assert not bad, f"untranslated in the main window: {bad}"


def test_preferences_about_and_shortcut_sheet(window, qtbot) -> None:
    from annotator.gui.help_menu import AboutDialog, ShortcutsDialog
    from annotator.gui.preferences import PreferencesDialog

    for dialog in (PreferencesDialog(window), AboutDialog(window), ShortcutsDialog(window)):
        qtbot.addWidget(dialog)
        bad = leftovers(dialog)
        assert not bad, f"untranslated in {type(dialog).__name__}: {bad}"
    sheet = ShortcutsDialog(window)
    qtbot.addWidget(sheet)
    actions = [sheet.table.item(r, 1).text() for r in range(sheet.table.rowCount())]
    bad = [a for a in actions if untranslated(a)]
    assert actions and not bad, f"untranslated in the shortcut sheet: {bad}"


def test_user_guide_and_export_dialogs(window, qtbot) -> None:
    from annotator.gui.help_menu import GuideDialog, docs_folder

    if docs_folder() is not None:
        guide = GuideDialog(window)
        qtbot.addWidget(guide)
        bad = leftovers(guide)
        assert not bad, f"untranslated in the guide: {bad}"
    try:
        from annotator.gui.export_dialog import ExportDialog
    except ImportError:
        return
    dialog = ExportDialog(window.project, window)
    qtbot.addWidget(dialog)
    bad = leftovers(dialog, skip=(dialog.table,))  # the preview's header is the file's own header: data
    assert not bad, f"untranslated in the export dialog: {bad}"


def test_undo_menu_names_the_edit_in_chinese(window) -> None:
    from annotator.core import commands

    code = window.project.codes()[0]
    window.coding.perform(commands.UpdateCode(code.id, "recolour code", color="#000000"))
    assert window.act_undo.isEnabled()
    assert not untranslated(window.act_undo.text()), window.act_undo.text()
    window.coding.perform(commands.MoveCode(code.id, "新框架"))
    assert "新框架" in window.act_undo.text() and not untranslated(window.act_undo.text())
