"""Dutch lookup lemmas from spacy-lookups-data, kept compact.

spaCy's own lookup lemmatizer holds the 213,000-entry Dutch table as a Python dict: about 70 MB. This
component gives the same lemmas (the lower-cased word looked up in the same table, as spaCy's
DutchLemmatizer does) from two sorted arrays, about 5 MB, cached in a file after the first build.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from assistant.skills.word_lists import cache_dir, common_words

COMPONENT = "compact_lemmatizer"


class CompactLemmas:
    """Lemma by the spaCy hash of the lower-cased word: sorted keys, offsets into one joined string."""

    def __init__(self, keys: np.ndarray, offsets: np.ndarray, text: str) -> None:
        self.keys = keys
        self.offsets = offsets
        self.text = text

    @classmethod
    def from_table(cls, items: list[tuple[int, str]]) -> CompactLemmas:
        items.sort()
        keys = np.fromiter((k for k, _ in items), dtype=np.uint64, count=len(items))
        lengths = np.fromiter((len(v) for _, v in items), dtype=np.int64, count=len(items))
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return cls(keys, offsets, "".join(v for _, v in items))

    def get(self, word: str) -> str | None:
        key = np.uint64(get_string_id(word))
        i = int(np.searchsorted(self.keys, key))
        if i < len(self.keys) and self.keys[i] == key:
            return self.text[self.offsets[i] : self.offsets[i + 1]]
        return None

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("wb") as handle:
            np.savez(handle, keys=self.keys, offsets=self.offsets, text=np.array(self.text))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> CompactLemmas:
        with np.load(path) as data:
            return cls(data["keys"], data["offsets"], str(data["text"]))


def _cache_file() -> Path:
    return cache_dir() / f"lemma-lookup-nl-{version('spacy-lookups-data')}.npz"


@lru_cache(maxsize=1)
def dutch_lemmas() -> CompactLemmas:
    cache = _cache_file()
    try:
        return CompactLemmas.load(cache)
    except (OSError, ValueError, KeyError):
        pass
    from spacy.lookups import load_lookups

    table = load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup")
    lemmas = CompactLemmas.from_table(list(table.items()))
    del table
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        lemmas.save(cache)
    except OSError:
        pass  # without a writable cache the table is built again next time; nothing is lost
    return lemmas


@lru_cache(maxsize=200_000)
def lemma_of(lower: str) -> str:
    return dutch_lemmas().get(lower) or lower


@Language.component(COMPONENT)
def compact_lemmatizer(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = lemma_of(token.lower_)
    return doc


if __name__ == "__main__":
    # `make setup` builds the caches once, so no kiosk ever pays the memory of building them.
    print(f"{len(dutch_lemmas().keys)} lemma's, {len(common_words())} veelgebruikte woorden")
