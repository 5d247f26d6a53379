"""What a new user met walking the tutorial in the real window (the `trial` notes), each driven with keys and
clicks and checked on the screen or in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCursor

from tests.gui.agreement_fixtures import main_window, three_coders  # noqa: F401 (fixtures)
from tests.gui.test_daily_loop import frames, pane_for  # noqa: F401 (fixture)


def _painted_colours(editor, start: int, end: int) -> set[str]:
    """The colours painted where code points [start, end) of the editor's text are shown."""
    editor.finish_highlighting()
    image = QImage(editor.viewport().size(), QImage.Format.Format_RGB32)
    editor.viewport().render(image)
    colours = set()
    for position in range(editor.offsets.to_qt(start), editor.offsets.to_qt(end)):
        cursor = QTextCursor(editor.document())
        cursor.setPosition(position)
        rect = editor.cursorRect(cursor)
        for x in range(rect.left() + 1, rect.left() + 4):
            colours.add(image.pixelColor(x, rect.top() + 1).name())
    return colours


def test_a_find_hit_inside_the_inspected_coding_is_highlighted(window, qtbot):
    from annotator.gui.find_bar import CURRENT, HIT

    pane, doc = pane_for(window, "en")
    pane.select_span(0, 65)  # the first sentence coded, then clicked: the inspector outlines it
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    seg = window.project.segments(document_id=doc.id)[0]
    window.coding._segments_clicked(pane, [seg.id])
    assert pane.editor.extraSelections()  # the outline
    pane.editor.setFocus()
    qtbot.keyClick(pane.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pane.find_bar.field, "the")  # "... across the border.\nOfficials said the trade ..."
    (start, end), = [hit for hit in pane.find.hits if hit[1] <= seg.end]
    assert pane.find_bar.count.text().startswith("1 of")
    assert CURRENT.name() in _painted_colours(pane.editor, start, end)
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return)  # another hit is current: this one is a plain hit
    assert HIT.name() in _painted_colours(pane.editor, start, end)


def test_a_coder_just_added_is_not_compared_until_ticked(main_window, qtbot, monkeypatch):
    """Tutorial step 3 adds a coder; before that coder has finished anything, the Agreement and Review views
    compare the coders who have (a coder who finished nothing made every alpha_U undefined, and took a
    third of the review)."""
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Dee", True)))
    main_window.act_add_coder.trigger()
    assert main_window.project.coder("Dee") is not None
    main_window.show_view("agreement")
    view = main_window.agreement
    ticked = {view.coder_list.item(i).text(): view.coder_list.item(i).checkState() == Qt.CheckState.Checked
              for i in range(view.coder_list.count())}
    assert ticked == {"Ana": True, "Ben": True, "Cal": True, "Dee": False}
    qtbot.waitUntil(lambda: not view.busy(), timeout=20000)
    view.unit.setCurrentIndex(view.unit.findData("span"))
    view.compute_button.click()
    qtbot.waitUntil(lambda: not view.busy() and view.data["unit"] == "span", timeout=20000)
    assert view.data["coders"] == ["Ana", "Ben", "Cal"] and view.data["documents"] == 2
    assert view.report.alpha_u is not None
    dee = view.coder_list.findItems("Dee", Qt.MatchFlag.MatchExactly)[0]
    dee.setCheckState(Qt.CheckState.Checked)  # compared anyway: the summary says why nothing is left
    view.compute_button.click()
    qtbot.waitUntil(lambda: not view.busy() and view.data["coders"] == ["Ana", "Ben", "Cal", "Dee"], timeout=20000)
    assert "2 left out: not finished by every chosen coder" in view.summary.text()
    main_window.show_view("review")
    review = main_window.review
    assert [main_window.project.coder(c).name for c in review.chosen_coders()] == ["Ana", "Ben", "Cal"]
    assert len(review.panes) == 3


def test_a_child_code_is_named_by_its_path_in_the_inspector_and_undo(frames, qtbot):
    """The Policy Frames codebook has "Security" and "Primary frame/Security": the inspector's list and
    Edit ▸ Undo said "Security" for both."""
    window = frames
    pane, doc = pane_for(window, "en")
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_8)  # Primary frame/Security
    seg, = window.project.segments(document_id=doc.id)
    assert window.project.code(seg.code_id).path == "Primary frame/Security"
    window.coding._segments_clicked(pane, [seg.id])
    assert window.coding.inspector.list.item(0).text().startswith("Primary frame/Security · Ana · ")
    assert "'Primary frame/Security'" in window.stack.undoText()


def test_an_import_shows_the_new_documents_even_when_the_list_was_narrowed_to_a_set(window, qtbot, tmp_path):
    """The list was limited to a set (Set: Wire): "6 imported" and none of them in sight."""
    from annotator.core.commands import Changes

    project = window.project
    wire = project.ensure_document_set("Wire")
    project.add_to_set(wire.id, [project.document("en", with_text=False).id])
    window.bus.announce(Changes(sets=True))
    view = window.coding
    view.doc_set.setCurrentIndex(view.doc_set.findText("Set: Wire"))
    qtbot.waitUntil(lambda: view.doc_model.rowCount() == 1)
    article = tmp_path / "new-article.txt"
    article.write_text("Customs seize blood samples\n\nOfficers seized 2,000 samples at the border.\n", encoding="utf-8")
    window.files.import_paths([str(article)])
    qtbot.waitUntil(lambda: view.doc_model.rowCount() == 4, timeout=20000)
    assert view.doc_set.currentIndex() == 0  # All documents
    assert window.statusBar().currentMessage() == "1 imported, 0 skipped; the document list shows all documents again"


def test_an_import_clears_a_typed_document_filter_that_would_hide_the_new_documents(window, qtbot, tmp_path):
    view = window.coding
    qtbot.keyClicks(view.doc_filter, "blood")
    qtbot.waitUntil(lambda: view.doc_model.rowCount() < view.project.document_count())
    article = tmp_path / "harbour.txt"
    article.write_text("Harbour reopens\n\nShips returned to the harbour on Monday.\n", encoding="utf-8")
    window.files.import_paths([str(article)])
    qtbot.waitUntil(lambda: view.doc_model.rowCount() == view.project.document_count(), timeout=20000)
    assert view.doc_filter.text() == ""
    assert window.statusBar().currentMessage().endswith("; the document list shows all documents again")
