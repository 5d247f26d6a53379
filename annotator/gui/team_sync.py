"""Background sync of a team copy, and its state in the status bar.

``TeamSync`` belongs to the main window. While the open project is a team copy it syncs every few
seconds as a writable job on the window's job runner (its own SQLite connection; the window never
waits), announces what the pull changed on the project event bus, and keeps one server connection open
between syncs. Offline it retries less often and says so; a refused login asks for the password once
and keeps it in memory only; a sync runs once more when the window closes. ``TeamStatusLabel`` shows
the state: last sync, changes waiting, syncing, offline.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QWidget

from annotator.core.store import Project, sync_log
from annotator.gui.jobs import Job, JobContext
from annotator.gui.project_bus import ProjectBus

ONLINE_INTERVAL_MS = 5_000
OFFLINE_INTERVALS_MS = (15_000, 30_000, 60_000)


@dataclass
class Outcome:
    """A sync's result as the worker classifies it (the job runner only carries one line of error)."""

    report: object | None = None  # annotator.core.team.sync.SyncReport
    error: str = ""
    offline: bool = False
    needs_password: bool = False


class _Credentials:
    """Passwords typed this session, by server and login; never written anywhere."""

    def __init__(self) -> None:
        self._passwords: dict[str, str] = {}

    def get(self, address: str) -> str | None:
        return self._passwords.get(address)

    def set(self, address: str, password: str) -> None:
        self._passwords[address] = password

    def forget(self, address: str) -> None:
        self._passwords.pop(address, None)

    def clear(self) -> None:
        self._passwords.clear()


CREDENTIALS = _Credentials()


def needs_password(message: str) -> bool:
    """Whether a refusal is one a (new) password can fix."""
    return "wants a password" in message or "refused the login" in message


def ask_password(parent: QWidget | None, display: str) -> str | None:
    """The password for a login, asked once (kept until the app quits, never stored)."""
    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("team_sync", "Team server"),
        QCoreApplication.translate("team_sync", "Password for {server}\n(not stored: put it in ~/.pgpass to skip "
                                                "this question)").format(server=display),
        QLineEdit.EchoMode.Password)
    return text if ok and text else None


@dataclass
class SyncState:
    """What the status bar shows."""

    active: bool = False  # the open project is a team copy
    server: str = ""
    running: bool = False
    offline: bool = False
    error: str = ""
    last_sync: float | None = None  # time.time() of the last finished sync
    waiting: int = 0  # local changes not sent yet
    last_summary: str = ""
    notes: list[str] = field(default_factory=list)


