"""The plain-language check (`assistent check-language`): every Dutch text a person sees, checked for
short sentences, familiar words, one question per screen, and an easy Flesch-Douma score. Readability
scores are computed per group of texts (the dialogue, each catalogue file, the kiosk screens), because a
formula over sentence and word length says nothing about a two-word button on its own.

Words count as familiar when wordfreq gives them a Zipf frequency of at least 3 (common Dutch), when they
are a form of such a word ("laadde" -> "laden", "getypt" -> "typen": spaCy lookup lemma or same stem, with
the tools of `assistant.skills.nlp`), when they are compounds of such words ("vrachtwagenchauffeur"), or
when `locales/reviewed_words.yaml` lists them with a reason (work words the people at the kiosk use every
day, such as "heftruck").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.config import PACKAGE_DIR, REPO_ROOT
from assistant.i18n import LOCALES_DIR

MAX_WORDS_PER_SENTENCE = 12
MIN_FLESCH_DOUMA = 80.0
REVIEWED_WORDS = LOCALES_DIR / "reviewed_words.yaml"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
# Dutch vowel groups that are spoken as one syllable.
_SYLLABLE = re.compile(
    r"(?:aai|ooi|oei|eeuw|ieuw|ij|ei|ui|oe|au|ou|ie|eu|aa|ee|oo|uu|[aeiouyàáâäèéêëìíîïòóôöùúûü])"
)


@dataclass(frozen=True)
class Problem:
    """One violation: where ("file: id/field" or "file:line"), the text it is about, and what is wrong."""

    where: str
    text: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}: {self.text!r}" if self.text else f"{self.where}: {self.what}"


def syllables(word: str) -> int:
    return max(1, len(_SYLLABLE.findall(word.lower())))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def words(text: str) -> list[str]:
    return _WORD.findall(_PLACEHOLDER.sub(" ", text))


def flesch_douma(text: str) -> float:
    """206.835 - 0.93 x words per sentence - 77 x syllables per word (Douma's Dutch Flesch)."""
    ws = words(text)
    if not ws:
        return 100.0
    per_sentence = len(ws) / max(1, len(sentences(text)))
    per_word = sum(syllables(w) for w in ws) / len(ws)
    return 206.835 - 0.93 * per_sentence - 77 * per_word


class ReviewedWordsError(ValueError):
    """The reviewed-words file is broken, or a word in it has no reason."""


def load_reviewed(path: Path = REVIEWED_WORDS) -> dict[str, str]:
    """The reviewed words, lower-cased; a word without a reason is an error, so each one was thought about."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    reviewed = data.get("words") if isinstance(data, dict) else None
    if not isinstance(reviewed, dict):
        raise ReviewedWordsError(f"{path}: 'words' moet een lijst zijn van 'woord: reden'")
    missing = [str(w) for w, reason in reviewed.items() if not str(reason or "").strip()]
    if missing:
        raise ReviewedWordsError(f"{path}: geen reden bij {', '.join(missing[:5])}")
    return {str(w).lower(): str(r) for w, r in reviewed.items()}


#: Letters that join the parts of a Dutch compound: "vakkenvuller", "ondernemerszin". A joining "e" is
#: left out: it is rare in today's spelling, and it let nonsense through ("metse|len" as "mets" + "len").
_LINKS = ("s", "en")
MIN_PART = 3
"""Parts of a compound have at least three letters ("begrip|vol", "ondernemers|zin")."""


class Checker:
    """Checks one text at a time; the word lists are built once (about two seconds)."""

    def __init__(self, reviewed: dict[str, str] | None = None) -> None:
        from assistant.skills.lemmas import dutch_lemmas
        from assistant.skills.word_lists import common_words

        self.common = common_words()
        self.reviewed = load_reviewed() if reviewed is None else reviewed
        self.known = self.common | frozenset(self.reviewed)
        self.lemmas = dutch_lemmas()
        # Sorted, to find the known words that begin like a word's stem; stemming all 30,000 words up
        # front would take seconds, and only a few hundred words ever need it.
        self.sorted_known = sorted(self.known)
        self._cache: dict[str, bool] = {}

    def familiar(self, word: str) -> bool:
        """Common Dutch, reviewed, a form of either, or a compound of them ("schrob|machine")."""
        w = word.lower().replace("’", "'")
        if w not in self._cache:
            if "-" in w:
                # "cv-ketel", "e-mailadres": each part on its own.
                self._cache[w] = all(self.familiar(part) for part in w.split("-") if part)
            else:
                self._cache[w] = len(w) <= 2 or self._form_of_known(w) or self._compound(w)
        return self._cache[w]

    def _form_of_known(self, w: str) -> bool:
        from assistant.skills.nlp import same_word

        if w in self.known or self.lemmas.get(w) in self.known:
            return True
        # same_word compares stems, and rejects pairs of very different length: "houdbaarheid" is not a
        # form of "houdbaar".
        return any(same_word(w, other) for other in self._begin_like_stem(w))

    def _begin_like_stem(self, w: str) -> list[str]:
        """Known words that begin like the stem of `w`, with or without "ge-" ("getypt" -> "typen")."""
        from bisect import bisect_left

        from assistant.skills.nlp import stem

        s = stem(w)
        bare = w[2:] if w.startswith("ge") else w
        if len(s) < 0.6 * len(bare):
            return []  # the stemmer cut off most of the word ("metselde" -> "met"): no form to compare
        # A stem may differ from the word in its last letters ("laad" for "laden"), so those are left out.
        prefix = s[: max(3, len(s) - 2)]
        found = []
        for start in (prefix, "ge" + prefix):
            i = bisect_left(self.sorted_known, start)
            while i < len(self.sorted_known) and self.sorted_known[i].startswith(start):
                found.append(self.sorted_known[i])
                i += 1
        return found

    def _compound(self, w: str) -> bool:
        """Known parts, head last; the head may be inflected by the lemma table ("pallet|wagens").

        Stems are not used on parts: a stem match on a piece of a word would accept nonsense splits
        such as "stress|best|endig".
        """
        for i in range(MIN_PART, len(w) - MIN_PART + 1):
            left, right = w[:i], w[i:]
            lefts = (left, *(left[: -len(x)] for x in _LINKS if left.endswith(x)))
            if not any(len(part) >= MIN_PART and part in self.known for part in lefts):
                continue
            if right in self.known or self.lemmas.get(right) in self.known or self._compound(right):
                return True
        return False

    def check(self, where: str, text: str, is_question: bool = False) -> list[Problem]:
        problems = []
        for sentence in sentences(text):
            count = len(words(sentence))
            if count > MAX_WORDS_PER_SENTENCE:
                problems.append(
                    Problem(where, sentence, f"zin van {count} woorden (max {MAX_WORDS_PER_SENTENCE})")
                )
        unknown = sorted({w for w in words(text) if not self.familiar(w)})
        if unknown:
            problems.append(Problem(where, text, "moeilijke woorden: " + ", ".join(unknown)))
        if is_question:
            problems.extend(self.one_question(where, text))
        return problems

    @staticmethod
    def one_question(where: str, screen: str) -> list[Problem]:
        """A screen (question, help and example together) asks one thing: at most one question mark."""
        if screen.count("?") > 1:
            return [Problem(where, screen, "meer dan een vraag op een scherm")]
        return []


#: Texts for staff, not for the person at the kiosk: command line, coach screens, data-file errors.
STAFF_SOURCES = (
    "assistant/cli/",
    "assistant/i18n_build.py",
    "assistant/ui/coach_",
    "assistant/coach_accounts.py",
    "assistant/serve.py",
)
STAFF_ERROR_CODES = ("E2", "E4")


@dataclass(frozen=True)
class Text:
    """One text a person sees, and where it comes from."""

    group: str
    """The readability group: a dialogue file, a catalogue file, or "kiosk-scherm" for the program's texts."""
    where: str
    text: str


def collect_texts() -> list[Text]:
    """Every Dutch text a person at the kiosk sees, with the file and id it comes from."""
    from assistant.errors import MESSAGES
    from assistant.i18n_build import extract

    staff_errors = {text for code, text in MESSAGES.items() if code.startswith(STAFF_ERROR_CODES)}
    places = _yaml_places()
    out = []
    for message in extract():
        if not message.id or not isinstance(message.id, str) or message.id in staff_errors:
            continue
        locations = message.locations or [("?", 0)]
        if locations[0][0].startswith(STAFF_SOURCES):
            continue
        # The first place where the text is ours; a text that is only a cited CompetentNL label is quoted
        # as published, not ours to rewrite, and is left out.
        found = [(file, line, places.get((file, message.id))) for file, line in locations]
        ours = [(file, line, place) for file, line, place in found if place or not file.endswith(".yaml")]
        if not ours:
            continue
        file, line, place = ours[0]
        group = file if not file.startswith("assistant/") or "catalogue" in file else "kiosk-scherm"
        where = f"{file}: {place}" if place else (f"{file}:{line}" if line else file)
        out.append(Text(group, where, message.id))
    return out


def _dialogue_files() -> list[Path]:
    return [p for p in sorted((REPO_ROOT / "dialogues").glob("*.yaml")) if p.name != "pictures.yaml"]


def _yaml_places() -> dict[tuple[str, str], str]:
    """(file, text) -> "id/field" of the first place the text is ours; the same walk as the extractor."""
    from assistant.i18n_build import CATALOGUE_KEYS, CITED_KEYS, DIALOGUE_KEYS

    found: dict[tuple[str, str], str] = {}

    def walk(file: str, node: object, trail: tuple[str, ...], keys: tuple[str, ...]) -> None:
        if isinstance(node, list):
            for item in node:
                walk(file, item, trail, keys)
            return
        if not isinstance(node, dict):
            return
        own = node.get("id") or node.get("sector") or str(node.get("uri") or "").rsplit("/", 1)[-1]
        here = (*trail, str(own)) if own else trail
        for key, value in node.items():
            if key in CITED_KEYS or (key == "label" and _is_cited_capability(file, node)):
                continue
            if key in keys and isinstance(value, str):
                found.setdefault((file, value), "/".join((*here, str(key))))
            else:
                walk(file, value, here, keys)

    files = [(p, DIALOGUE_KEYS) for p in _dialogue_files()]
    files += [(p, CATALOGUE_KEYS) for p in sorted((PACKAGE_DIR / "catalogue").rglob("*.yaml"))]
    for path, keys in files:
        data = _load_yaml(path)
        # The file's own id ("intake", the sector name) is in the file name already.
        for value in data.values() if isinstance(data, dict) else ():
            walk(str(path.relative_to(REPO_ROOT)), value, (), keys)
    return found


def _load_yaml(path: Path) -> object:
    # The C loader when PyYAML has it: the sector files are long, and the check should take seconds.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _is_cited_capability(file: str, node: dict[str, object]) -> bool:
    # In capabilities.yaml `label` is the CompetentNL name itself; the kiosk shows `plain` instead.
    return file.endswith("capabilities.yaml") and "plain" in node


def collect_screens() -> list[tuple[str, str]]:
    """(where, screen text) per dialogue question: the question, its help and its example together."""
    screens = []
    for path in _dialogue_files():
        data = _load_yaml(path)
        questions = data.get("questions") if isinstance(data, dict) else None
        for q in questions or []:
            if isinstance(q, dict) and isinstance(q.get("text"), str):
                parts = [q.get(key) for key in ("text", "help", "placeholder")]
                screen = " ".join(p for p in parts if isinstance(p, str))
                screens.append((f"{path.relative_to(REPO_ROOT)}: {q.get('id')}", screen))
    return screens


@dataclass
class Report:
    problems: list[Problem]
    scores: dict[str, float]
    """Flesch-Douma per group of texts (a dialogue, a catalogue file, the kiosk screens)."""
    texts: int


def run(checker: Checker | None = None) -> Report:
    """Checks every text and every dialogue screen, and scores each group."""
    checker = checker or Checker()
    problems: list[Problem] = []
    grouped: dict[str, list[str]] = {}
    texts = collect_texts()
    for item in texts:
        problems.extend(checker.check(item.where, item.text))
        # Readability is a property of running sentences; button labels and names are left out of it.
        if item.text.rstrip().endswith((".", "?", "!")) and len(words(item.text)) >= 3:
            grouped.setdefault(item.group, []).append(item.text)
    for where, screen in collect_screens():
        problems.extend(checker.one_question(where, screen))
    scores = {group: flesch_douma(" ".join(items)) for group, items in sorted(grouped.items())}
    for group, score in scores.items():
        if score < MIN_FLESCH_DOUMA:
            problems.append(
                Problem(group, "", f"Flesch-Douma {score:.0f} (doel {MIN_FLESCH_DOUMA:.0f} of meer)")
            )
    return Report(problems, scores, len(texts))


def report_lines(report: Report) -> list[str]:
    """What `assistent check-language` prints: each problem, the score per group, and a summary."""
    lines = [str(problem) for problem in report.problems]
    lines.append(f"Flesch-Douma per groep (doel {MIN_FLESCH_DOUMA:.0f} of meer):")
    lines.extend(f"  {score:5.1f}  {group}" for group, score in report.scores.items())
    if report.problems:
        lines.append(f"{report.texts} teksten gecontroleerd: {len(report.problems)} problemen.")
    else:
        lines.append(f"{report.texts} teksten gecontroleerd: alles in orde.")
    return lines
