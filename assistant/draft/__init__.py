"""Drafting report sections from the documents: templates, material, the LLM pipeline and Word export."""
