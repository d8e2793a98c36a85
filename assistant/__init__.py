"""报告助手 — offline retrieval, figures and drafting over Chinese official reports.

The package is layered one way: ingest (load → clean → split) → index (embed, store,
keyword) → retrieve → answer / facts / draft → api → cli and ui.  Nothing happens at
import time; everything is built from :class:`assistant.settings.Settings`.
"""

__version__ = "0.1.0"
