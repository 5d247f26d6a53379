"""Colours as text on white: coder and code colours darkened until they read (WCAG contrast).

Codes and coders keep their stored colours (a light code colour makes a good highlight tint); only where
a colour is used for text — a coder's name in a list, a pane title — is it darkened at the Qt boundary.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

TEXT_CONTRAST = 4.5  # WCAG 2 AA for normal text on white


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_on_white(colour: QColor | str) -> float:
    """WCAG contrast ratio of ``colour`` against white (1 to 21)."""
    return 1.05 / (_luminance(QColor(colour)) + 0.05)


def text_colour(colour: QColor | str, minimum: float = TEXT_CONTRAST) -> QColor:
    """``colour``, darkened in small steps (hue kept) until it reads as text on white."""
    result = QColor(colour)
    while contrast_on_white(result) < minimum and result.value() > 0:
        result = result.darker(108)
    return result


__all__ = ["contrast_on_white", "text_colour"]
