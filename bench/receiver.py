"""A fast local HTTP sink for benchmarks: answers 200 to every POST and counts them per path.

Runs in its own process (asyncio, HTTP/1.1 keep-alive capable) so it takes no GIL time from
the process being measured. `GET /_count` answers the counts as JSON; it is not counted itself.

    python bench/receiver.py [port]      # port 0 (default) picks a free one; prints "PORT <n>"
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections import Counter
from typing import ClassVar

_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
_OK = _HEAD + b"\r\n{}"
_OK_CLOSE = _HEAD + b"Connection: close\r\n\r\n{}"


class Sink(asyncio.Protocol):
    """Minimal HTTP/1.x parser: request line, headers, Content-Length body; pipelining-safe."""

    counts: ClassVar[Counter] = Counter()

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1").split("\r\n")
            method, path, version = [*head[0].split(" "), "", "", ""][:3]
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length") or 0)
            if len(self.buffer) < end + 4 + length:
                return  # body not complete yet
            self.buffer = self.buffer[end + 4 + length:]
            close = (headers.get("connection", "").lower() == "close"
                     or version.upper() == "HTTP/1.0")
            if method == "GET" and path.startswith("/_count"):
                body = json.dumps({"total": sum(Sink.counts.values()), **Sink.counts}).encode()
                self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                     b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            else:
                if method == "POST":
                    Sink.counts[path.split("?", 1)[0]] += 1
                self.transport.write(_OK_CLOSE if close else _OK)
            if close:
                self.transport.close()
                return


async def serve(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Sink, "127.0.0.1", port, backlog=1024, reuse_address=True)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(port))


if __name__ == "__main__":
    main()
