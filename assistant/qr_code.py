"""QR codes of a take-along address (`take_along`), for the screen and for paper, made with segno (pure
Python): the module matrix, as SVG for the web kiosk, as half-block characters for the terminal kiosk.
The PDF draws the matrix itself, one square per dark module (`export.pdf_layout`).

Error correction M (15 %): a printed code that is a little creased or dirty still reads. Quiet zone of
4 modules, as the standard asks: a phone finds the code more easily.
"""

from __future__ import annotations

import segno

QUIET_ZONE = 4


def matrix(text: str) -> list[list[bool]]:
    """Rows of modules, dark = True, with the quiet zone around them."""
    code = segno.make_qr(text, error="m", boost_error=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def svg(text: str, scale: int = 6) -> str:
    """An inline SVG (no XML declaration), black on white, for a page."""
    code = segno.make_qr(text, error="m", boost_error=False)
    return str(code.svg_inline(scale=scale, border=QUIET_ZONE, dark="#000", light="#fff"))


def text_lines(text: str) -> list[str]:
    """Two module rows per line, in half blocks: dark is drawn as space on a light background, so the code
    reads on a dark terminal too (the light parts are the drawn ones)."""
    rows = matrix(text)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    glyph = {(False, False): "█", (False, True): "▀", (True, False): "▄", (True, True): " "}
    return [
        "".join(glyph[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
