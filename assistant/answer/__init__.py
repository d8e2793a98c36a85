"""Answers: the answer chain, the extractive (fast) answer and the citation verifier."""
