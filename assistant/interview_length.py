"""How long the interview takes, as the welcome screen promises it ("Het duurt ongeveer 20 minuten.").

`WELCOME_MINUTES` is what `benchmarks/profiles.py` measured: the average estimated duration of the whole
interviews in `tests/data/profiles.yaml` (every question screen and every "Klopt dit?" screen, heard
aloud and answered), rounded up to a multiple of 5 minutes. Measured on 2026-12-04 with the precision-first
proposals: 18.5 minutes on average over 14 profiles (at most 22.9), 10.7 "Klopt dit?" screens, so 20.
Before that change: 20.3 minutes and 17.2 "Klopt dit?" screens. `tests/test_profiles.py` fails when it is not the
measured average rounded up: after a change to the dialogue or to the skill proposals, run
`python -m benchmarks.profiles` and set the new number here.
"""

from __future__ import annotations

WELCOME_MINUTES = 20
