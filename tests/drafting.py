"""Helpers for the drafting tests: documents of tests/data read without an index, and scripted models.

``file_sources`` stands in for the knowledge base: the documents are loaded and split as
indexing would, listed by their metadata and searched by shared words (no embedder), so the
pipeline's logic runs on the real county report and laws without a model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from assistant.draft.documents import Catalogued
from assistant.draft.extra import ExtraDocuments
from assistant.draft.material import Sources
from assistant.ingest.load import load_document
from assistant.ingest.split import split_document
from assistant.settings import Settings
from assistant.types import Chunk

DATA = Path(__file__).resolve().parent / "data" / "corpus"
COUNTY = "2025_县教育局局长_述职述责述廉报告.txt"
MEIYU_2015 = "2015_国务院办公厅_关于全面加强和改进学校美育工作的意见.txt"
COMPULSORY_LAW = "2018_中华人民共和国义务教育法.md"


def file_sources(names: Sequence[str], settings: Settings) -> Sources:
    """The named files of tests/data/corpus as a knowledge base without an index."""
    documents = {name: load_document(DATA / name, settings) for name in names}
    chunks = {name: split_document(doc, settings.chunk_size) for name, doc in documents.items()}
    every = [c for cs in chunks.values() for c in cs]
    keyword = ExtraDocuments(every)
    return Sources(
        search=keyword.search,
        facts=lambda query: [],
        chunks=lambda ids: [c for c in every if c.id in ids],
        catalog=lambda: [Catalogued(d.name, d.title, d.meta) for d in documents.values()],
        document=lambda name: list(chunks.get(name, [])),
    )


def document_chunks(name: str, settings: Settings) -> list[Chunk]:
    return split_document(load_document(DATA / name, settings), settings.chunk_size)


class ScriptedModel:
    """A model whose answer to each prompt is ``write(material lines, prompt)``; it records the prompts."""

    name = "scripted"

    def __init__(self, write: Callable[[list[str], str], str], framing: str | list[str] = "") -> None:
        self.write = write
        # its answer to the framing prompt (draft/frame.py), which lists no material; a list: one a call, in turn
        self.framing = [framing] if isinstance(framing, str) else framing
        self.prompts: list[str] = []
        self.framed = 0

    def stream(self, messages: list[dict[str, str]], max_tokens: int = 512, temperature: float = 0.1) -> Iterator[str]:
        prompt = messages[-1]["content"]
        self.prompts.append(prompt)
        lines = re.findall(r"^· (.+)$", prompt, re.M)
        if lines:
            text = self.write(lines, prompt)
        else:
            text, self.framed = self.framing[min(self.framed, len(self.framing) - 1)], self.framed + 1
        for start in range(0, len(text), 7):  # streamed in pieces, as a model does
            yield text[start : start + 7]


def copying(lines: list[str], prompt: str) -> str:
    """A model that copies its material, without the names of whose words they are."""
    return "".join(re.sub(r"^(?:据[^：]+：|《[^》]+》：?)", "", line) for line in lines)
