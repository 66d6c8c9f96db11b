"""The browser page of ``planscope serve``: its HTML, its own assets and the server around them."""
