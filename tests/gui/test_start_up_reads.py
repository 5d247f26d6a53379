"""Opening the window reads what it shows, once: no view lists every document as objects at start-up.

With 100,000 articles, each ``Project.documents()`` is 100,000 ``Document`` objects (seconds); the list,
the pickers and the scopes read ids and rows in SQL instead, and tabs are built when first shown.
"""

from __future__ import annotations

from annotator.core.store import Project


def test_start_up_builds_no_document_objects_and_lists_the_ids_once(qtbot, filled, monkeypatch):
    from annotator.gui.main_window import MainWindow

    calls: dict[str, int] = {"documents": 0, "document_names": 0, "document_list_ids": 0}
    for name in calls:
        original = getattr(Project, name)

        def counted(self, *args, _original=original, _name=name, **kwargs):
            calls[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Project, name, counted)
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert calls == {"documents": 0, "document_names": 0, "document_list_ids": 1}
    assert not window.views["agreement"].built and not window.views["search"].built
    assert window.coding.panes[0].document_id is not None  # and yet both panes show an article
    window.stack.clear()
