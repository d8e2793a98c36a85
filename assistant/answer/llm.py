"""Generative backends behind one protocol: local llama.cpp or any OpenAI-compatible endpoint.

Both stream text pieces. A backend that cannot be reached raises
``BackendUnavailableError`` so callers can fall back to the fast (extractive) mode.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from typing import Protocol

from assistant.errors import BackendUnavailableError
from assistant.models.catalog import CATALOG
from assistant.models.provision import require
from assistant.settings import Settings

Message = dict[str, str]


class ChatBackend(Protocol):
    name: str

    def stream(self, messages: list[Message], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]: ...


class LlamaCppBackend:
    """A GGUF model through llama-cpp-python; one generation at a time per loaded model."""

    def __init__(self, settings: Settings) -> None:
        from llama_cpp import Llama

        path = settings.llm_model_path or require(CATALOG[settings.llm_model], settings.models_path)
        self.name = f"llama.cpp:{path.name}"
        self._llm = Llama(
            model_path=str(path),
            n_ctx=settings.llm_context,
            n_threads=settings.llm_threads or os.cpu_count(),
            verbose=False,
        )
        self._lock = threading.Lock()

    def stream(self, messages: list[Message], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        with self._lock:
            for part in self._llm.create_chat_completion(
                messages=messages, max_tokens=max_tokens, temperature=temperature, stream=True
            ):
                piece = part["choices"][0]["delta"].get("content")
                if piece:
                    yield piece


class OpenAICompatibleBackend:
    """vLLM, Ollama, a cloud API… anything speaking the OpenAI chat-completions protocol."""

    def __init__(self, settings: Settings) -> None:
        from openai import OpenAI

        if not settings.openai_base_url or not settings.openai_model:
            raise BackendUnavailableError(
                "OpenAI-compatible backend needs ASSISTANT_OPENAI_BASE_URL and ASSISTANT_OPENAI_MODEL"
            )
        self.name = f"openai:{settings.openai_model}@{settings.openai_base_url}"
        self._model = settings.openai_model
        self._client = OpenAI(
            base_url=settings.openai_base_url,
            api_key=os.environ.get(settings.openai_api_key_env) or "not-needed",
            timeout=settings.llm_timeout_s,
            max_retries=0,
        )

    def stream(self, messages: list[Message], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        import openai

        try:
            response = self._client.chat.completions.create(
                model=self._model, messages=messages, max_tokens=max_tokens, temperature=temperature, stream=True
            )
            for part in response:
                if part.choices and (piece := part.choices[0].delta.content):
                    yield piece
        except (openai.APIConnectionError, openai.APITimeoutError, openai.APIStatusError) as error:
            raise BackendUnavailableError(f"LLM endpoint unavailable ({self.name}): {error}") from error


BACKENDS: dict[str, Callable[[Settings], ChatBackend]] = {
    "llamacpp": LlamaCppBackend,
    "openai": OpenAICompatibleBackend,
}

_loaded: dict[tuple, ChatBackend] = {}
_load_lock = threading.Lock()


def get_backend(settings: Settings) -> ChatBackend:
    """The configured backend, created once per process (a local model loads in seconds)."""
    key = (settings.llm_backend, settings.llm_model, settings.llm_model_path, str(settings.models_path),
           settings.openai_base_url, settings.openai_model)
    with _load_lock:
        if key not in _loaded:
            try:
                _loaded[key] = BACKENDS[settings.llm_backend](settings)
            except BackendUnavailableError:
                raise
            except Exception as error:  # a model that will not load is an unavailable backend
                raise BackendUnavailableError(f"LLM could not be loaded: {error}") from error
        return _loaded[key]
