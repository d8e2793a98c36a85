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
import ctypes
import signal
import sys

PR_SET_PDEATHSIG = 1  # prctl option: the kernel sends us a signal when our parent dies
MODEL_ALIAS = "local"  # the model name requests use


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the product's process ends, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--context", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    args = parser.parse_args(argv)
    _die_with_parent()

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
                # The server's default (True) computes the vocabulary's logits for every prompt token, which only
                # log-probabilities of the prompt need; answers never ask for them, and it made the worker's first
                # token 10-20 % slower than the same model in-process.
                logits_all=False,
                verbose=False,
            )
        ],
    )
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
