"""Codebook edits from the panel, each undoable: add, rename, recolour, describe, move/nest, merge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog


def test_add_rename_describe_recolour(window, monkeypatch):
    panel = window.coding.codebook
    project = window.project
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Economy/Trade", True))
    panel.add_code()
    trade = project.code("Economy/Trade")
    panel.select_code(trade.id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Commerce", True))
    panel.rename_code()
    assert project.code(trade.id).path == "Economy/Commerce"
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Buying and selling", True))
    panel.describe_code()
    assert project.code(trade.id).description == "Buying and selling"
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#102030"))
    panel.recolour_code()
    assert project.code(trade.id).color == "#102030"
    assert window.act_undo.text() == "Undo recolour code"
    for _ in range(4):
        window.act_undo.trigger()
    assert not any(c.path.startswith("Economy") for c in project.codes())


def test_move_by_dialog_and_drag(window, monkeypatch):
    panel = window.coding.codebook
    project = window.project
    crime = project.code("Crime")
    panel.select_code(crime.id)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Security", True))
    panel.move_code()
    assert project.code(crime.id).path == "Security/Crime"
    panel.tree.moved.emit(crime.id, "Crime")  # what a drop on the top level does
    assert project.code(crime.id).path == "Crime"
    window.act_undo.trigger()
    assert project.code(crime.id).path == "Security/Crime"


def test_merge_codes(window, qtbot, monkeypatch):
    project = window.project
    pane = window.coding.panes[0]
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    panel = window.coding.codebook
    panel.select_code(project.code("Crime").id)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Security", True))
    panel.merge_code()
    assert {s.code_id for s in project.segments()} == {project.code("Security").id}
    assert "Crime" not in [c.path for c in project.codes()]
    window.act_undo.trigger()
    assert {s.code_id for s in project.segments()} == {project.code("Crime").id}


def test_margin_tooltip_names_code(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QToolTip

    pane = window.coding.panes[0]
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    margin = pane.editor.margin
    rect, span = next(iter(margin._visible_stripes(margin.height())))
    shown = []
    monkeypatch.setattr(QToolTip, "showText", lambda pos, text, *a: shown.append(text))
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtCore import QEvent

    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), margin.mapToGlobal(rect.center()))
    margin.event(event)
    assert shown == ["Crime"]


def test_own_shortcut_key(window, qtbot, monkeypatch):
    project = window.project
    panel = window.coding.codebook
    bio = project.code("Security/Biosecurity")
    panel.select_code(bio.id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("b", True))
    panel.set_shortcut()
    assert project.code(bio.id).shortcut == "B"
    assert window.coding.keys[bio.id] == "B"
    pane = window.coding.panes[0]
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_B)
    assert project.segments()[0].code_id == bio.id
