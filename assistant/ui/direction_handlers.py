"""What the kiosk app does when the holder chooses a direction after the passport: compute the occupations
that fit (`assistant.development.direction`), find one by a typed name with the interview's matcher, offer
the next steps towards it, and save the chosen direction and steps (at most three) in the passport as a
new version made by the holder. A step that fails shows a kind message and changes nothing.

A base class of `KioskApp` (Textual finds message handlers along the class chain), kept apart so the app's
routing stays small.
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import App

from assistant.context import AppContext
from assistant.development.direction import Direction, direction_for, directions
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import steps_for_direction, wish_key
from assistant.development.wishes import choose_direction, choose_steps
from assistant.errors import AssistantError, InputError
from assistant.interview.access import HOLDER
from assistant.passport.model import Passport
from assistant.skills.search import search_occupations
from assistant.ui.direction_screens import (
    DirectionPicked,
    DirectionRequested,
    DirectionScreen,
    OccupationSearched,
)
from assistant.ui.step_screens import DirectionSavedScreen, StepsChosen, StepsScreen

#: The screens of this part, where a person's passport is on screen (the idle timer hides them too).
DIRECTION_SCREENS = (DirectionScreen, StepsScreen, DirectionSavedScreen)


def _wish_keys(passport: Passport, occupation_id: str) -> list[str]:
    """The steps saved before for this occupation, as step keys, to show them ticked again."""
    if passport.direction is None or passport.direction.occupation_id != occupation_id:
        return []
    return [wish_key(w) for w in passport.development_wishes]


class DirectionHandlers(App[None]):
    """The holder's choice of a direction and next steps; `KioskApp` sets `context` and the passport id."""

    context: AppContext
    holder_passport_id: str | None

    # Filled in by KioskApp (HolderHandlers) ---------------------------------------------------------

    def _show_error(self, exc: AssistantError) -> None:
        raise NotImplementedError

    # -------------------------------------------------------------------------------------------------

    def _learning(self) -> LearningCatalogue:
        return self.context.learning or LearningCatalogue(options={})

    def _holder_passport(self) -> Passport | None:
        pid = self.holder_passport_id
        if pid is None:
            return None
        try:
            return self.context.store.passport(pid)
        except AssistantError as exc:
            self._show_error(exc)
            return None

    def on_direction_requested(self, message: DirectionRequested) -> None:
        passport = self._holder_passport()
        if passport is None:
            return
        catalogue = self.context.catalogue
        fits = directions(passport, catalogue)
        saved = passport.direction.occupation_id if passport.direction else None
        if saved in catalogue.occupations and saved not in [d.occupation_id for d in fits]:
            # The work chosen before comes first, also when it is not among the best fits (typed, say).
            fits.insert(0, direction_for(passport, catalogue, saved))
        self.push_screen(DirectionScreen(fits, self._learning(), saved))

    def on_occupation_searched(self, message: OccupationSearched) -> None:
        screen, passport = self.screen, self._holder_passport()
        if not isinstance(screen, DirectionScreen) or passport is None:
            return
        text = message.text.strip()
        found = search_occupations(self.context.matcher, text) if text else []
        if not found:
            # The typed text stays in the field, to put right.
            self._show_error(InputError("E641", name=text or "-"))
            return
        catalogue = self.context.catalogue
        screen.show_found([direction_for(passport, catalogue, o.id) for o in found])

    def on_direction_picked(self, message: DirectionPicked) -> None:
        screen, passport = self.screen, self._holder_passport()
        if not isinstance(screen, DirectionScreen) or passport is None:
            return
        direction = message.direction
        oid = direction.occupation_id
        steps = steps_for_direction(direction, self._learning())
        ticked = screen.ticks.get(oid, _wish_keys(passport, oid))

        def keep(keys: list[str] | None) -> None:
            # Terug from the steps: what was ticked comes back when this work is chosen again.
            if keys is not None:
                screen.ticks[oid] = keys

        self.push_screen(StepsScreen(direction, steps, ticked), keep)

    def on_steps_chosen(self, message: StepsChosen) -> None:
        pid = self.holder_passport_id
        if pid is None or not isinstance(self.screen, StepsScreen):
            return
        try:
            saved = self.save_direction(pid, message.direction, message.step_keys)
        except AssistantError as exc:
            self._show_error(exc)
            return
        # The list underneath ticks the work just saved, for when the person goes back to it.
        for below in self.screen_stack:
            if isinstance(below, DirectionScreen):
                below.saved = message.direction.occupation_id
                below.refresh(recompose=True)
        self.push_screen(DirectionSavedScreen(saved))

    def save_direction(self, pid: str, direction: Direction, step_keys: list[str]) -> Passport:
        """The direction and the steps, saved together as one new version made by the holder; a coach's
        change since the passport was read is E307, and nothing is saved then."""
        store = self.context.store
        version = store.passport_version(pid)  # first: a change after this read makes the save fail
        passport = store.passport(pid)
        now = datetime.now(UTC)
        chosen = choose_direction(passport, direction, now, "holder")
        chosen = choose_steps(chosen, direction, self._learning(), step_keys, now, "holder")
        detail: dict[str, object] = {"occupation": direction.occupation_id, "steps": len(step_keys)}
        store.save_passport(
            chosen, version, actor_kind="holder", actor=HOLDER, action="direction", detail=detail
        )
        store.log_access(HOLDER, "direction-chosen", pid, detail)
        return chosen
