"""The plain-language check (`assistent check-language`): every Dutch text a person sees, checked for
short sentences, familiar words, one question per screen, and an easy Flesch-Douma score. Readability
scores are computed per group of texts (the dialogue, each catalogue file, the kiosk screens), because a
formula over sentence and word length says nothing about a two-word button on its own.

Words count as familiar when wordfreq gives them a Zipf frequency of at least 3 (common Dutch), when they
are compounds of such words ("vrachtwagenchauffeur"), or when `locales/reviewed_words.yaml` lists them
with a reason (work words the people at the kiosk use every day, such as "heftruck").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.config import REPO_ROOT

MAX_WORDS_PER_SENTENCE = 12
MIN_FLESCH_DOUMA = 80.0
REVIEWED_WORDS = REPO_ROOT / "locales" / "reviewed_words.yaml"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
# Dutch vowel groups that are spoken as one syllable.
_SYLLABLE = re.compile(
    r"(?:aai|ooi|oei|eeuw|ieuw|ij|ei|ui|oe|au|ou|ie|eu|aa|ee|oo|uu|[aeiouyàáâäèéêëìíîïòóôöùúûü])"
)


@dataclass(frozen=True)
class Problem:
    where: str
    text: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}: {self.text!r}"


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


def load_reviewed(path: Path = REVIEWED_WORDS) -> dict[str, str]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    reviewed = data.get("words", {})
    missing = [w for w, reason in reviewed.items() if not str(reason or "").strip()]
    if missing:
        raise ValueError(f"{path.name}: geen reden bij {', '.join(missing[:5])}")
    return {str(w).lower(): str(r) for w, r in reviewed.items()}


class Checker:
    def __init__(self, reviewed: dict[str, str] | None = None) -> None:
        from collections import Counter

        from assistant.skills.nlp import common_words
        from assistant.skills.ranking import CompoundSplitter

        self.common = common_words()
        self.reviewed = load_reviewed() if reviewed is None else reviewed
        self.splitter = CompoundSplitter(Counter({w: 1 for w in self.common if len(w) >= 3}))

    def familiar(self, word: str) -> bool:
        w = word.lower()
        if w in self.common or w in self.reviewed or len(w) <= 2:
            return True
        parts = self.splitter.split(w)
        return len(parts) > 1 and all(p in self.common or p in self.reviewed for p in parts)

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
        if is_question and text.count("?") > 1:
            problems.append(Problem(where, text, "meer dan een vraag op een scherm"))
        return problems


#: Texts for staff, not for the person at the kiosk: command line, coach screens, data-file errors.
STAFF_SOURCES = ("assistant/cli.py", "assistant/i18n_build.py", "assistant/ui/coach_app.py")
STAFF_ERROR_CODES = ("E2", "E4")


def collect_texts() -> list[tuple[str, str, str, bool]]:
    """(group, where, text, is_question) for every Dutch text a person at the kiosk sees."""
    from assistant.errors import MESSAGES
    from assistant.i18n_build import extract

    staff_errors = {text for code, text in MESSAGES.items() if code.startswith(STAFF_ERROR_CODES)}
    dialogue_questions = _dialogue_questions()
    out = []
    for message in extract():
        if not message.id or not isinstance(message.id, str) or message.id in staff_errors:
            continue
        file, line = message.locations[0] if message.locations else ("?", 0)
        if file.startswith(STAFF_SOURCES):
            continue
        where = f"{file}:{line}" if line else file
        group = file if not file.startswith("assistant/") or "catalogue" in file else "kiosk-scherm"
        if file.startswith("dialogues/"):
            where = f"{file}: vraag {dialogue_questions.get(message.id, '-')}"
        out.append((group, where, message.id, message.id in dialogue_questions))
    return out


def _dialogue_questions() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((REPO_ROOT / "dialogues").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for q in data.get("questions", []) or []:
            if isinstance(q, dict) and isinstance(q.get("text"), str):
                found.setdefault(q["text"], str(q.get("id")))
    return found


@dataclass
class Report:
    problems: list[Problem]
    scores: dict[str, float]
    """Flesch-Douma per group of texts (a dialogue, a catalogue file, the kiosk screens)."""
    texts: int


def run() -> Report:
    checker = Checker()
    problems: list[Problem] = []
    grouped: dict[str, list[str]] = {}
    texts = collect_texts()
    for group, where, text, is_question in texts:
        problems.extend(checker.check(where, text, is_question))
        # Readability is a property of running sentences; button labels and names are left out of it.
        if text.rstrip().endswith((".", "?", "!")) and len(words(text)) >= 3:
            grouped.setdefault(group, []).append(text)
    scores = {group: flesch_douma(" ".join(items)) for group, items in sorted(grouped.items())}
    for group, score in scores.items():
        if score < MIN_FLESCH_DOUMA:
            problems.append(
                Problem(group, "", f"Flesch-Douma {score:.0f} (doel {MIN_FLESCH_DOUMA:.0f} of meer)")
            )
    return Report(problems, scores, len(texts))
