"""Dutch text analysis: spaCy's blank Dutch pipeline with lookup lemmas, plus word stems and inflection rules.

The spaCy lemma table covers common irregular forms ("gereden" -> "rijden"); the Snowball stemmer and a
small rule for Dutch endings and the "ge-" of past participles cover the regular ones ("metselde",
"gemetseld" -> "metsel").
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import snowballstemmer

from assistant.skills.word_lists import common_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken

#: Words that carry no skill meaning; they are never matched on their own.
STOPWORDS = frozenset(
    {
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "in",
        "op",
        "met",
        "voor",
        "aan",
        "bij",
        "naar",
        "uit",
        "te",
        "om",
        "als",
        "die",
        "dat",
        "dit",
        "deze",
        "ik",
        "u",
        "je",
        "jij",
        "mijn",
        "me",
        "mij",
        "we",
        "wij",
        "ze",
        "zij",
        "hij",
        "haar",
        "hem",
        "ons",
        "onze",
        "jullie",
        "er",
        "is",
        "was",
        "ben",
        "bent",
        "zijn",
        "heb",
        "hebt",
        "heeft",
        "had",
        "hadden",
        "ook",
        "nog",
        "al",
        "wel",
        "dan",
        "maar",
        "want",
        "toen",
        "wat",
        "wie",
        "waar",
        "hoe",
        "dus",
        "zo",
        "heel",
        "veel",
        "erg",
        "meer",
        # How often, never what: "meestal" was split into "mee" + "stal" (mucking out a stable), and
        # "soms" read as "sommen" (sums). No catalogue term holds one of these.
        "soms",
        "meestal",
        "vaak",
        "weleens",
    }
)
#: Words that cancel a skill in their clause; "moeilijk" and "slecht" as in "lezen is moeilijk".
NEGATIONS = frozenset({"niet", "nooit", "geen", "nergens", "niks", "niets", "moeilijk", "slecht"})
CLAUSE_BREAKS = frozenset({".", ",", ";", "!", "?", "maar", "want", "en", "of", ":"})
#: Particles of Dutch separable verbs: "ik los het op" is "oplossen", "ik maak schoon" is "schoonmaken".
PARTICLES = frozenset(
    {
        "op",
        "af",
        "uit",
        "mee",
        "aan",
        "in",
        "door",
        "over",
        "terug",
        "weg",
        "samen",
        "schoon",
        "om",
        "bij",
        "toe",
        "na",
        "vast",
        "los",
        "neer",
        "klaar",
        "rond",
        "voor",
        "open",
        "dicht",
    }
)
#: Zipf frequency from which a word counts as common Dutch: such a word is never taken for a misspelling.
_AGENT_SUFFIXES = ("ster", "sters", "ende", "enden")
_INFLECTIONS = ("", "e", "en", "n", "de", "den", "te", "ten", "d", "t", "s", "er", "ers", "ing", "ingen")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    lower: str
    lemma: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return any(ch.isalpha() for ch in self.lower)


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The shared Dutch pipeline: `spacy.blank("nl")` with the lookup lemmas of spacy-lookups-data."""
    import spacy  # imported here: the import alone takes a second, and the kiosk should appear first

    from assistant.skills.lemmas import COMPONENT

    nlp = spacy.blank("nl")
    nlp.add_pipe(COMPONENT)
    return nlp


_stemmer = snowballstemmer.stemmer("dutch")
# A Snowball stemmer keeps the word it works on in the instance: two threads at once (the web kiosk's
# requests, a ranker's batches) would stem each other's words or fail.
_stemmer_lock = threading.Lock()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem, with the "ge-" of a past participle removed first ("gemetseld" -> "metseld")."""
    if word.startswith("ge") and len(word) > 6 and not word.startswith(("gee", "gev", "gebruik")):
        word = word[2:]
    with _stemmer_lock:
        return _stemmer.stemWord(word)


def fold(text: str) -> str:
    """Lower case without accents: "Inspiciënt" -> "inspicient"."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def is_common_word(word: str) -> bool:
    """A frequent Dutch word ("vroeger", "werk"), so not a misspelling of some other word."""
    return word in common_words()


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ge") and len(word) > 6 else word


#: Two words the stemmer or the endings make one: "ouderen" (the elderly) is not "ouders" (parents), so
#: helping elderly passengers is not caring for one's own parents. The rest were found by reading the
#: 12,000 most frequent Dutch words (wordfreq) through the proposer: "ver" (far) is not "vers" (fresh),
#: "zeker" (sure) not "zekeren" (securing a load), "reeds" (already) not "gereden" (driven).
_STEM_FALSE_FRIENDS = frozenset(
    frozenset(pair)
    for pair in (
        ("ouderen", "ouders"),
        ("ouderen", "ouder"),
        ("ver", "vers"),
        ("zeker", "zekeren"),
        ("reeds", "gereden"),
        ("boord", "geboord"),
        ("reeks", "gerekend"),
        ("talent", "talen"),
        ("klinkt", "klinkers"),
        ("zekere", "zekeren"),
        ("zekere", "zekeringen"),
        ("dierbaar", "dieren"),
        ("gered", "gereden"),
        ("slagen", "slagerij"),
        ("paars", "paarden"),
        ("paarse", "paarden"),
    )
)


