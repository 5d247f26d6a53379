"""File ▸ New project…: where to save it and which codebook to start from (a bundled template, a
codebook CSV, or nothing), then the "import articles next" hint shown in an empty project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
    QVBoxLayout, QWidget,
)

PROJECT_SUFFIX = ".annotator"
# (template name for core.codebook.load_template, label, description); "" is "from a CSV file".
TEMPLATE_CHOICES = (
    ("policy-frames", QT_TRANSLATE_NOOP("NewProjectDialog", "Policy Frames Codebook"),
     QT_TRANSLATE_NOOP("NewProjectDialog", "Boydstun et al.'s 15 policy frames (economic, security, morality …)")),
    ("policy-frames.zh", QT_TRANSLATE_NOOP("NewProjectDialog", "Policy Frames Codebook, Chinese labels"),
     QT_TRANSLATE_NOOP("NewProjectDialog", "the same frames with Chinese names and definitions")),
    ("generic-frames", QT_TRANSLATE_NOOP("NewProjectDialog", "Generic news frames"),
     QT_TRANSLATE_NOOP("NewProjectDialog", "Semetko & Valkenburg: responsibility, human interest, conflict …")),
    ("generic-frames.zh", QT_TRANSLATE_NOOP("NewProjectDialog", "Generic news frames, Chinese labels"),
     QT_TRANSLATE_NOOP("NewProjectDialog", "the same frames with Chinese names and definitions")),
    ("empty", QT_TRANSLATE_NOOP("NewProjectDialog", "Empty codebook"),
     QT_TRANSLATE_NOOP("NewProjectDialog", "add your own codes in the codebook panel")),
    ("", QT_TRANSLATE_NOOP("NewProjectDialog", "From a codebook CSV…"),
     QT_TRANSLATE_NOOP("NewProjectDialog", "a codebook exported from another project or written in a spreadsheet")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("NewProjectDialog", text)


class NewProjectDialog(QDialog):
    """Asks for the file and the codebook; ``path()`` and ``codebook()`` after ``exec()`` accepted."""

    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.setMinimumWidth(560)
        self.file = QLineEdit(str(Path(folder) / f"study{PROJECT_SUFFIX}"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        choices = QVBoxLayout()
        for index, (name, label, description) in enumerate(TEMPLATE_CHOICES):
            button = QRadioButton(_tr(label))
            button.setToolTip(_tr(description))
            self.group.addButton(button, index)
            self.buttons[name] = button
            note = QLabel(_tr(description))
            note.setStyleSheet("color: gray; margin-left: 24px")
            choices.addWidget(button)
            choices.addWidget(note)
        chinese = str(QCoreApplication.instance().property("interface_locale") or "").startswith("zh")
        self.buttons["policy-frames.zh" if chinese else "policy-frames"].setChecked(True)
        self.csv = QLineEdit(placeholderText=self.tr("Codebook file (.csv)"))
        self.csv.setEnabled(False)
        csv_browse = QPushButton(self.tr("Choose…"))
        csv_browse.setEnabled(False)
        csv_browse.clicked.connect(self._browse_csv)
        self.buttons[""].toggled.connect(self.csv.setEnabled)
        self.buttons[""].toggled.connect(csv_browse.setEnabled)
        csv_row = QHBoxLayout()
        csv_row.addSpacing(24)
        csv_row.addWidget(self.csv, 1)
        csv_row.addWidget(csv_browse)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Project file</b>")))
        layout.addLayout(file_row)
        layout.addWidget(QLabel(self.tr("<b>Start from a codebook</b>")))
        layout.addLayout(choices)
        layout.addLayout(csv_row)
        layout.addWidget(self.error)
        layout.addWidget(box)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New project"), self.file.text(),
                                              self.tr("Annotator projects (*.annotator)"))
        if path:
            self.file.setText(path)

    def _browse_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Codebook CSV"), str(Path(self.file.text()).parent),
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.csv.setText(path)

    def path(self) -> Path:
        path = Path(self.file.text().strip()).expanduser()
        return path if path.suffix == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)

    def codebook(self) -> str:
        """A template name or a CSV path for ``core.codebook.load_template``."""
        name = TEMPLATE_CHOICES[self.group.checkedId()][0]
        return name or self.csv.text().strip()

    def accept(self) -> None:
        path = self.path()
        if not self.file.text().strip():
            self.error.setText(self.tr("Choose where to save the project."))
        elif path.exists():
            self.error.setText(self.tr("{0} already exists; choose another name.").format(path.name))
        elif not path.parent.is_dir():
            self.error.setText(self.tr("The folder {0} does not exist.").format(path.parent))
        elif not self.codebook():
            self.error.setText(self.tr("Choose the codebook CSV file."))
        else:
            super().accept()


class ImportHint(QWidget):
    """What an empty project shows instead of blank panes: the next step, with a button for it."""

    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("<h2>No articles yet</h2>"))
        text = QLabel(self.tr("Import articles next: <b>File ▸ Import documents…</b> (Ctrl+I) reads .txt, .docx, "
                              ".html, .pdf and .csv files, or drop files on this window. Then select a passage and "
                              "press a code's key to code it."))
        text.setWordWrap(True)
        button = QPushButton(self.tr("Import documents…"))
        button.clicked.connect(self.import_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.setMaximumWidth(640)
