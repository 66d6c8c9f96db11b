"""A headless Chromium driven over the DevTools protocol, for the browser tests.

Only what the tests need: open a page, run JavaScript in it, press keys,
take a screenshot, close it, and list every URL the page asked for.  The
websocket client is aiohttp's, which ``planscope[web]`` installs anyway.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Quiet, offline, throwaway: no sandbox (tests run as root), no GPU, no calls home.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--window-size=1024,640",
    # Any name but loopback fails to resolve, so a page that needs the internet shows it.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--remote-debugging-port=0",
]

#: Copies every byte the app sends into window.__screen, so a test can wait for text.
TAP_WEBSOCKET = """
(() => {
  const Real = window.WebSocket;
  const decoder = new TextDecoder();
  window.__screen = "";
  window.WebSocket = function (url, protocols) {
    const socket = new Real(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") window.__screen += decoder.decode(event.data, {stream: true});
    });
    return socket;
  };
  window.WebSocket.prototype = Real.prototype;
})();
"""


#: Terminal escape sequences: CSI (colours, cursor moves, modes) and OSC.
ESCAPES = re.compile(r"\x1b\[[0-9;?$<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]")


class Browser:
    """One Chromium process with its own profile folder, and one page in it."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.process: subprocess.Popen[bytes] | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self.http: aiohttp.ClientSession | None = None
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.session = ""
        self.target = ""

    async def start(self, deadline: float) -> None:
        """Start Chromium and connect to its DevTools websocket."""
        self.profile.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = self.profile / "DevToolsActivePort"
        while len(lines := _lines(port_file)) < 2:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError("Chromium did not open its DevTools port")
            await asyncio.sleep(0.1)
        self.http = aiohttp.ClientSession()
        self.socket = await self.http.ws_connect(f"ws://127.0.0.1:{lines[0]}{lines[1]}", max_msg_size=0)

    async def call(self, method: str, params: dict[str, Any] | None = None, *, page: bool = True) -> Any:
        """Send one command (to the page, unless ``page`` is false) and return its result."""
        assert self.socket is not None
        number = next(self.ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if page and self.session:
            message["sessionId"] = self.session
        await self.socket.send_json(message)
        while True:
            answer = await self.socket.receive_json()
            if answer.get("id") == number:
                if "error" in answer:
                    raise AssertionError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    async def open(self, url: str) -> None:
        """Open ``url`` in a new page, recording its requests and its websocket traffic."""
        self.target = (await self.call("Target.createTarget", {"url": "about:blank"}, page=False))["targetId"]
        attach = {"targetId": self.target, "flatten": True}
        self.session = (await self.call("Target.attachToTarget", attach, page=False))["sessionId"]
        await self.call("Network.enable")
        await self.call("Page.enable")
        await self.call("Page.addScriptToEvaluateOnNewDocument", {"source": TAP_WEBSOCKET})
        await self.call("Page.navigate", {"url": url})

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = await self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    async def screen(self) -> str:
        """The text the app has sent to the page so far, in the order it was drawn, without escape codes."""
        return ESCAPES.sub("", str(await self.evaluate("window.__screen || ''")))

    async def wait_for_text(self, text: str, deadline: float) -> str:
        """Poll the app's output until ``text`` appears in it."""
        while True:
            screen = await self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never reached the page; it got {len(screen)} characters")
            await asyncio.sleep(0.2)

    async def type(self, text: str) -> None:
        """Type characters into the terminal, one key at a time."""
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        for char in text:
            await self.call("Input.dispatchKeyEvent", {"type": "keyDown", "text": char, "key": char})
            await self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})

    async def screenshot(self, path: Path) -> bytes:
        """Save a PNG of the page and return its bytes."""
        data = base64.b64decode((await self.call("Page.captureScreenshot", {"format": "png"}))["data"])
        path.write_bytes(data)
        return data

    async def close_page(self) -> None:
        """Close the page, as a user closing the tab."""
        await self.call("Target.closeTarget", {"targetId": self.target}, page=False)
        self.session = ""

    def requested_urls(self) -> list[str]:
        """Every URL the page asked for, websocket included."""
        urls = []
        for event in self.events:
            if event.get("method") == "Network.requestWillBeSent":
                urls.append(event["params"]["request"]["url"])
            elif event.get("method") == "Network.webSocketCreated":
                urls.append(event["params"]["url"])
        return urls

    async def stop(self) -> None:
        """Close the connection and end Chromium (only the process this object started)."""
        if self.socket is not None:
            await self.socket.close()
        if self.http is not None:
            await self.http.close()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text().splitlines()
    except OSError:
        return []


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not os.path.exists(CHROMIUM):
        return "Chromium is not installed (Debian: apt-get install chromium)"
    return None
