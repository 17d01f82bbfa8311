"""The Textual apps (kiosk and coach). Thin: screens show state and call the logic modules."""