def similar_length(a: str, b: str) -> bool:
    """Stems alone overreach ("werkster" -> "werk"); forms of one word differ little in length."""
    if frozenset((a, b)) in _STEM_FALSE_FRIENDS:
        return False
    if a.endswith(_AGENT_SUFFIXES) != b.endswith(_AGENT_SUFFIXES):
        return False  # "werkster" is a person and "helpende" a job, not forms of "werken" and "helpen"
    x, y = len(_bare(a)), len(_bare(b))
    return min(x, y) >= 0.6 * max(x, y)


def same_word(a: str, b: str) -> bool:
    """True when `a` and `b` are forms of one word: same stem, or one root with a Dutch ending each."""
    if a == b:
        return True
    if not similar_length(a, b):
        return False
    if stem(a) == stem(b):
        return True
    for x in (a, _bare(a)):
        n = _common_prefix(x, b)
        if (
            n >= 5
            and x[n:] in _INFLECTIONS
            and b[n:] in _INFLECTIONS
            and not _past_of_two_verbs(x[n:], b[n:])
        ):
            return True
    return False


def _past_of_two_verbs(x: str, y: str) -> bool:
    """Endings that part on "d" against "t" and go on alike are two verbs: a stem ends in one of them, and
    a verb makes its past with "-de(n)" or with "-te(n)", never both. So "uitladen" (unloading) and
    "uitlaten" (walking the dog) are two words; a lone "d" or "t" may be one verb ("gemetseld", "metselt")."""
    return len(x) >= 2 and len(y) >= 2 and {x[0], y[0]} == {"d", "t"} and x[1:] == y[1:]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for ca, cb in zip(a, b, strict=False):
        if ca != cb:
            break
        n += 1
    return n


#: Spoken spellings of pronouns, read as the written word: "mn zoon" is "mijn zoon".
INFORMAL = {"mn": "mijn", "m'n": "mijn", "zn": "zijn", "z'n": "zijn", "d'r": "haar"}
#: What Dutch writes after an apostrophe on an abbreviation or a word ending in a vowel: "wc's", "bhv'er",
#: "kliko's", "A4'tje". The word itself is the part before it.
_APOSTROPHE_ENDINGS = frozenset({"s", "er", "ers", "tje", "tjes", "je", "jes"})
_OBJECTS = frozenset({"haar", "hem", "ze", "mijn", "zijn", "hun"})
_BEFORE_A_NOUN = frozenset({"de", "mijn", "zijn", "haar", "hun", "onze", "jullie", "vuile", "schone"})


def _lemma(lower: str, lemma: str) -> str:
    base, mark, ending = lower.partition("'")
    if mark and len(base) >= 2 and ending in _APOSTROPHE_ENDINGS:
        return base
    return lemma


def _next_lower(doc: Doc, token: SpacyToken) -> str:
    """The next word as written out ("mn" is "mijn"), or "" at the end."""
    following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return INFORMAL.get(following, following)


def analyse(text: str) -> list[Token]:
    """Tokens of `text` with lower-case form, lemma and character offsets into `text`."""
    doc = pipeline()(text)
    tokens: list[Token] = []
    for t in doc:
        lower = INFORMAL.get(t.lower_, t.lower_)
        if lower == "was" and tokens and tokens[-1].lower in _BEFORE_A_NOUN:
            # "de was doen" is laundry, not the past of "zijn", which is a stop word and never matched.
            lower = "wasgoed"
        elif t.lower_ == "was" and tokens and tokens[-1].lower == "ik" and _next_lower(doc, t) in _OBJECTS:
            # "ik was haar" is washing her; "ik was ziek" stays the past of "zijn".
            lower = "wassen"
        lemma = lower if lower != t.lower_ else _lemma(lower, (t.lemma_ or t.lower_).lower())
        tokens.append(Token(text=t.text, lower=lower, lemma=lemma, start=t.idx, end=t.idx + len(t.text)))
    return tokens


@lru_cache(maxsize=1)
def _common_by_start() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for word in common_words():
        if len(word) >= 6:
            index.setdefault(word[:2], []).append(word)
    return index


@lru_cache(maxsize=16384)
def misspelled_common_word(word: str) -> str | None:
    """The common Dutch word that `word` is a slip of ("boodschapen" -> "boodschappen"), or None.

    A slip of a common word must be read as that word: cut into parts it gives false compounds
    ("bood" + "schapen", sheep) and its nearest catalogue word may be something else entirely.
    """
    from rapidfuzz import fuzz, process

    if len(word) < 7 or is_common_word(word):
        return None
    candidates = [w for w in _common_by_start().get(word[:2], ()) if abs(len(w) - len(word)) <= 2]
    best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=90)
    return best[0] if best else None


def is_word_part(part: str) -> bool:
    """True when `part` can be the other half of a Dutch compound: a common word, with or without a
    linking "s", "e" or "en" ("vrachtwagen|chauffeur", "kinder|opvang", "prulle|bakken" is not)."""
    if len(part) < 3:
        return False
    return any(
        is_common_word(form)
        for form in (
            part,
            part[:-1] if part.endswith(("s", "e")) else "",
            part[:-2] if part.endswith("en") else "",
        )
        if len(form) >= 3
    )
