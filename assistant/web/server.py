"""Runs the web kiosk: uvicorn on loopback (unless another host is chosen) with the app over one context.

`make_server` gives a `uvicorn.Server` a test can run in a thread (`server.run()`) and stop
(`server.should_exit = True`); `assistent web` runs it in the foreground.
"""

from __future__ import annotations

import uvicorn

from assistant.context import AppContext
from assistant.web.app import make_app
from assistant.web.speech import SpeechFiles

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


def make_server(
    context: AppContext, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, speech: bool = True
) -> uvicorn.Server:
    """The server for one desk; `speech` False draws pages without audio."""
    files = SpeechFiles(context.settings.data_dir / "spraak") if speech else None
    app = make_app(context, files)
    # One worker process: the desk's one interview lives in it. Access logs would name every step taken.
    config = uvicorn.Config(app, host=host, port=port, workers=1, access_log=False, log_level="warning")
    return uvicorn.Server(config)
