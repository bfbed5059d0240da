"""legalcap web with several workers: each accepted connection has TCP_NODELAY (no delayed-ACK wait)."""

from __future__ import annotations

import asyncio
import socket

import uvicorn

from flows.cli.web import tcp_socket


def accepted_nodelay(listener: socket.socket) -> int:
    """TCP_NODELAY of the connection an asyncio server (as each uvicorn worker runs) accepts on `listener`."""

    async def run() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        value = await asyncio.wait_for(seen, 10)
        writer.close()
        server.close()
        return value

    return asyncio.run(run())


def bound() -> socket.socket:
    """A listening socket as uvicorn binds it for its worker processes."""
    config = uvicorn.Config("flows.cli.web:served_app", factory=True, host="127.0.0.1", port=0, workers=2)
    return config.bind_socket()


def test_worker_connections_get_tcp_nodelay() -> None:
    listener = tcp_socket(bound())
    assert listener.proto == socket.IPPROTO_TCP
    assert accepted_nodelay(listener) != 0


def test_uvicorns_own_socket_would_not() -> None:
    """Why tcp_socket exists: uvicorn binds with proto 0 and asyncio then leaves Nagle on."""
    assert accepted_nodelay(bound()) == 0
