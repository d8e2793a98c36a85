"""Generative backends behind one protocol: the local model's worker or any OpenAI-compatible endpoint.

Both speak the OpenAI chat-completions protocol through one client class, so the local
model and a remote one share one code path; the local one only adds a supervisor that
starts its worker process and says what happened when it fails. A backend that cannot
be reached raises ``BackendUnavailableError`` so callers can fall back to the fast
(extractive) mode.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, cast

from assistant.errors import BackendUnavailableError
from assistant.llm.serve import MODEL_ALIAS
from assistant.llm.worker import LocalModelWorker, WorkerState
from assistant.models.catalog import CATALOG
from assistant.models.provision import require
from assistant.settings import Settings

if TYPE_CHECKING:
    from openai import OpenAI
    from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam

Message = dict[str, str]


class ChatBackend(Protocol):
    name: str

    def stream(self, messages: list[Message], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]: ...


class OpenAICompatibleBackend:
    """vLLM, Ollama, a cloud API, the local worker… anything speaking OpenAI chat completions."""

    def __init__(self, settings: Settings, base_url: str | None = None, model: str | None = None) -> None:
        base_url = base_url or settings.openai_base_url
        model = model or settings.openai_model
        if not base_url or not model:
            raise BackendUnavailableError(
                "OpenAI-compatible backend needs ASSISTANT_OPENAI_BASE_URL and ASSISTANT_OPENAI_MODEL"
            )
        self.name = f"openai:{model}@{base_url}"
        self._model = model
        self._settings = settings
        self._base_url = base_url
        self._seed: int | None = None  # an endpoint samples as it is configured to
        self._client = self._make_client(base_url)

    def _make_client(self, base_url: str) -> OpenAI:
        from openai import OpenAI

        return OpenAI(
            base_url=base_url,
            api_key=os.environ.get(self._settings.openai_api_key_env) or "not-needed",
            timeout=self._settings.llm_timeout_s,
            max_retries=0,
        )

    def stream(self, messages: list[Message], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        import httpx
        import openai

        if self._settings.llm_temperature is not None:  # tests pin it (0: deterministic)
            temperature = self._settings.llm_temperature
        try:
            response: Iterable[ChatCompletionChunk] = self._client.chat.completions.create(
                model=self._model,
                messages=cast("list[ChatCompletionMessageParam]", messages),
                max_tokens=max_tokens,
                temperature=temperature,
                stream=True,
                seed=openai.omit if self._seed is None else self._seed,
            )
            for part in response:
                if part.choices and (piece := part.choices[0].delta.content):
                    yield piece
        except (openai.APIConnectionError, openai.APITimeoutError, httpx.TransportError) as error:
            raise BackendUnavailableError(self.unreachable(error)) from error
        except openai.APIStatusError as error:
            raise BackendUnavailableError(f"LLM endpoint refused the request ({self.name}): {error}") from error

    def unreachable(self, error: Exception) -> str:
        return f"LLM endpoint unavailable ({self.name}): {error}"


class LocalModelBackend(OpenAICompatibleBackend):
    """A catalogued (or supplied) GGUF model, served by a supervised worker process on 127.0.0.1.

    One answer is generated at a time (the worker has one slot); the others wait here, so
    a request's timeout measures its own generation and a timeout means a hung worker.
    """

    def __init__(self, settings: Settings) -> None:
        path = settings.llm_model_path or require(CATALOG[settings.llm_model], settings.models_path)
        self.worker = LocalModelWorker(path, settings)
        self._settings = settings
        self._model = MODEL_ALIAS
        self._base_url = ""
        # Every request carries the seed: without one, llama-cpp-python seeds a request from the seed the one
        # before it used, so an answer or draft would depend on how many calls the worker served before it.
        self._seed = settings.llm_seed
        self.name = f"llama.cpp:{path.name}"
        self._turn = threading.Lock()

    def stream(self, messages: list[Message], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        with self._turn:
            base_url = self.worker.base_url()  # starts (or restarts) the worker
            if base_url != self._base_url:
                self._base_url, self._client = base_url, self._make_client(base_url)
            yield from super().stream(messages, max_tokens, temperature)

    def unreachable(self, error: Exception) -> str:
        return self.worker.failure(error)

    def state(self) -> WorkerState:
        return self.worker.state()


BACKENDS: dict[str, Callable[[Settings], ChatBackend]] = {
    "llamacpp": LocalModelBackend,
    "openai": OpenAICompatibleBackend,
}

_loaded: dict[tuple, ChatBackend] = {}
_load_lock = threading.Lock()


def _key(settings: Settings) -> tuple:
    return (
        settings.llm_backend,
        settings.llm_model,
        settings.llm_model_path,
        str(settings.models_path),
        str(settings.home),
        settings.openai_base_url,
        settings.openai_model,
    )


def get_backend(settings: Settings) -> ChatBackend:
    """The configured backend, created once per process; a new local model replaces the old one's worker."""
    key = _key(settings)
    with _load_lock:
        if key not in _loaded:
            try:
                backend = BACKENDS[settings.llm_backend](settings)
            except BackendUnavailableError:
                raise
            except Exception as error:  # a model file that is missing or unverified
                raise BackendUnavailableError(f"LLM could not be loaded: {error}") from error
            for other in [k for k, b in _loaded.items() if isinstance(b, LocalModelBackend)]:
                _loaded.pop(other).worker.stop()  # type: ignore[attr-defined]
            _loaded[key] = backend
        return _loaded[key]


def worker_state(settings: Settings) -> WorkerState | None:
    """The local worker's state in this process, when the configured backend is the local model."""
    backend = _loaded.get(_key(settings))
    return backend.state() if isinstance(backend, LocalModelBackend) else None
