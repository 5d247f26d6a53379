"""A small project built with the store API and the real main window on top of it."""

from __future__ import annotations

import pytest

from annotator.core.model import DocumentInput

ENGLISH = ("Police broke up a ring smuggling blood samples across the border.\n"
           "Officials said the trade threatens national biosecurity.\n")
CHINESE = "警方破获非法运送孕妇血样出境案。\n专家指出，这损害国家生物安全。\n"
EMOJI = "Fans 😀 cheered 𠀀 loudly at the stadium today.\n"


@pytest.fixture(autouse=True)
def _qt_names(qapp):
    qapp.setOrganizationName("AnnotatorTests")
    qapp.setApplicationName("AnnotatorTests")
    from PySide6.QtCore import QSettings

    QSettings().clear()


@pytest.fixture(autouse=True)
def _no_dangling_jobs():
    """Fail a test that leaves jobs or pool threads running (their results would land in a later test,
    on closed projects and deleted widgets). Windows and views stop their jobs when closed; a test that
    starts work waits for its report (``qtbot.waitSignal``, ``job.wait()``)."""
    yield
    from PySide6.QtCore import QCoreApplication, QThreadPool

    from annotator.gui.jobs import running_jobs

    pool = QThreadPool.globalInstance()
    left = running_jobs()
    if not left:
        pool.waitForDone(2000)  # a worker that has reported may still be returning to the pool
    threads = pool.activeThreadCount()
    if not left and not threads:
        return
    names = ", ".join(job.title for job in left) or "(not started by the job runner)"
    for job in left:
        job.silence()
    pool.waitForDone(10000)
    QCoreApplication.processEvents()
    pytest.fail(f"the test left {len(left)} job(s) and {threads} pool thread(s) running: {names}")


@pytest.fixture
def filled(project):
    project.add_documents([
        DocumentInput(text=ENGLISH, name="en", title="Ring broken up", outlet="Daily", language="en"),
        DocumentInput(text=CHINESE, name="zh", title="血样案", outlet="日报", language="zh"),
        DocumentInput(text=EMOJI, name="emoji", title="Stadium", language="en"),
    ])
    project.ensure_coder("Ana")
    project.ensure_coder("Ben")
    project.add_code("Crime", color="#e6194b")
    project.add_code("Security", color="#4363d8")
    project.add_code("Security/Biosecurity", color="#3cb44b")
    return project


@pytest.fixture
def window(qtbot, filled):
    from annotator.gui.main_window import MainWindow

    win = MainWindow(filled)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.stack.clear()
