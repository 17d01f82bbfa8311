"""The JSON-LD contexts our credentials use, bundled as files in `assistant/export/contexts/`, and the one
document loader that serves them.

Canonicalising a credential (eddsa-rdfc-2022) needs its contexts. Fetching them would make a signature's
check depend on a network and on whoever answers at that address, so only the bundled files are served;
any other URL is refused (E614), and nothing is ever fetched. `SOURCES.md` beside the files says where each
one was copied from.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from assistant.errors import AssistantError

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

#: Context URL -> bundled file name.
BUNDLED: dict[str, str] = {
    VC_CONTEXT: "credentials-v2.jsonld",
    OB_CONTEXT: "ob-v3p0-context-3.0.3.json",
}

Loader = Callable[[str, Mapping[str, Any] | None], dict[str, Any]]


class UnknownContext(AssistantError):
    """A context URL that is not bundled (E614); never looked up on the network."""

    def __init__(self, url: str) -> None:
        super().__init__("E614", url=url[:200])
        self.url = url


@cache
def _bundled(name: str) -> dict[str, Any]:
    text = resources.files("assistant.export").joinpath("contexts", name).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def bundled_loader(extra: Mapping[str, Mapping[str, Any]] | None = None) -> Loader:
    """A pyld document loader that serves the bundled contexts (and `extra`, for tests that check a
    published test vector with its own example context), and refuses every other URL."""

    def load(url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
        if extra and url in extra:
            document: dict[str, Any] = dict(extra[url])
        elif url in BUNDLED:
            document = _bundled(BUNDLED[url])
        else:
            raise UnknownContext(url)
        return {"contextUrl": None, "documentUrl": url, "document": document}

    return load
