"""What every export format is: a `Renderer`, from the consented copy of a passport (and the consent) to the
bytes that leave the desk. `sharing.export` calls one; `registry.renderer_for` makes one per format."""

from __future__ import annotations

from collections.abc import Callable

from assistant.passport.consent import Consent
from assistant.passport.model import Passport

Renderer = Callable[[Passport, Consent], bytes]
