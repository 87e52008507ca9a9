"""A TCP relay to PostgreSQL that can cut the connection carrying the next BEGIN: the moment a
server dies between handing out a pooled connection and starting a transaction on it, made
happen on demand, on the real wire."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from types import TracebackType
from urllib.parse import parse_qsl, urlsplit, urlunsplit


class BeginCutter:
    def __init__(self, upstream_url: str) -> None:
        parts = urlsplit(upstream_url)
        self._upstream_url = upstream_url
        self._socket_dir = dict(parse_qsl(parts.query)).get("host")
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 5432
        self._armed = threading.Event()
        self.cuts = 0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def url(self) -> str:
        """The upstream URL, reached through this relay."""
        parts = urlsplit(self._upstream_url)
        netloc = f"{parts.username or 'postgres'}@127.0.0.1:{self.port}"
        return urlunsplit(parts._replace(netloc=netloc, query=""))

    def cut_next_begin(self) -> None:
        self._armed.set()

    def __enter__(self) -> BeginCutter:
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        self.port = started.result(timeout=10)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _listen(self) -> int:
        server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return int(server.sockets[0].getsockname()[1])

    async def _open_upstream(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._socket_dir:
            return await asyncio.open_unix_connection(f"{self._socket_dir}/.s.PGSQL.{self._port}")
        return await asyncio.open_connection(self._host, self._port)

    async def _relay(self, client: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server, server_w = await self._open_upstream()
        to_server = asyncio.create_task(self._pump(client, server_w, watch=True))
        to_client = asyncio.create_task(self._pump(server, client_w, watch=False))
        await asyncio.wait({to_server, to_client}, return_when=asyncio.FIRST_COMPLETED)
        for task in (to_server, to_client):
            task.cancel()
        for writer in (client_w, server_w):
            writer.transport.abort()

    async def _pump(
        self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, *, watch: bool
    ) -> None:
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while chunk := await source.read(65536):
                if watch and b"BEGIN" in chunk.upper() and self._armed.is_set():
                    self._armed.clear()
                    self.cuts += 1
                    return  # the BEGIN never arrives; both ends are cut
                sink.write(chunk)
                await sink.drain()
