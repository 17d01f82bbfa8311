"""The "more below" line under a part of the screen that scrolls: with large text on a small screen only a
few choices fit, and a person who reads little does not take a thin scroll bar as a sign that more follow.

The line is shown while there is more below and hidden (its room kept, so nothing moves) at the end; a tap
on it scrolls down one page, for a touch screen where sliding a finger does nothing.
"""

from __future__ import annotations

from textual import events
from textual.containers import ScrollableContainer
from textual.widgets import Static


class MoreBelow(Static):
    def __init__(self, text: str, scrolling_id: str) -> None:
        super().__init__(text, classes="more-below")
        self.scrolling_id = scrolling_id

    def _scrolling(self) -> ScrollableContainer:
        return self.screen.query_one(f"#{self.scrolling_id}", ScrollableContainer)

    def on_mount(self) -> None:
        scrolling = self._scrolling()
        # A scroll, or a change of what is in it (large text makes every choice taller), can change the answer.
        self.watch(scrolling, "scroll_y", self.update_shown, init=False)
        self.watch(scrolling, "virtual_size", self.update_shown, init=False)
        self.visible = False
        self.call_after_refresh(self.update_shown)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.update_shown)

    def update_shown(self, *_changed: object) -> None:
        scrolling = self._scrolling()
        self.visible = scrolling.scroll_y < scrolling.max_scroll_y

    def on_click(self, event: events.Click) -> None:
        self._scrolling().scroll_page_down(animate=False)
