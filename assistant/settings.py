"""The one settings object: defaults, then a TOML config file, then ``ASSISTANT_*`` env vars.

Every module receives a ``Settings`` instead of reading constants or the environment,
so tests (and several data folders on one machine) can point it anywhere.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


def _default_home() -> Path:
    return Path(user_data_dir("report-assistant", appauthor=False))


def config_file_path() -> Path:
    """``ASSISTANT_CONFIG`` or ``$ASSISTANT_HOME/config.toml``."""
    if explicit := os.environ.get("ASSISTANT_CONFIG"):
        return Path(explicit)
    home = Path(os.environ.get("ASSISTANT_HOME") or _default_home())
    return home / "config.toml"


def kb_folder_name(kb: str) -> str:
    """A knowledge base's folder name: the name itself, or a hash when it could leave ``kb/``
    (``..``, a path separator, a drive colon, a leading dot)."""
    if kb.strip(". ") and not kb.startswith(".") and not any(c in kb for c in "/\\:\0"):
        return kb
    return "kb-" + hashlib.sha1(kb.encode("utf-8")).hexdigest()[:20]


class Settings(BaseSettings):
    """All knobs of the product. Env var names are ``ASSISTANT_`` + the field name."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    home: Path = Field(default_factory=_default_home, description="Data folder: indexes, caches, exports.")
    models_dir: Path | None = Field(None, description="Model files; default $ASSISTANT_HOME/models.")
    kb: str = Field("default", description="Knowledge base used when a command names none.")

    # Embedding model
    embedder: Literal["embeddinggemma", "e5-small"] = "embeddinggemma"
    embedding_model_path: Path | None = Field(
        None, description="A sentence-transformers folder supplied by an administrator."
    )
    embedding_hub_id: str | None = Field(None, description="Hub id, only for machines that are online.")
    embed_batch_size: int = Field(4, description="Passages per forward pass; small batches pad less.")
    embed_precision: Literal["auto", "float32", "bfloat16"] = Field(
        "auto", description="auto: bfloat16 where the CPU computes it natively (avx512_bf16/AMX), else float32."
    )
    embed_max_seq_length: int = Field(512, description="Tokens per passage the embedder reads.")

    # Generative model
    llm_backend: Literal["llamacpp", "openai"] = "llamacpp"
    llm_model: Literal["qwen2.5-1.5b", "qwen2.5-0.5b"] = "qwen2.5-1.5b"
    llm_model_path: Path | None = Field(None, description="A GGUF file supplied by an administrator.")
    llm_threads: int = Field(0, description="llama.cpp threads; 0 means all cores.")
    llm_context: int = 4096
    openai_base_url: str | None = None
    openai_model: str | None = None
    openai_api_key_env: str = Field("OPENAI_API_KEY", description="Env var holding the endpoint's key.")
    llm_timeout_s: float = Field(60.0, description="Seconds an LLM may stay silent before its answer falls back.")
    llm_start_timeout_s: float = Field(120.0, description="Seconds the local model's worker may take to start.")
    llm_temperature: float | None = Field(
        None, description="When set, every generation uses it (0: deterministic, as the tests run)."
    )
    llm_seed: int = Field(42, description="The local model's sampling seed.")
    llm_prompt_lookup: int = Field(
        4,
        description="Tokens the local model guesses ahead from its prompt and checks in one step (0: off). Drafts "
        "and answers copy the passages' wording, so a guess is often right: on dev drafting prompts 4 cut "
        "the model's time by a fifth (2 threads, qwen2.5-1.5b); 10 saved a sixteenth (README: The local model).",
    )

    # Store
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server; embedded when unset.")

    # Ingest
    chunk_size: int = Field(360, description="Target characters per chunk.")
    max_file_mb: float = Field(50.0, description="Files larger than this are refused.")
    office_timeout_s: float = Field(
        120.0, description="Longest a LibreOffice conversion (.doc/.wps/.xls/.et) may take."
    )

    # Questions and answers
    max_question_chars: int = 1000
    search_k: int = 5
    store_recheck_s: float = Field(
        10.0, description="Searches re-check the store for outside changes at most this often."
    )
    translate_english: bool = Field(
        True, description="Translate English questions with the local LLM for keyword search."
    )
    answer_passages: int = Field(4, description="Passages the LLM reads (each costs prompt time).")
    passage_chars: int = Field(260, description="Characters of each passage the LLM reads.")
    answer_max_tokens: int = 256
    prompts_dir: Path | None = Field(None, description="Folder of prompt templates; default the repo's prompts/.")
    check_rules_dir: Path | None = Field(
        None, description="Folder of extra 核稿 rule files (*.toml); a rule with a built-in id replaces it."
    )
    max_draft_chars: int = Field(100_000, description="Longest draft 核稿 checks (characters).")
    check_llm_max_chars: int = Field(3000, description="Characters of a draft the optional LLM pass of 核稿 reads.")
    check_llm_batch_chars: int = Field(600, description="Characters of numbered sentences the LLM reads per call.")
    check_llm_max_tokens: int = Field(512, description="Longest answer of one call of the LLM pass of 核稿.")

    # Drafting
    draft_search_k: int = Field(8, description="Passages the topic's own query retrieves for a draft.")
    draft_queries: int = Field(12, description="Retrieval queries a draft asks at most (topic, heading, key points).")
    draft_passages: int = Field(16, description="Passages a draft draws its quoted sentences from.")
    draft_passage_chars: int = Field(150, description="Characters of each passage a draft's LLM reads.")
    draft_figures: int = Field(6, description="Figure records shown beside the passages.")
    draft_figure_score: float = Field(0.5, description="Least match score of a figure record shown to the LLM.")
    draft_sentences: int = Field(4, description="Sentences of the documents quoted under each heading of the outline.")

    # Briefs
    brief_overview_chars: int = Field(1600, description="Characters of a brief the LLM reads to write its overview.")
    brief_overview_max_tokens: int = Field(240, description="Longest overview paragraph the LLM may write (tokens).")

    # Browser UI
    ui_users: str | None = Field(None, description="Browser UI logins: 'user:password' pairs separated by commas.")
    ui_auth_file: Path | None = Field(None, description="A file of 'user:password' lines for the browser UI.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file_path())
        return (init_settings, env_settings, toml)

    @property
    def models_path(self) -> Path:
        return self.models_dir or self.home / "models"

    def kb_path(self, kb: str | None = None) -> Path:
        """Folder holding one knowledge base's keyword index and figure table (always inside ``home``)."""
        return self.home / "kb" / kb_folder_name(kb or self.kb)

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def cache_path(self) -> Path:
        return self.home / "cache"
