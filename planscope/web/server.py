"""The web server behind ``planscope serve``: textual-serve with a page of our own.

textual-serve runs one app process per browser connection and relays its
screen over a websocket; that part is used as it is.  What changes is the
page: textual-serve's own loads a font from an external CDN and shows the
server's full command line on its splash, which breaks on an offline network
and tells every visitor where things live on the server.  Here the page is a
fixed file with relative links, every asset is served from this process, a
Content-Security-Policy tells the browser to fetch nothing from elsewhere, and
no response names the command, a path or the server software.

This module imports aiohttp, so it is loaded only by ``planscope serve``.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("planscope.serve")

#: What the browser may load: only this server's own scripts, styles, fonts and websocket.
#: textual.js inserts <style> elements and inline styles, hence 'unsafe-inline' for styles.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Server": "planscope",
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def web_folder() -> Path:
    """The folder of the page and its own assets, inside the installed package."""
    return Path(str(resources.files("planscope.web")))


def textual_serve_static() -> Path:
    """textual-serve's own assets: the terminal script, its stylesheet and the Roboto Mono fonts."""
    import textual_serve

    return Path(textual_serve.__file__).parent / "static"


def same_origin(request: web.Request) -> bool:
    """True unless the browser says the websocket was opened by a page of another site.

    Browsers let any page open a websocket to any address, the operator's
    loopback included, so without this check a hostile page in another tab
    could drive the app.  Behind a proxy the public name arrives as Host or
    X-Forwarded-Host.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    netloc = urlsplit(origin).netloc.lower()
    hosts = {request.host.lower(), request.headers.get("X-Forwarded-Host", "").lower()}
    return netloc in hosts


class PlanscopeServer(Server):
    """textual-serve's Server with a local page, a session cap and a refusal of other sites."""

    def __init__(self, command: str, host: str, port: int, max_sessions: int) -> None:
        super().__init__(command, host=host, port=port, title="planscope")
        self.max_sessions = max_sessions
        self.sessions = 0
        self.page = (web_folder() / "index.html").read_bytes()

    async def _make_app(self) -> web.Application:
        """The routes: the page, the websocket and two folders of assets (no directory listings)."""
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", textual_serve_static(), show_index=False, name="static"),
                web.static("/assets", web_folder() / "static", show_index=False, name="assets"),
            ]
        )
        app.on_response_prepare.append(self._headers)
        app.on_startup.append(self.on_startup)
        return app

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """Name no server software, and keep the page from loading anything from elsewhere."""
        response.headers.update(HEADERS)

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        """The page: a fixed file, the same for every visitor and every server."""
        return web.Response(body=self.page, content_type="text/html", charset="utf-8")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One app process per connection, within the cap and only for this site's own page."""
        if not same_origin(request):
            log.warning("refused a websocket opened by a page of %s", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="This page may only be used from its own site.")
        if self.sessions >= self.max_sessions:
            log.warning("refused a session: all %d are in use", self.max_sessions)
            raise web.HTTPServiceUnavailable(text="Every session is in use; try again later.")
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    async def on_startup(self, app: web.Application) -> None:
        """Say where the page is, on the administrator's console only."""
        log.info("planscope serve: open %s (Ctrl+C stops)", self.public_url)

    def serve(self) -> None:
        """Run until SIGINT or SIGTERM, then end every session's app before returning."""
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=None,
            shutdown_timeout=5.0,
        )
