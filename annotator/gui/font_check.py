"""A one-time hint when no installed font can show Chinese characters (they would render as boxes)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QMessageBox, QWidget


def has_chinese_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def hint_if_no_chinese_font(parent: QWidget) -> bool:
    """Show the hint once per installation; return whether it was shown."""
    settings = QSettings()
    if has_chinese_font() or settings.value("hints/chinese_font_shown", False, type=bool):
        return False
    settings.setValue("hints/chinese_font_shown", True)
    box = QMessageBox(QMessageBox.Icon.Information, "Chinese text",
                      "No installed font can show Chinese characters, so Chinese articles will show "
                      "boxes. Install a CJK font (for example Noto Sans CJK: "
                      "'apt install fonts-noto-cjk', or your system's language settings) and restart.",
                      parent=parent)
    box.open()  # not modal-blocking: the coder can read the English pane meanwhile
    return True
