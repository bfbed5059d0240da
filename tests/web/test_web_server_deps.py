"""legalcap web runs on uvicorn's C HTTP parser (httptools) and event loop (uvloop): declared dependencies."""

from __future__ import annotations

import sys

import pytest
import uvicorn
from uvicorn.protocols.http.auto import AutoHTTPProtocol


def test_http_parser_is_httptools() -> None:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    assert AutoHTTPProtocol is HttpToolsProtocol


@pytest.mark.skipif(sys.platform == "win32", reason="uvloop has no Windows build")
def test_event_loop_is_uvloop() -> None:
    factory = uvicorn.Config("flows.cli.web:served_app", factory=True).get_loop_factory()
    assert factory is not None and factory.__module__ == "uvloop"
