"""A skill the holder hides is left out of everything shared: the JSON, the PDF and the Open Badges made
under any consent, whoever makes the export. Choice (see README): a coach the holder let look still sees
it in the review, where they work on the passport with the holder; hiding is about what leaves."""

from __future__ import annotations

from datetime import date, timedelta

from assistant import sharing
from assistant.context import AppContext
from assistant.export.registry import renderer_for
from tests.test_holder_access import finished_passport
from tests.test_pdf_export import pdf_text


def test_a_hidden_skill_is_in_no_export(context: AppContext) -> None:
    store = context.store
    pid, _ = finished_passport(context)
    skills = [s for s in store.passport(pid).skills if s.status != "rejected"]
    assert skills, "the interview found a skill"
    hidden, label = skills[0].ref, skills[0].label
    consent = sharing.give_consent(
        store, pid, ["skills", "experiences"], "employer", "Bouw BV", "Solliciteren",
        date.today() + timedelta(days=30), "eigenaar",
    )  # fmt: skip

    def exported(fmt: str) -> bytes:
        renderer = renderer_for(fmt, context.settings, "nl")
        return sharing.export(store, pid, consent.id, renderer, fmt, "eigenaar")

    before = {fmt: exported(fmt) for fmt in ("json", "ob3")}
    assert hidden.encode() in before["json"] and hidden.encode() in before["ob3"], "the test can fail"
    assert label in pdf_text(exported("pdf"))[1]

    store.hide_skills(pid, frozenset({hidden}))
    for fmt in ("json", "ob3"):
        data = exported(fmt)
        assert hidden.encode() not in data and label.encode() not in data, fmt
    assert label not in pdf_text(exported("pdf"))[1]
    assert hidden in {s.ref for s in store.passport(pid).skills}, "hidden, not deleted"
