"""The calibrated confidence and the abstain threshold: what decides whether a person is asked at all.

The confidence must grow with the evidence, the threshold must keep what is asked right at least
TARGET_PRECISION of the time (and never drop under MIN_THRESHOLD), the lexical calibration that ships must
be the one our dev set gives today, and nothing below the threshold is ever asked."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.skills import dev_set
from assistant.skills.asking import JOB_ALONE_FLOOR, choose
from assistant.skills.assembly import as_proposer
from assistant.skills.calibration import (
    LEXICAL_FEATURES,
    MIN_THRESHOLD,
    TARGET_PRECISION,
    Calibration,
    Candidate,
    choose_threshold,
    fit_calibration,
    load_lexical,
)
from assistant.skills.calibration_fit import fit_on_dev_set
from assistant.skills.catalogue import Catalogue
from assistant.skills.logistic import Logistic
from assistant.skills.matcher import Evidence, MatchResult, SkillMatch, SkillMatcher
from assistant.skills.proposer import Proposer


def _candidate(
    catalogue: Catalogue, skill_id: str, lexical: float, words: int = 1, start: int = 0
) -> Candidate:
    text = " ".join(["woord"] * words)
    match = SkillMatch(catalogue.skills[skill_id], lexical, Evidence(text, start, start + len(text)))
    return Candidate(match, sector_fit=0, competitors=0)


def _kept_precision(p: np.ndarray, y: np.ndarray, threshold: float) -> float:
    kept = p >= threshold
    return float(y[kept].mean()) if kept.any() else 1.0


# Fitting ---------------------------------------------------------------------------------------------


def test_confidence_grows_with_the_lexical_score(catalogue: Catalogue) -> None:
    rng = np.random.default_rng(1)
    examples = []
    for i in range(600):
        lexical = float(rng.uniform(0.3, 1.0))
        right = bool(rng.random() < lexical**4)  # a closer match is right more often
        examples.append((_candidate(catalogue, "bouw.metselen", lexical, words=1 + i % 3), right))
    calibration = fit_calibration(examples, semantic=False)
    assert calibration.model.features == LEXICAL_FEATURES
    assert calibration.info["examples"] == 600
    levels = [0.35, 0.5, 0.65, 0.8, 0.95]
    confidences = [calibration.confidence(_candidate(catalogue, "bouw.metselen", v)) for v in levels]
    assert confidences == sorted(confidences) and len(set(confidences)) == len(confidences), confidences
    assert confidences[0] < 0.2 and confidences[-1] > 0.6, confidences
    # a weak match is not asked, a strong one is; the threshold is never below the floor
    assert calibration.threshold >= MIN_THRESHOLD
    assert calibration.confidence(_candidate(catalogue, "bouw.metselen", 0.35)) < calibration.threshold
    assert calibration.confidence(_candidate(catalogue, "bouw.metselen", 0.95)) >= calibration.threshold
    # stored and read back, it gives the same confidences
    again = Calibration.from_json(calibration.to_json())
    assert again.threshold == calibration.threshold
    for v in levels:
        c = _candidate(catalogue, "bouw.metselen", v)
        assert again.confidence(c) == pytest.approx(calibration.confidence(c), abs=1e-3)


def test_the_threshold_is_picked_on_answers_the_model_did_not_see(catalogue: Catalogue) -> None:
    """Fitted on few answers, a model finds patterns in noise and trusts itself on them: picked on its own
    answers the threshold would ask about guesses. Picked on answers held out from each fit, it does not."""
    rng = np.random.default_rng(3)
    examples = []
    groups = []
    for i in range(120):
        candidate = Candidate(
            SkillMatch(
                catalogue.skills["bouw.metselen"],
                float(rng.uniform(0.3, 1.0)),
                Evidence("woord " * int(rng.integers(1, 5)), 0, 5),
            ),
            sector_fit=int(rng.integers(-1, 2)),
            competitors=int(rng.integers(0, 4)),
        )
        examples.append((candidate, bool(rng.random() < 0.45)))  # right or wrong by chance alone
        groups.append(i // 3)
    seen = fit_calibration(examples, semantic=False)
    unseen = fit_calibration(examples, semantic=False, groups=groups)
    assert unseen.info["threshold_from"] == "5 folds of answers"
    assert unseen.threshold > seen.threshold, (seen.threshold, unseen.threshold)
    assert unseen.model.weights.tolist() == seen.model.weights.tolist(), "the model itself is fitted on all"


def _lowest_good_threshold(p: np.ndarray, y: np.ndarray) -> float | None:
    """By brute force: the lowest confidence, as shown (three decimals), whose kept candidates reach the
    target; candidates that round to the same confidence are kept together."""
    p = np.round(p, 3)
    good = [t for t in sorted(set(p.tolist())) if _kept_precision(p, y, t) >= TARGET_PRECISION]
    return min(good) if good else None


def test_choose_threshold_is_the_lowest_that_keeps_the_target_precision() -> None:
    p = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4])
    y = np.array([1, 1, 1, 0, 1, 0])
    # kept at 0.5: 4 of 5 right (0.8); at 0.4: 4 of 6 (0.67)
    assert choose_threshold(p, y) == 0.5
    rng = np.random.default_rng(2)
    for _ in range(30):
        p = rng.uniform(0.25, 1.0, 80)  # no ties, all above the floor
        y = (rng.random(80) < p).astype(float)
        expected = _lowest_good_threshold(p, y)
        assert expected is not None
        threshold = choose_threshold(p, y)
        assert threshold == expected
        assert _kept_precision(np.round(p, 3), y, expected) >= TARGET_PRECISION


def test_choose_threshold_never_below_the_floor() -> None:
    assert choose_threshold([0.15, 0.1, 0.05], [1, 1, 1]) == MIN_THRESHOLD
    assert choose_threshold([0.9, 0.3, 0.1], [1, 1, 1]) == MIN_THRESHOLD
    rng = np.random.default_rng(4)
    p = rng.uniform(0.0, 0.3, 50)
    assert choose_threshold(p, np.ones(50)) >= MIN_THRESHOLD


def test_choose_threshold_with_tied_probabilities_keeps_the_target_precision() -> None:
    # One candidate at 0.9 (right), twenty candidates with the same features at 0.6, one of them right.
    p = np.array([0.6] * 20 + [0.9])
    y = np.array([1.0] + [0.0] * 19 + [1.0])
    threshold = choose_threshold(p, y)
    assert _kept_precision(p, y, threshold) >= TARGET_PRECISION, (
        f"threshold {threshold} keeps {int((p >= threshold).sum())} candidates, "
        f"right {_kept_precision(p, y, threshold):.2f} of the time"
    )


def test_choose_threshold_rounding_keeps_the_target_precision() -> None:
    p = np.array([0.9, 0.8, 0.7, 0.5994, 0.5992])
    y = np.array([1.0, 1.0, 1.0, 0.0, 0.0])
    # kept down to 0.5994: 3 of 4 right (0.75); with 0.5992 too: 3 of 5 (0.6)
    threshold = choose_threshold(p, y)
    asked = np.round(p, 3) >= threshold  # as asking.choose compares Calibration.confidence (3 decimals)
    assert y[asked].mean() >= TARGET_PRECISION, f"threshold {threshold} asks {int(asked.sum())}"


# The shipped calibration -----------------------------------------------------------------------------


def test_shipped_lexical_calibration_is_what_the_dev_set_gives(matcher: SkillMatcher) -> None:
    """Fails when the dev set, the catalogue or the matcher changed without running
    `python -m assistant.skills.calibration_fit`."""
    shipped = load_lexical()
    refit = fit_on_dev_set(Proposer(matcher, Calibration.unfitted(semantic=False)))
    assert not shipped.semantic and not refit.semantic
    assert refit.threshold == pytest.approx(shipped.threshold, abs=1e-6)
    assert refit.info["examples"] == shipped.info["examples"]
    assert refit.info["right"] == shipped.info["right"]
    for part in ("mean", "scale", "weights"):
        assert np.allclose(getattr(refit.model, part), getattr(shipped.model, part), atol=1e-6, rtol=0), part


# Abstaining ------------------------------------------------------------------------------------------


def test_nothing_below_the_threshold_is_asked_for_any_dev_answer(matcher: SkillMatcher) -> None:
    proposer = as_proposer(matcher)
    threshold = proposer.calibration.threshold
    assert threshold >= MIN_THRESHOLD
    asked = 0
    below_seen = 0
    for row in dev_set.read():
        for implied in (True, False):
            questions = proposer.propose([row.answer], row.context, implied=implied)
            asked += len(questions)
            # The one exception: only a job was named, and the skill it is known for is asked.
            below = [q for q in questions if q.confidence < threshold]
            assert all(q.confidence >= JOB_ALONE_FLOOR for q in below), (row.answer, questions)
            assert not below or (len(questions) == 1 and questions[0].match.rank == 0), (
                row.answer,
                questions,
            )
        _result, found = proposer.candidates(row.answer, row.context)
        below_seen += sum(1 for c in found if proposer.calibration.confidence(c) < threshold)
    assert asked > 100 and below_seen > 100, "the dev set has candidates on both sides of the threshold"


def _linear_calibration(threshold: float) -> Calibration:
    """Confidence = sigmoid(10 * lexical - 5): 0.5 at a lexical score of 0.5."""
    n = len(LEXICAL_FEATURES)
    weights = np.zeros(n + 1)
    weights[0], weights[-1] = 10.0, -5.0
    return Calibration(Logistic(LEXICAL_FEATURES, np.zeros(n), np.ones(n), weights), threshold, False, {})


def test_choose_abstains_below_the_threshold(catalogue: Catalogue) -> None:
    found = [
        _candidate(catalogue, "bouw.metselen", 0.6, start=0),  # 0.731
        _candidate(catalogue, "horeca.koken", 0.5, start=20),  # 0.5
        _candidate(catalogue, "zorg.wassen", 0.4, start=40),  # 0.269
    ]
    result = MatchResult(text="x" * 60)
    for threshold, expected in [
        (0.2, {"bouw.metselen", "horeca.koken", "zorg.wassen"}),
        (0.5, {"bouw.metselen", "horeca.koken"}),
        (0.501, {"bouw.metselen"}),
        (0.9, set()),
    ]:
        calibration = _linear_calibration(threshold)
        questions = choose([result], calibration, [found], set())
        assert {q.match.skill.id for q in questions} == expected, threshold
        assert all(q.confidence >= threshold for q in questions)
