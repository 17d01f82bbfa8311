"""Where the words of a catalogue term stand in an answer: the best place for all of them together, whether
that place crosses a clause or is negated, and the particles of Dutch separable verbs ("ik los het op")."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.skills.nlp import CLAUSE_BREAKS, NEGATIONS, PARTICLES, STOPWORDS, Token


@dataclass(frozen=True, slots=True)
class Hit:
    score: float
    first: int
    last: int


def separable_verbs(tokens: list[Token]) -> list[tuple[int, str]]:
    """(verb position, particle) for a particle that closes the clause: "ik los problemen op" -> "op" + "los"."""
    found = []
    for j, tok in enumerate(tokens):
        if tok.lower not in PARTICLES:
            continue
        if j + 1 < len(tokens) and tokens[j + 1].lower not in CLAUSE_BREAKS:
            continue
        i = j - 1
        while i >= 0 and j - i <= 8 and tokens[i].lower not in CLAUSE_BREAKS:
            if tokens[i].is_word and tokens[i].lower not in STOPWORDS and tokens[i].lower not in PARTICLES:
                found.append((i, tok.lower))
            i -= 1
    return found


def best_hit(words: tuple[str, ...], positions: dict[str, list[tuple[int, float]]]) -> Hit | None:
    """The strongest place where all `words` occur close together."""
    if any(w not in positions for w in words):
        return None
    if len(words) == 1:
        i, score = max(positions[words[0]], key=lambda p: p[1])
        return Hit(score * 0.9, i, i)
    window = len(words) + 3
    best: Hit | None = None
    for anchor, anchor_score in positions[words[0]]:
        picked = [(anchor, anchor_score)]
        for w in words[1:]:
            near = [p for p in positions[w] if abs(p[0] - anchor) <= window]
            if not near:
                break
            # Of equally good places the closest: in "de datum, wat over datum is" the second "datum"
            # belongs to "over", the first lies across the comma.
            picked.append(max(near, key=lambda p: (p[1], -abs(p[0] - anchor))))
        else:
            mean = sum(s for _, s in picked) / len(picked)
            bonus = 0.85 + 0.05 * min(len(words), 3)
            idx = [p for p, _ in picked]
            hit = Hit(mean * bonus, min(idx), max(idx))
            if best is None or hit.score > best.score:
                best = hit
    return best


def crosses_clause(tokens: list[Token], hit: Hit) -> bool:
    """The words of one term belong to one clause: "schoonmaken, prullebakken legen en tafels afnemen"
    does not hold "tafels schoonmaken"."""
    return any(tokens[i].lower in HARD_BREAKS for i in range(hit.first + 1, hit.last))


#: Breaks a term never spans; "en" and "of" may sit inside a term ("wassen en strijken").
HARD_BREAKS = CLAUSE_BREAKS - {"en", "of"}


def is_negated(tokens: list[Token], hit: Hit) -> bool:
    """A negation in the same clause: between the matched words, or up to three words before or after."""
    if any(tokens[i].lower in NEGATIONS for i in range(hit.first, hit.last + 1)):
        return True
    for step, limit, start in ((-1, 3, hit.first - 1), (1, 3, hit.last + 1)):
        i = start
        for _ in range(limit):
            if i < 0 or i >= len(tokens) or tokens[i].lower in CLAUSE_BREAKS:
                break
            if tokens[i].lower in NEGATIONS:
                return True
            i += step
    return False
