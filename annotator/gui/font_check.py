"""One-time hints when no installed font can show Chinese characters or colour emoji (they would render
as boxes), with what to install."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QMessageBox, QWidget

# Pictographs, emoticons, transport and map symbols, supplemental symbols, flags (regional indicators).
EMOJI = re.compile("[\U0001F1E6-\U0001F1FF\U0001F300-\U0001FAFF\u2600-\u27BF]")


def has_chinese_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def has_emoji_font() -> bool:
    """Whether a colour-emoji family is installed (Noto Color Emoji, Twemoji, Segoe UI Emoji ...)."""
    return any("emoji" in family.lower() for family in QFontDatabase.families())


def _hint_once(parent: QWidget, key: str, title: str, text: str) -> bool:
    settings = QSettings()
    if settings.value(key, False, type=bool):
        return False
    settings.setValue(key, True)
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.open()  # not modal-blocking: the coder can read the other pane meanwhile
    return True


def hint_if_no_chinese_font(parent: QWidget) -> bool:
    """Show the hint once per installation; return whether it was shown."""
    if has_chinese_font():
        return False
    return _hint_once(parent, "hints/chinese_font_shown", QCoreApplication.translate("font_check", "Chinese text"),
                      QCoreApplication.translate("font_check",
                          "No installed font can show Chinese characters, so Chinese articles will show "
                          "boxes. Install a CJK font (for example Noto Sans CJK: "
                          "'apt install fonts-noto-cjk', or your system's language settings) and restart."))


def hint_if_no_emoji_font(parent: QWidget, text: str) -> bool:
    """Once per installation, when a document with emoji is opened and no emoji font is installed."""
    if not EMOJI.search(text) or has_emoji_font():
        return False
    return _hint_once(parent, "hints/emoji_font_shown", QCoreApplication.translate("font_check", "Emoji"),
                      QCoreApplication.translate("font_check",
                          "This document contains emoji, but no installed font can show them in colour, so "
                          "they show as boxes (the text and your codings are not affected). Install an emoji "
                          "font (for example Noto Color Emoji: 'apt install fonts-noto-color-emoji') and restart."))


__all__ = ["EMOJI", "has_chinese_font", "has_emoji_font", "hint_if_no_chinese_font", "hint_if_no_emoji_font"]
