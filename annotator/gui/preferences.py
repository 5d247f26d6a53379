"""Preferences: the interface language (applied at the next start) and the document text size.

The language is stored in QSettings under ``ui/language`` ("" follows the system locale); ``annotator
--language`` overrides it for one run. Qt installs translators before any widget exists, so a change is
applied when Annotator next starts rather than by retranslating every open window.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget,
)

LANGUAGE_KEY = "ui/language"
FONT_SIZE_KEY = "view/font_size"
# (setting value, name shown): each language is named in itself, as language pickers usually do.
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))


def saved_language(settings: QSettings | None = None) -> str | None:
    """The language chosen in Preferences, or None to follow the system locale."""
    value = (settings or QSettings()).value(LANGUAGE_KEY, "")
    return str(value) if value else None


def saved_font_size(settings: QSettings | None = None) -> float | None:
    """The document text size in points chosen in Preferences, or None for the default."""
    value = (settings or QSettings()).value(FONT_SIZE_KEY, 0)
    try:
        size = float(value)
    except (TypeError, ValueError):
        return None
    return size if size > 0 else None


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or QSettings()
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(420)
        self.language = QComboBox()
        self.language.setObjectName("language")  # names of languages, shown in their own script
        self.language.addItem(self.tr("System default"), "")
        for value, name in LANGUAGES:
            self.language.addItem(name, value)
        current = self.language.findData(saved_language(self.settings) or "")
        self.language.setCurrentIndex(max(current, 0))
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 40)
        self.font_size.setSpecialValueText(self.tr("default"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(int(saved_font_size(self.settings) or 0))
        form = QFormLayout()
        form.addRow(self.tr("Interface language:"), self.language)
        form.addRow(self.tr("Document text size:"), self.font_size)
        note = QLabel(self.tr("A new language is used from the next start of Annotator."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.save()
        super().accept()

    def save(self) -> None:
        self.settings.setValue(LANGUAGE_KEY, self.language.currentData() or "")
        self.settings.setValue(FONT_SIZE_KEY, self.font_size.value())
        self.settings.sync()
        apply_font_size(self.parent())


def apply_font_size(window) -> None:
    """Set the chosen text size on the document panes open now (at start and when it is changed)."""
    size = saved_font_size()
    coding = getattr(window, "coding", None)
    if size is None or coding is None:
        return
    for pane in getattr(coding, "panes", []):
        editor = getattr(pane, "editor", None)
        if editor is not None:
            font = editor.font()
            font.setPointSizeF(size)
            editor.setFont(font)


__all__ = ["LANGUAGES", "PreferencesDialog", "apply_font_size", "saved_font_size", "saved_language"]
