"""Vectors of texts embedded before, kept in plain `.npy` and JSON files per encoder version and side
(query or passage), so building the semantic model again takes seconds. A missing or broken cache only
costs time: the texts are embedded again."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.skills.semantic_model import DIM, Encoder, encoder_version
from assistant.skills.word_lists import cache_dir


class VectorCache:
    """Vectors of texts embedded before, per encoder version and side (query or passage)."""

    def __init__(self, encoder: Encoder, directory: Path | None = None) -> None:
        self.encoder = encoder
        self.directory = (directory or cache_dir()) / "vectors"
        self._known: dict[str, dict[str, np.ndarray]] = {}

    def _paths(self, side: str) -> tuple[Path, Path]:
        stem = f"e5-{encoder_version()}-{side}"
        return self.directory / f"{stem}.npy", self.directory / f"{stem}.json"

    def _load(self, side: str) -> dict[str, np.ndarray]:
        if side not in self._known:
            known: dict[str, np.ndarray] = {}
            vectors_path, texts_path = self._paths(side)
            try:
                texts = json.loads(texts_path.read_text(encoding="utf-8"))
                vectors = np.load(vectors_path, allow_pickle=False)
                if isinstance(texts, list) and vectors.shape == (len(texts), DIM):
                    known = {str(t): vectors[i] for i, t in enumerate(texts)}
            except (OSError, ValueError):
                pass  # no cache, or a broken one: embed again
            self._known[side] = known
        return self._known[side]

    def embed(
        self, texts: list[str], side: str, progress: Callable[[int, int], None] | None = None
    ) -> np.ndarray:
        known = self._load(side)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        encode = self.encoder.queries if side == "query" else self.encoder.passages
        for start in range(0, len(missing), 512):
            batch = missing[start : start + 512]
            for text, vector in zip(batch, encode(batch), strict=True):
                known[text] = vector.astype(np.float16)
            if progress is not None:
                progress(min(start + 512, len(missing)), len(missing))
        if missing:
            self._save(side)
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([known[t] for t in texts]).astype(np.float32)

    def queries(self, texts: list[str]) -> np.ndarray:
        """`Encoder.queries`, from the cache where it can."""
        return self.embed(texts, "query")

    def _save(self, side: str) -> None:
        vectors_path, texts_path = self._paths(side)
        known = self._known[side]
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            texts = list(known)
            tmp = vectors_path.with_suffix(".tmp.npy")
            np.save(tmp, np.stack([known[t] for t in texts]).astype(np.float16), allow_pickle=False)
            tmp_texts = texts_path.with_suffix(".tmp")
            tmp_texts.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
            tmp.replace(vectors_path)
            tmp_texts.replace(texts_path)
        except OSError:
            pass  # a read-only cache only costs time
