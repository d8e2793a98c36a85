"""报告助手 — offline retrieval, figures and drafting over Chinese official reports.

The package is layered one way, lowest first: records, settings and the Chinese text rules →
models and llm → ingest (load → clean → split) → index and facts → kb → retrieve → query → answer →
draft → check and brief → api → ui and cli (the contract: ``tests/test_layers.py``).  Nothing happens
at import time; everything is built from :class:`assistant.settings.Settings`.
"""

__version__ = "0.1.0"
