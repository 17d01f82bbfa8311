"""Exports of a passport, each made from the part a consent allows: JSON (the record, valid against the
committed schema), PDF (A4, at most 4 pages) and Open Badges 3.0 credentials signed by the desk.
`registry` names the formats and makes the renderer of each; every caller asks it, not the modules."""
