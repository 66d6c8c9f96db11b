"""``planscope serve`` for real: the served page, its assets, and a headless Chromium session.

The server is the real command in a subprocess; the browser is Debian's
Chromium, driven over the DevTools protocol, with every name but loopback
made unresolvable so a page that reached for the internet would show it.
Waits poll a condition with a generous deadline.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import socket
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytest.importorskip("textual_serve", reason="planscope[web] is not installed")
import aiohttp

from planscope.serve import is_loopback
from tests.cdp import Browser, chromium_missing
from tests.serving import TIMEOUT, Served, wait_until
from tests.tui_helpers import build_seeded

COMMENT = re.compile(r"/\*.*?\*/", re.S)
ASSET = re.compile(r"""(?:href|src)="([^"]+)"|url\(["']?([^"')]+)""")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("served")
    home = folder / "home"
    home.mkdir()
    server = Served(build_seeded(folder), home)
    yield server
    server.stop()
    assert not server.sessions(), "stopping the server left app processes behind"


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
        return answer.status, dict(answer.headers), answer.read()


def test_page_and_assets_are_local_and_name_nothing_on_the_server(served: Served) -> None:
    status, headers, body = fetch(served.url)
    assert status == 200
    assert headers["Server"] == "planscope"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    page = body.decode()
    secrets = [str(served.db), str(served.db.parent), sys.prefix, sys.executable, socket.gethostname()]
    secrets += ["--db", "--kiosk", "-m planscope", "/work", "/home", "/srv", "/tmp", "/usr"]
    assets = [a or b for a, b in ASSET.findall(page)]
    assert assets, "the page links no assets"
    seen: set[str] = set()
    while assets:
        link = assets.pop()
        assert not urlsplit(link).netloc, f"the page loads {link} from elsewhere"
        url = urljoin(served.url, link)
        if url in seen:
            continue
        seen.add(url)
        asset_status, _, data = fetch(url)
        assert asset_status == 200, url
        if url.endswith((".css", ".html")):
            text = COMMENT.sub("", data.decode())
            assert "http://" not in text and "https://" not in text, f"{url} names another host"
            assets += [urljoin(link, a or b) for a, b in ASSET.findall(text)]
    assert any(u.endswith(".ttf") for u in seen), "the font is not served locally"
    for secret in secrets:
        assert secret not in page, f"the page shows {secret!r}"
    with pytest.raises(urllib.error.HTTPError):
        fetch(served.url + "static/")  # no directory listings


async def test_a_websocket_opened_by_another_site_is_refused(served: Served) -> None:
    before = served.sessions()
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(served.url + "ws", headers={"Origin": "http://evil.example"})
    assert refused.value.status == 403
    assert served.sessions() == before


@pytest.mark.skipif(chromium_missing() is not None, reason=chromium_missing() or "")
async def test_browser_session_runs_a_kiosk_app_and_closing_the_page_ends_it(
    served: Served, tmp_path: Path
) -> None:
    before = set(served.sessions())
    browser = Browser(tmp_path / "profile")
    deadline = time.monotonic() + TIMEOUT
    try:
        await browser.start(deadline)
        await browser.open(served.url)
        await browser.wait_for_text("Tianjin 14th Five-Year Plan", deadline)
        png = await browser.screenshot(tmp_path / "page.png")
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
        new = set(served.sessions()) - before
        assert len(new) == 1, f"expected one app process for the page, found {sorted(new)}"
        (app,) = new

        await browser.type("/")
        await browser.wait_for_text("type to search", time.monotonic() + TIMEOUT)
        await browser.type("eco-city")
        await browser.wait_for_text("Sino-Singapore Tianjin Eco-city", time.monotonic() + TIMEOUT)

        origin = served.url.rstrip("/")
        elsewhere = [u for u in browser.requested_urls() if not re.sub("^ws", "http", u).startswith(origin)]
        assert not elsewhere, f"the page reached beyond its server: {elsewhere}"

        await browser.close_page()
        await asyncio.to_thread(wait_until, lambda: app not in served.sessions(), "the app to end")
    finally:
        await browser.stop()
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)


async def test_sessions_beyond_the_cap_are_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    server = Served(build_seeded(tmp_path), home, "--max-sessions", "1")
    try:
        async with aiohttp.ClientSession() as http:
            first = await http.ws_connect(server.url + "ws")
            await asyncio.to_thread(wait_until, lambda: len(server.sessions()) == 1, "the first session")
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(server.url + "ws")
            assert refused.value.status == 503
            await first.close()
            await asyncio.to_thread(wait_until, lambda: not server.sessions(), "the first session to end")
            second = await http.ws_connect(server.url + "ws")
            await asyncio.to_thread(wait_until, lambda: len(server.sessions()) == 1, "a new session")
            await second.close()
    finally:
        server.stop()
    assert not server.sessions()


def test_a_public_address_needs_public(cli: object, tmp_path: Path) -> None:
    result = cli("serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.duckdb"))  # type: ignore[operator]
    assert result.returncode == 2
    assert "not a loopback address" in result.stderr and "--public" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.5", False),
        ("plans.example.org", False),
    ],
)
def test_only_loopback_addresses_need_no_public_flag(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
