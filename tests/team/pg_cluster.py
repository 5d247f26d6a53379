"""A throwaway PostgreSQL cluster: initdb in a temporary folder, pg_ctl start on a free local port.

Used by the team tests (tests/team/conftest.py) and the team benchmark. ``initdb`` refuses to run as
root, so under root the cluster belongs to the unprivileged ``postgres`` user (``runuser -u postgres
--``), and its folder is made that user's. Password authentication (SCRAM) is on, as on a real server.
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "annotator_admin"


@dataclass
class PgServer:
    """Where the test cluster listens and how its superuser logs in."""

    host: str
    port: int
    superuser: str
    password: str
    bindir: Path
    datadir: Path
    version: int
    run_as: list[str] = field(default_factory=list)
    options: str = ""
    log: Path | None = None

    def url(self, dbname: str = "postgres", user: str | None = None, password: str | None = None,
            **params: str) -> str:
        """A libpq connection string (key=value form, so any name needs no URL escaping)."""
        parts = {"host": self.host, "port": str(self.port), "dbname": dbname,
                 "user": user or self.superuser, **params}
        if password is not None or user is None:
            parts["password"] = password if password is not None else self.password
        from psycopg.conninfo import make_conninfo

        return make_conninfo("", **parts)

    def connect(self, dbname: str = "postgres", **kwargs: object):
        import psycopg

        return psycopg.connect(self.url(dbname), autocommit=True, **kwargs)  # type: ignore[arg-type]

    def start(self) -> None:
        started = self.pg_ctl("start", "-w", "-t", "60", "-l", str(self.log), "-o", self.options)
        if started.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log and self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr.strip()} {log}")

    def stop(self) -> None:
        """Stop at once, as a crash or a pulled cable would (the next start recovers)."""
        self.pg_ctl("stop", "-m", "immediate", "-w")

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.datadir.parent, ignore_errors=True)

    def postmaster_pid(self) -> int:
        return int((self.datadir / "postmaster.pid").read_text().split()[0])

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far: the postmaster, its live children and those that ended."""
        tick = os.sysconf("SC_CLK_TCK")
        master = self.postmaster_pid()
        total = 0
        for stat in glob.glob("/proc/[0-9]*/stat"):
            try:
                fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, parent = int(Path(stat).parent.name), int(fields[1])
            if pid == master:
                total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
            elif parent == master:
                total += int(fields[11]) + int(fields[12])
        return total / tick

    def pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.datadir), *args],
                              capture_output=True, text=True, timeout=60)


def find_server_binaries() -> tuple[Path, int] | None:
    """The newest PostgreSQL server (15+) on this machine: Debian's layout first, then PATH."""
    found: list[tuple[int, Path]] = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb") + glob.glob("/usr/pgsql-*/bin/initdb"):
        match = re.search(r"(\d+)", Path(initdb).parent.parent.name)
        if match:
            found.append((int(match.group(1)), Path(initdb).parent))
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        out = subprocess.run([on_path, "--version"], capture_output=True, text=True).stdout
        match = re.search(r"(\d+)", out)
        if match:
            found.append((int(match.group(1)), Path(on_path).parent))
    found = [f for f in found if f[0] >= 15 and (f[1] / "pg_ctl").exists() and (f[1] / "postgres").exists()]
    if not found:
        return None
    version, bindir = max(found)
    return bindir, version


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]




class ClusterUnavailable(Exception):
    """No server binaries, or nothing to run them as."""


# Fast and still crash-safe for the OS's page cache (an immediate stop keeps every commit): the tests kill
# and restart the server on purpose.
TEST_SETTINGS = "-c fsync=off -c full_page_writes=off -c max_connections=100 -c shared_buffers=32MB"


PREFIX = "annotator-pg-"
OWNER_FILE = "owner.pid"  # the process that made the cluster; gone means the cluster was left behind


def reap_orphans(bindir: Path, run_as: list[str]) -> None:
    """Stop and remove clusters whose test run was killed before its teardown (timeout, SIGKILL)."""
    for top in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((top / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        try:
            os.kill(owner, 0)
            continue  # still running: not ours to touch
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        if (top / "data" / "postmaster.pid").exists():
            subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(top / "data"), "stop", "-m", "immediate",
                            "-w"], capture_output=True, timeout=60)
        shutil.rmtree(top, ignore_errors=True)


def start_cluster(settings: str = TEST_SETTINGS) -> PgServer:
    """Make and start a cluster; ``destroy()`` stops it and removes its folder."""
    found = find_server_binaries()
    if found is None:
        raise ClusterUnavailable("no initdb/pg_ctl 15+ in /usr/lib/postgresql/*/bin or on PATH "
                                 "(install Debian's 'postgresql' package)")
    bindir, version = found
    run_as: list[str] = []
    owner = None
    if os.geteuid() == 0:
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise ClusterUnavailable("running as root and there is no unprivileged 'postgres' user for "
                                     "initdb") from None
        run_as = ["runuser", "-u", "postgres", "--"]
    reap_orphans(bindir, run_as)
    top = Path(tempfile.mkdtemp(prefix=PREFIX))
    (top / OWNER_FILE).write_text(str(os.getpid()))
    datadir = top / "data"
    password = secrets.token_urlsafe(16)
    pwfile = top / "pwfile"
    pwfile.write_text(password + "\n")
    if owner is not None:
        os.chown(top, owner.pw_uid, owner.pw_gid)
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)
    init = subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(datadir), "-U", SUPERUSER, f"--pwfile={pwfile}",
         "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
         "--no-sync"],
        capture_output=True, text=True, timeout=120)
    if init.returncode != 0:
        shutil.rmtree(top, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
    port = _free_port()
    options = f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={top} {settings}"
    server = PgServer("127.0.0.1", port, SUPERUSER, password, bindir, datadir, version, run_as, options,
                      top / "server.log")
    try:
        server.start()
    except RuntimeError:
        shutil.rmtree(top, ignore_errors=True)
        raise
    return server
