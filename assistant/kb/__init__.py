"""A knowledge base: the index (vector store, keyword index) and the figure table kept consistent, and the
incremental indexer that fills them; above ``index`` and ``facts``, which know nothing of each other."""
