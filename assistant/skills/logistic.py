"""A small logistic regression (Newton steps with an L2 penalty) and its JSON form.

Used for the calibrated confidence of a proposed skill and for the learned fusion of occupation scores.
Few features and a few thousand rows: numpy solves it exactly in milliseconds, and the result is a list
of numbers that is stored as JSON, never as a pickle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Logistic:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    """One weight per feature, then the intercept."""

    def logits(self, x: np.ndarray) -> np.ndarray:
        z = (np.atleast_2d(x) - self.mean) / self.scale
        return z @ self.weights[:-1] + self.weights[-1]

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(x)))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], features: tuple[str, ...]) -> Logistic:
        """Raises ValueError when the stored model was made for other features."""
        if tuple(data.get("features", ())) != features:
            raise ValueError(f"features {data.get('features')} != {list(features)}")
        mean = np.asarray(data["mean"], dtype=np.float64)
        scale = np.asarray(data["scale"], dtype=np.float64)
        weights = np.asarray(data["weights"], dtype=np.float64)
        if (
            mean.shape != (len(features),)
            or scale.shape != mean.shape
            or weights.shape != (len(features) + 1,)
        ):
            raise ValueError("wrong number of values")
        return cls(features, mean, scale, weights)


def fit(x: np.ndarray, y: np.ndarray, features: tuple[str, ...], penalty: float = 1.0) -> Logistic:
    """Maximum likelihood with an L2 penalty on the (standardised) weights, not on the intercept."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    ridge = penalty * np.eye(z.shape[1])
    ridge[-1, -1] = 0.0
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - y) + ridge @ w
        hessian = z.T @ (z * (p * (1 - p))[:, None]) + ridge + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Logistic(features, mean, scale, w)
