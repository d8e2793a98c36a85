"""The local model's worker process: llama-cpp-python's OpenAI-compatible server on 127.0.0.1.

Started by :class:`assistant.llm.worker.LocalModelWorker`, never by hand. The model runs
here and not in the process that serves the page, so a native crash (an illegal
instruction, a segmentation fault), an out-of-memory kill or a hang costs one answer:
the supervisor notices, the answer falls back to fast mode, and the next question
starts a fresh worker.

Why llama-cpp-python's server rather than llama.cpp's own ``llama-server``: it comes with
the same llama.cpp build the install step already compiles (one build, one set of
compiler flags, no second binary to fetch), and it speaks the OpenAI protocol that the
product's OpenAI-compatible backend already uses. It generates one answer at a time
(no parallel slots); see the README for what that means for several users.
"""

from __future__ import annotations

import argparse
import os
import signal
import threading
import time
from collections.abc import Sequence

MODEL_ALIAS = "local"  # the model name requests use
PARENT_CHECK_S = 1.0  # how often the worker looks whether the product's process still lives


def _die_with_parent() -> None:
    """End this worker when the product's process ends, even by SIGKILL: a thread watches for this process being
    handed to another parent. (Linux's PR_SET_PDEATHSIG, used before, fires when the *thread* that started the
    worker ends: a web server's request thread, idle for a few seconds, took the worker with it.)"""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _logits_only_where_sampled(guesses: int) -> None:
    """Work out a prompt's logits for its last token only, where sampling reads them.

    With prompt-lookup guesses llama-cpp-python (0.3.36) works out the logits of every token it
    evaluates: a batch checking guesses needs them, but a prompt's batch needs only its last token's
    (the first token is sampled there; nothing else reads the others unless a request asks for
    logprobs or a logit bias, which the product's requests never do). The vocabulary's 152k logits of
    every prompt token made the first token 25-30 % slower on two cores (README: The local model).
    A batch longer than a guess plus the token before it is a prompt's."""
    from llama_cpp import Llama

    evaluate = Llama.eval

    def evaluate_prompt_lean(self: Llama, tokens: Sequence[int]) -> None:
        if len(tokens) <= guesses + 1:
            evaluate(self, tokens)
            return
        self._logits_all = False  # read by eval() for the batch it decodes, and nowhere else while it runs
        try:
            evaluate(self, tokens)
        finally:
            self._logits_all = True

    Llama.eval = evaluate_prompt_lean  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--context", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--prompt-lookup", type=int, default=0, help="tokens guessed from the prompt (0: off)")
    args = parser.parse_args(argv)
    _die_with_parent()
    if args.prompt_lookup:
        _logits_only_where_sampled(args.prompt_lookup)

    import uvicorn
    from llama_cpp.server.app import create_app
    from llama_cpp.server.settings import ModelSettings, ServerSettings

    app = create_app(
        # interrupt_requests=False: a second request waits its turn instead of cutting the first one off
        server_settings=ServerSettings(host="127.0.0.1", port=args.port, interrupt_requests=False),
        model_settings=[
            ModelSettings(
                model=args.model,
                model_alias=MODEL_ALIAS,
                n_ctx=args.context,
                n_threads=args.threads,
                n_threads_batch=args.threads,
                seed=args.seed,
                # Prompt-lookup decoding: the model's next tokens are guessed from where its last two tokens occur
                # in the prompt (drafts and answers copy the passages' wording) and checked in one batch.
                draft_model="prompt-lookup-decoding" if args.prompt_lookup else None,
                draft_model_num_pred_tokens=args.prompt_lookup,
                # Checking guesses needs the logits of every token of a batch, and llama-cpp-python sizes its
                # logits buffer by this flag (with guesses it is True whatever is asked). Without guesses False
                # saves the vocabulary's logits of every prompt token; with them _logits_only_where_sampled does.
                logits_all=bool(args.prompt_lookup),
                verbose=False,
            )
        ],
    )
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
