"""The generative model: backends (local worker, OpenAI-compatible endpoint), the worker's supervisor and
process, and what the llama.cpp build uses of this CPU."""
