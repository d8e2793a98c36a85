"""Answers: LLM backends (``llm``), the answer chain and the citation verifier."""
