// Point textual.js at this page's own websocket before its onload handler runs.
//
// The URL is worked out from the page's address, so the page works unchanged
// behind a reverse proxy that serves it under https or a sub-path, and the
// server never needs to know the name it is reached by.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const here = new URL(window.location.href);
  const scheme = here.protocol === "https:" ? "wss:" : "ws:";
  const folder = here.pathname.replace(/[^/]*$/, "");
  const size = parseInt(here.searchParams.get("fontsize") || "16", 10);
  for (const terminal of document.querySelectorAll(".textual-terminal")) {
    terminal.dataset.sessionWebsocketUrl = `${scheme}//${here.host}${folder}ws`;
    terminal.dataset.fontSize = String(size >= 6 && size <= 48 ? size : 16);
  }
  document.getElementById("restart").addEventListener("click", () => {
    window.location.href = here.pathname;
  });
});