class TeamSync(QObject):
    """Runs the syncs of the window's project; see the module docstring."""

    state_changed = Signal(object)  # SyncState
    synced = Signal(object)  # SyncReport, after its changes were announced
    message = Signal(str)  # a line for the status bar

    def __init__(self, bus: ProjectBus, window: QWidget | None = None) -> None:
        super().__init__(bus)
        self.bus = bus
        self.window = window
        self.state = SyncState()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        self._job: Job | None = None
        self._again = False
        self._failures = 0
        self._connection = None  # psycopg connection kept between syncs; used only inside a sync job
        self._connection_lock = threading.Lock()
        self._closing_callback = None
        self._final_sync_tried = False
        self._shut = False  # the window closed: no more syncs, no more signals
        bus.replaced.connect(self._project_replaced)
        bus.changed.connect(lambda _changes: self.refresh_waiting())
        self._read_state()

    # ---- state ---------------------------------------------------------------------------------
    def _read_state(self) -> None:
        team = sync_log.team_state(self.bus.project)
        url = team.get("url", "")
        self.state = SyncState(active=bool(url))
        if url:
            from annotator.core.team.credentials import ServerAddress  # psycopg: only for a team copy

            self.state.server = ServerAddress.parse(url).display()
            self.state.waiting = sync_log.waiting(self.bus.project)
            coder = self.bus.project.coder_by_guid(team.get("coder") or "")
            if coder is not None:
                self.bus.set_coder(coder.id)  # a team copy codes as its coder: nothing else would be sent
            self.timer.start(200)  # the first sync right after opening
        else:
            self.timer.stop()
        self.state_changed.emit(self.state)

    @property
    def is_lead(self) -> bool:
        return sync_log.team_state(self.bus.project).get("role") == "lead"

    def address(self):
        from annotator.core.team.credentials import ServerAddress

        url = sync_log.team_state(self.bus.project).get("url")
        return ServerAddress.parse(url) if url else None

    def refresh_waiting(self) -> None:
        if self.state.active:
            waiting = sync_log.waiting(self.bus.project)
            if waiting != self.state.waiting:
                self.state.waiting = waiting
                self.state_changed.emit(self.state)

    def linked(self) -> None:
        """The project just became a team copy (shared from this window)."""
        self._read_state()

    def _project_replaced(self, _project: Project) -> None:
        self._drop_connection()
        self._again = False
        self._job = None
        self._read_state()

    # ---- syncing -------------------------------------------------------------------------------
    def sync_now(self) -> Job | None:
        """Start a sync unless one is running (then one more follows it)."""
        if not self.state.active or self._shut:
            return None
        if self._job is not None and self._job.is_running:
            self._again = True
            return self._job
        address = self.address()
        if address is None:
            return None
        password = CREDENTIALS.get(address.stored)
        owner = self

        def job(project: Project, context: JobContext) -> Outcome:
            return owner._run_sync(project, password)

        self.state.running = True
        self.state_changed.emit(self.state)
        self._job = self.bus.jobs.run(job, title=self.tr("Sync"), writable=True, on_done=self._finished,
                                      on_failed=self._failed, on_cancelled=self._cancelled,
                                      announce=lambda outcome: outcome.report.changes() if outcome.report else
                                      _nothing())
        return self._job

    def _run_sync(self, project: Project, password: str | None) -> Outcome:
        """In the worker thread: sync with the kept connection (made or remade here)."""
        from annotator.core.team.credentials import describe_error
        from annotator.core.team.errors import ServerUnavailable, TeamError
        from annotator.core.team.sync import sync

        address = _address_of(project)
        with self._connection_lock:
            try:
                if self._connection is None or self._connection.closed:
                    self._connection = address.connect(password=password, autocommit=True)
                return Outcome(report=sync(project, connection=self._connection, address=address))
            except ServerUnavailable as exc:
                self._drop_connection_locked()
                return Outcome(error=str(exc), offline=True)
            except TeamError as exc:
                self._drop_connection_locked()
                return Outcome(error=str(exc), needs_password=needs_password(str(exc)))
            except Exception as exc:  # psycopg errors escaping a half-dead connection
                self._drop_connection_locked()
                found = describe_error(exc, address)
                return Outcome(error=str(found), offline=isinstance(found, ServerUnavailable))

    def _finished(self, outcome: Outcome) -> None:
        self.state.running = False
        if self._shut:
            return
        if outcome.report is not None:
            report = outcome.report
            self._failures = 0
            self.state.offline = False
            self.state.error = ""
            self.state.last_sync = time.time()
            from annotator.gui.team_dialogs import summary_text

            self.state.last_summary = summary_text(report)
            self.state.notes = list(report.notes)  # type: ignore[attr-defined]
            if report.rewrote_history:  # type: ignore[attr-defined]
                self.bus.stack.clear()
            moved = report.pushed_total or report.pulled_total  # type: ignore[attr-defined]
            if moved or report.notes:  # type: ignore[attr-defined]
                line = self.tr("Synced: {summary}").format(summary=self.state.last_summary)
                if report.notes:  # type: ignore[attr-defined]
                    line += " — " + report.notes[0]  # type: ignore[attr-defined]
                self.message.emit(line)
            self.synced.emit(report)
        else:
            self._failures += 1
            self.state.offline = outcome.offline
            self.state.error = "" if outcome.offline else outcome.error
            if outcome.needs_password and self._ask_password():
                self._again = True
            elif not outcome.offline:
                self.message.emit(outcome.error)
        self.state.waiting = sync_log.waiting(self.bus.project)
        self.state_changed.emit(self.state)
        self._next()

    def _failed(self, message: str) -> None:
        self._finished(Outcome(error=message))

    def _cancelled(self) -> None:
        self.state.running = False
        if self._shut:
            return
        self.state_changed.emit(self.state)
        self._next()

    def _next(self) -> None:
        if self._closing_callback is not None:
            callback, self._closing_callback = self._closing_callback, None
            callback()
            return
        if not self.state.active:
            return
        if self._again:
            self._again = False
            self.timer.start(0)
        elif self.state.error:
            self.timer.stop()  # refused: wait for "Sync now" rather than ask again every few seconds
        elif self.state.offline:
            self.timer.start(OFFLINE_INTERVALS_MS[min(self._failures, len(OFFLINE_INTERVALS_MS)) - 1])
        else:
            self.timer.start(ONLINE_INTERVAL_MS)

    def _ask_password(self) -> bool:
        address = self.address()
        if address is None:
            return False
        CREDENTIALS.forget(address.stored)  # a typed password the server refused
        password = ask_password(self.window, address.display())
        if password is None:
            return False
        CREDENTIALS.set(address.stored, password)
        self.state.error = ""
        return True

    # ---- closing -------------------------------------------------------------------------------
    def wants_final_sync(self) -> bool:
        """Whether closing the window should first send what waits (and the server was reachable)."""
        return self.state.active and not self._final_sync_tried and not self.state.offline and \
            not self.state.error and sync_log.waiting(self.bus.project) > 0

    def final_sync(self, then) -> None:
        """Sync once more, then call ``then`` (also if the sync fails: closing must not hang)."""
        self.timer.stop()
        self._final_sync_tried = True
        self._closing_callback = then
        if self._job is None or not self._job.is_running:
            if self.sync_now() is None:
                self._closing_callback = None
                then()

    def shutdown(self) -> None:
        """The window closes: stop syncing (a sync in progress completes; the job runner waits for it)."""
        self._shut = True
        self.timer.stop()

    def release(self) -> None:
        """After the window's jobs have stopped: close the kept connection."""
        self._drop_connection()

    def _drop_connection(self) -> None:
        with self._connection_lock:
            self._drop_connection_locked()

    def _drop_connection_locked(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001 - a dead connection may fail to close
                pass
            self._connection = None


def _nothing():
    from annotator.core.commands import Changes

    return Changes()


def _address_of(project: Project):
    from annotator.core.team.credentials import ServerAddress

    return ServerAddress.parse(sync_log.team_state(project)["url"])


class TeamStatusLabel(QLabel):
    """The team part of the status bar; clicking it syncs now."""

    def __init__(self, sync: TeamSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.setObjectName("team-status")
        sync.state_changed.connect(self.show_state)
        self.minute = QTimer(self)  # "synced 2 min ago" stays true
        self.minute.timeout.connect(lambda: self.show_state(self.sync.state))
        self.minute.start(30_000)
        self.show_state(sync.state)

    def show_state(self, state: SyncState) -> None:
        self.setVisible(state.active)
        if not state.active:
            return
        if not state.waiting:
            waiting = ""
        elif state.waiting == 1:
            waiting = self.tr("1 change waiting")
        else:
            waiting = self.tr("{count} changes waiting").format(count=state.waiting)
        if state.running:
            text = self.tr("Team: syncing…")
        elif state.error:
            text = self.tr("Team: not synced (click to retry)")
        elif state.offline:
            text = self.tr("Team: offline")
        elif state.last_sync is None:
            text = self.tr("Team: not synced yet")
        else:
            text = self.tr("Team: synced {when}").format(when=self._ago(state.last_sync))
        self.setText(" · ".join(part for part in (text, waiting) if part))
        tip = [state.server]
        if state.error:
            tip.append(state.error)
        elif state.offline:
            tip.append(self.tr("The server cannot be reached; your work is safe here and is sent when it can be."))
        if state.last_summary:
            tip.append(state.last_summary)
        tip.extend(state.notes[:5])
        self.setToolTip("\n".join(tip))

    def _ago(self, stamp: float) -> str:
        seconds = max(0, int(time.time() - stamp))
        if seconds < 60:
            return self.tr("just now")
        if seconds < 120:
            return self.tr("1 min ago")
        if seconds < 3600:
            return self.tr("{minutes} min ago").format(minutes=seconds // 60)
        return time.strftime("%H:%M", time.localtime(stamp))

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.sync.state.error = ""
        self.sync.sync_now()
        super().mousePressEvent(event)
