"""The kiosk's two colour themes: the normal one, and one with strong contrast for people who see less well.

Strong contrast is white and yellow on black, the combination that is easiest to read for most people
with low vision; focus and selection are shown by colour and by a bold frame, never by colour alone.
"""

from __future__ import annotations

from textual.theme import Theme

NORMAL = "textual-dark"
HIGH_CONTRAST = "kiosk-hoog-contrast"

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF6060",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "button-foreground": "#FFFFFF",
        "button-color-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "text-muted": "#FFFFFF",
        "border": "#FFFFFF",
    },
)
