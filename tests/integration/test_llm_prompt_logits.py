"""The worker's model works out a prompt's logits for its last token only, and still checks its guesses.

Real llama-cpp-python, real small model (Qwen2.5 0.5B), with the prompt-lookup guesses the worker uses.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from llama_cpp import Llama
from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

from assistant.llm.serve import _logits_only_where_sampled
from assistant.models.catalog import CATALOG
from assistant.models.provision import require
from assistant.settings import Settings

GUESSES = 4
# a prompt the answer copies from, so that guesses are made and checked (an invented passage)
PROMPT = (
    "资料：某镇2024年新建村级图书室12个，开展送书下乡活动36场，惠及群众8000余人次。\n"
    "请照抄资料中的数字，用一句话概括某镇的图书室建设情况。"
)


@pytest.fixture(scope="module")
def model() -> Iterator[Llama]:
    path = require(CATALOG["qwen2.5-0.5b"], Settings().models_path)
    llm = Llama(
        str(path),
        n_ctx=512,
        n_threads=2,
        seed=1,
        verbose=False,
        logits_all=True,
        draft_model=LlamaPromptLookupDecoding(num_pred_tokens=GUESSES),
    )
    yield llm
    llm.close()


@pytest.fixture
def lean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Llama, "eval", Llama.eval)  # undone after the test: the change is the worker's alone
    _logits_only_where_sampled(GUESSES)


def _reply(llm: Llama) -> str:
    llm.reset()
    reply = llm.create_chat_completion([{"role": "user", "content": PROMPT}], max_tokens=40, temperature=0)
    return str(reply["choices"][0]["message"]["content"])


def _logits_asked(llm: Llama, tokens: list[int]) -> int:
    """How many of a batch's tokens had their logits worked out."""
    llm.eval(tokens)
    return sum(bool(llm._batch.batch.logits[i]) for i in range(len(tokens)))


def test_a_prompt_asks_the_logits_of_its_last_token_only(model: Llama, lean: None) -> None:
    model.reset()
    prompt = model.tokenize(PROMPT.encode())
    assert len(prompt) > GUESSES + 1
    assert _logits_asked(model, prompt) == 1
    # a batch checking guesses (the token sampled and the guesses after it) needs every one
    guess_check = prompt[: GUESSES + 1]
    assert _logits_asked(model, guess_check) == len(guess_check)


def test_the_reply_is_the_same_with_the_prompt_lean(model: Llama, monkeypatch: pytest.MonkeyPatch) -> None:
    every = _reply(model)
    monkeypatch.setattr(Llama, "eval", Llama.eval)
    _logits_only_where_sampled(GUESSES)
    lean = _reply(model)
    assert "12" in lean and lean == every
