"""SVG snapshot of "Wat wilt u hierna?", the kiosk's direction screen, for a bricklayer's passport.

Deterministic as tests/test_snapshots.py is: a fixed terminal size, Dutch, no speech, no idle timer, a steady
cursor. The dots and skills come from the catalogue, so a change in an occupation's skills changes the
picture: look at it and accept it with
`.venv/bin/pytest tests/test_kiosk_direction_snapshot.py --snapshot-update`.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from assistant.ui.app import KioskApp
from assistant.ui.direction_screens import DirectionScreen
from assistant.ui.screens import EndScreen
from tests.test_occupations import passport_with
from tests.test_snapshots import SIZE, app  # noqa: F401  (the deterministic kiosk fixture)


async def _directions(pilot: Pilot) -> None:
    kiosk = pilot.app
    assert isinstance(kiosk, KioskApp)
    passport = passport_with(
        kiosk.context.catalogue,
        {"bouw.metselen": "confirmed", "bouw.voegen": "confirmed", "bouw.specie_mengen": "confirmed"},
    )
    passport = passport.model_copy(update={"id": "snapshot-passport"})
    kiosk.context.store.save_passport(passport)
    await pilot.pause()
    kiosk._show_end(passport, None)
    await pilot.pause()
    assert isinstance(kiosk.screen, EndScreen)
    kiosk.screen.query_one("#directions").scroll_visible(animate=False)
    await pilot.pause()
    await pilot.click("#directions")
    await pilot.pause()
    assert isinstance(kiosk.screen, DirectionScreen)
    for field in kiosk.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_snapshot_direction(app: KioskApp, snap_compare) -> None:  # noqa: F811
    assert snap_compare(app, terminal_size=SIZE, run_before=_directions)
