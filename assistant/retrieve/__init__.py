"""Retrieval: hybrid (dense + keyword) candidates, fused and ranked."""
