"""The compact lemma table gives exactly what spaCy's own Dutch lookup lemmatizer gives."""

from __future__ import annotations

import spacy

from assistant.skills.nlp import analyse

SAMPLE = "Ik heb gemetseld, gereden en tegels gezet; zij kookte en waste de kinderen. Wij hebben gewerkt"


def test_lemmas_match_spacys_lookup_lemmatizer() -> None:
    reference = spacy.blank("nl")
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    expected = [t.lemma_.lower() or t.lower_ for t in reference(SAMPLE)]
    assert [t.lemma for t in analyse(SAMPLE)] == expected
    assert "metselen" in expected and "rijden" in expected
