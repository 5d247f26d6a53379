"""The smaller things a new user hit in the trial of issue 13, each as a test."""

from __future__ import annotations

from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import Qt

from annotator.core.store.rows import PALETTE
from annotator.gui.agreement_view import reliability_mark, shown_value
from annotator.gui.colours import contrast_on_white, text_colour
from annotator.gui.help_menu import plain_menu_text, shortcut_rows
from tests.gui.agreement_fixtures import main_window, three_coders  # noqa: F401 (fixtures)


def test_an_alpha_at_the_threshold_shows_the_digits_that_decide_its_mark():
    assert reliability_mark(0.66666) == "unreliable" and shown_value(0.66666) == "0.6667"
    assert reliability_mark(0.6672) == "tentative" and shown_value(0.6672) == "0.667"
    assert shown_value(0.79996) == "0.79996" and reliability_mark(0.79996) == "tentative"  # not "0.8000"
    assert shown_value(0.5) == "0.500" and shown_value(-0.25) == "-0.250"


def test_agreement_view_chart_ticks_progress_and_colours(qtbot, main_window):
    view = main_window.agreement
    main_window.show_view("agreement")
    view.set_scope(unit="document")
    with qtbot.waitSignal(view.computed, timeout=20000):
        view.compute()
    assert not view.progress.isVisible()  # no full bar reading "done" that looks like a button
    qtbot.waitUntil(lambda: bool(view.chart.axes()), timeout=5000)
    x = next(a for a in view.chart.axes() if isinstance(a, QValueAxis))
    assert x.tickType() == QValueAxis.TickType.TicksDynamic and x.tickAnchor() == 0.0  # no "-0.0" tick
    assert x.max() > 1.0  # a bar of alpha = 1 stays inside the plot
    for i in range(view.coder_list.count()):
        assert contrast_on_white(view.coder_list.item(i).foreground().color()) >= 4.5
    view.compute()
    assert view.progress.isVisible()
    view.cancel()
    assert not view.progress.isVisible()


def test_every_palette_colour_reads_as_text_on_white():
    for colour in PALETTE:
        assert contrast_on_white(text_colour(colour)) >= 4.5, colour
    assert text_colour("#000075").name() == "#000075"  # dark colours are left alone


def test_the_shortcut_sheet_shows_no_mnemonics(window):
    assert plain_menu_text("文件(&F)") == "文件" and plain_menu_text("&File") == "File"
    assert plain_menu_text("Save && quit") == "Save & quit"
    window.menuBar().actions()[0].menu().setTitle("文件(&F)")  # as the Chinese translation names it
    wheres = {where for where, _what, _keys in shortcut_rows(window)}
    assert "文件" in wheres and not any("(F)" in w or "&" in w for w in wheres)


def test_saving_a_memo_says_so(window, qtbot):
    pane = window.coding.panes[0]
    doc = window.project.document("en", with_text=False)
    window.coding.open_document(doc.id, pane)
    pane.select_span(0, 6)
    qtbot.keyClick(pane.editor, Qt.Key.Key_1)
    inspector = window.coding.inspector  # follows the coding just made
    inspector.memo.setPlainText("the verb frames it as crime")
    qtbot.mouseClick(inspector.save_memo, Qt.MouseButton.LeftButton)
    assert window.project.segments(document_id=doc.id)[0].memo == "the verb frames it as crime"
    assert "Saved" in inspector.saved_label.text()
    assert window.statusBar().currentMessage() == "Memo saved"
    assert "\u270e" in inspector.list.item(0).text()  # the coding is marked as having a memo


def test_only_marked_values_get_extra_digits(qtbot, main_window):
    view = main_window.agreement
    item = view._number_item(2 / 3, None, "percent_agreement")
    assert item.text() == "0.667"  # no mark judges percent agreement
    assert view._number_item(2 / 3, None, "krippendorff_alpha").text() == "0.6667"
