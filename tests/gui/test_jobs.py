"""The one job runner: own connection, progress, cancel, one error format, results by signal, superseding."""

from __future__ import annotations

import threading

import pytest

from annotator.core.commands import Changes
from annotator.core.errors import InputError
from annotator.core.store import Project
from annotator.gui.jobs import JobCancelled, error_text, running_jobs
from annotator.gui.project_bus import ProjectBus


@pytest.fixture
def bus(qtbot, filled):
    bus = ProjectBus(filled)
    yield bus
    bus.jobs.shutdown()


def test_a_job_runs_on_its_own_read_only_connection_and_reports_by_signal(qtbot, bus, filled):
    seen = {}

    def job(project, context):
        seen["thread"] = threading.current_thread() is not threading.main_thread()
        seen["same"] = project is filled
        seen["readonly"] = project.readonly
        return [d.name for d in project.documents()]

    with qtbot.waitSignal(bus.jobs.run(job, title="List").finished, timeout=10000) as done:
        pass
    assert done.args == [["en", "zh", "emoji"]]
    assert seen == {"thread": True, "same": False, "readonly": True}
    assert not bus.jobs.busy()


def test_progress_then_one_result(qtbot, bus):
    progress = []

    def job(_project, context):
        for i in range(1, 301):
            context.report(i, 300)
        return "ok"

    job_ = bus.jobs.run(job, title="Count", on_progress=lambda d, t: progress.append((d, t)))
    with qtbot.waitSignal(job_.finished, timeout=10000):
        pass
    assert progress[-1] == (300, 300)
    assert len(progress) <= 101  # steps of 1%, not one signal per item


def test_cancel_reports_cancelled_not_failed(qtbot, bus):
    started = threading.Event()

    def job(_project, context):
        started.set()
        while True:
            context.check()

    failed = []
    job_ = bus.jobs.run(job, title="Forever", on_failed=failed.append)
    assert started.wait(10)
    with qtbot.waitSignal(job_.cancelled, timeout=10000):
        job_.cancel()
    assert failed == [] and not job_.is_running


def test_errors_have_one_format(qtbot, bus, capsys):
    def refused(_project, _context):
        raise InputError("line 3: no such code 'Crime/Theft'", path="codes.csv")

    def broken(_project, _context):
        return {}["missing"]

    with qtbot.waitSignal(bus.jobs.run(refused, title="Import").failed, timeout=10000) as first:
        pass
    with qtbot.waitSignal(bus.jobs.run(broken, title="Import").failed, timeout=10000) as second:
        pass
    assert first.args == ["codes.csv: line 3: no such code 'Crime/Theft'"]
    assert second.args == ["Import failed: KeyError: 'missing'"]
    assert "Traceback" in capsys.readouterr().err  # an unexpected error leaves its traceback for a bug report
    assert error_text("Export", OSError(13, "Permission denied", "/x.csv")) == "/x.csv: Permission denied"


def test_a_job_with_a_key_supersedes_the_running_one(qtbot, bus):
    gate = threading.Event()

    def slow(_project, context):
        gate.wait(10)
        return "old"

    results = []
    old = bus.jobs.run(slow, title="Search", key="search", on_done=results.append)
    new = bus.jobs.run(lambda _p, _c: "new", title="Search", key="search", on_done=results.append)
    with qtbot.waitSignal(new.finished, timeout=10000):
        pass
    gate.set()
    assert old.wait(10000)
    assert results == ["new"] and not old.is_running


def test_a_writable_job_announces_its_changes(qtbot, bus, filled):
    def job(project, _context):
        return project.ensure_coder("Chen").id

    announced = []
    bus.changed.connect(announced.append)
    job_ = bus.jobs.run(job, title="Add coder", writable=True, announce=Changes(coders=True))
    with qtbot.waitSignal(bus.changed, timeout=10000):
        pass
    assert job_.result == filled.coder("Chen").id
    assert [c.coders for c in announced] == [True]


def test_in_memory_projects_run_in_place(qtbot):
    project = Project.memory()
    bus = ProjectBus(project)
    results = []
    job = bus.jobs.run(lambda p, _c: p is project, title="Here", on_done=results.append)
    assert results == [True] and not job.is_running
    cancelled = []
    bus.jobs.run(lambda _p, _c: (_ for _ in ()).throw(JobCancelled()), title="Stop", on_cancelled=lambda: cancelled.append(1))
    assert cancelled == [1]


def test_running_jobs_lists_what_a_test_would_leave_behind(qtbot, bus):
    gate = threading.Event()
    job = bus.jobs.run(lambda _p, _c: gate.wait(10), title="Left behind")
    assert job in running_jobs()
    gate.set()
    assert job.wait(10000)
    assert job not in running_jobs()
