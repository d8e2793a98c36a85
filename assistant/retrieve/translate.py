"""English questions over Chinese documents: translate the question for the keyword side.

The embedder is multilingual, but BM25 over jieba tokens can only match Chinese words,
and measured on the dev questions English retrieval lagged Chinese badly without it.
The local LLM translates the question (about 3 s with the 1.5B model); translations
are cached for the life of the process.
"""

from __future__ import annotations

import threading

from assistant.llm.backends import ChatBackend
from assistant.prompts import load_prompt
from assistant.settings import Settings


class QueryTranslator:
    def __init__(self, backend: ChatBackend, settings: Settings) -> None:
        self._backend = backend
        self._instructions = load_prompt(settings, "translate_query")
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()

    def to_chinese(self, question: str) -> str:
        with self._lock:
            if question in self._cache:
                return self._cache[question]
        messages = [{"role": "system", "content": self._instructions}, {"role": "user", "content": question}]
        text = "".join(self._backend.stream(messages, max_tokens=96, temperature=0.0)).strip()
        translation = text.splitlines()[0].strip() if text else ""
        with self._lock:
            self._cache[question] = translation
        return translation
