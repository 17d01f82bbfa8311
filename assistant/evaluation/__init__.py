"""How well the kiosk's skill proposals hold up, from the verdicts stored: `counting` reads the store and
counts per skill, sector and source; `report` writes the counts out for `assistent evaluate`."""

from assistant.evaluation.counting import Evaluation, evaluate
from assistant.evaluation.report import empty_message, render_json, render_text

__all__ = ["Evaluation", "empty_message", "evaluate", "render_json", "render_text"]
