"""A tab that builds its view the first time it is shown (or asked for), not when the window opens.

A window with eight views over a 100,000-article project spent most of its start building views nobody
had looked at yet (and importing their modules). The views refresh from the project event bus and read
the project when they are made, so making one later shows the same as making it at start.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyView(QWidget):
    """Holds the place of a view in the tab widget; ``view()`` builds it once."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._view: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._view is not None

    def view(self) -> QWidget:
        if self._view is None:
            self._view = self._build()
            self.layout().addWidget(self._view)
            if self.isVisible():
                self._view.show()  # a child added to a shown widget is otherwise shown only later
        return self._view

    def showEvent(self, event) -> None:  # noqa: N802
        self.view()
        super().showEvent(event)
