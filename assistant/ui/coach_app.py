"""The coach app: a login first, then the list of drafts, then one draft with its review actions, and from
a draft its export (`e`) and its direction and next steps with the conversation sheet (`g`).

Owns the app shell and the rule that nothing but the login screen exists until a coach has logged in: the
list, draft and export screens are only built with the identity the login returns. The kiosk never imports
this module (tests/test_coach_accounts.py checks both).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App
from textual.binding import Binding

from assistant.coach_accounts import CoachIdentity, LoginThrottle
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.ui.coach_direction import DirectionScreen
from assistant.ui.coach_draft_screen import DraftScreen
from assistant.ui.coach_drafts import DraftListScreen
from assistant.ui.coach_export import ExportScreen
from assistant.ui.coach_login import LoginScreen
from assistant.ui.terminal_watch import stop_when_terminal_goes

__all__ = [
    "CoachApp",
    "DirectionScreen",
    "DraftListScreen",
    "DraftScreen",
    "ExportScreen",
    "LoginScreen",
    "make_coach_app",
]

# Staff screens have more on them than kiosk screens: smaller gaps, inputs beside their buttons.
COACH_CSS = """
#login { width: 60; height: auto; padding: 1 2; }
#login Input { margin-bottom: 1; }
.actions { height: auto; }
.actions Input { width: 1fr; }
.actions Button { margin-right: 1; }
#results { height: auto; max-height: 8; }
#skills { height: auto; max-height: 16; }
"""


class CoachApp(App[None]):
    CSS_PATH = "kiosk.tcss"
    CSS = COACH_CSS
    # The command palette can reach app-wide commands; before login there must be nothing to reach.
    ENABLE_COMMAND_PALETTE = False
    # Only on an open draft (see check_action), so the login screen still has nothing to reach.
    BINDINGS = [
        Binding("e", "export", _("Exporteren")),
        Binding("g", "direction", _("Richting en volgende stappen")),
    ]

    def __init__(self, context: AppContext, throttle: LoginThrottle) -> None:
        super().__init__()
        self.context = context
        self.throttle = throttle
        self.identity: CoachIdentity | None = None

    def require_identity(self) -> CoachIdentity:
        """The logged-in coach; E310 before login."""
        if self.identity is None:
            raise AssistantError("E310")
        return self.identity

    def on_mount(self) -> None:
        self.title = _("Skillspaspoort - coach")
        stop_when_terminal_goes(self)
        self.run_worker(self.context.matcher.warm, thread=True, name="warm-up", exit_on_error=False)
        self.push_screen(LoginScreen(self.context.store, self.throttle), callback=self._logged_in)

    def _logged_in(self, identity: CoachIdentity | None) -> None:
        if identity is None:
            self.exit(return_code=1)
            return
        self.identity = identity
        self.sub_title = _("Ingelogd als {name}").format(name=identity.name)
        self.push_screen(DraftListScreen(self.context, self.require_identity()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("export", "direction"):
            return self.identity is not None and self._open_draft() is not None
        return True

    def _open_draft(self) -> DraftScreen | None:
        screen = self.screen
        return screen if isinstance(screen, DraftScreen) and screen.review is not None else None

    def action_export(self) -> None:
        """The export screen for the draft on screen, with the consents its holder gave."""
        draft = self._open_draft()
        if draft is None or draft.review is None:
            return
        nickname = draft.review.passport.person.nickname
        self.push_screen(ExportScreen(self.context, self.require_identity(), draft.passport_id, nickname))

    def action_direction(self) -> None:
        """The direction page for the draft on screen, with the same review: one version count, one undo."""
        draft = self._open_draft()
        if draft is None or draft.review is None:
            return
        review = draft.review
        self.push_screen(
            DirectionScreen(self.context, self.require_identity(), review),
            callback=lambda _result: draft.show(review.passport),
        )


def make_coach_app(context: AppContext, clock: Callable[[], float] = time.monotonic) -> CoachApp:
    """The coach app on the login screen; `clock` is for tests of the wait after wrong passwords."""
    return CoachApp(context, LoginThrottle(clock=clock))
