"""The index: embeddings (``embed``), the vector store (``store``), the keyword index
(``keyword``) and the incremental indexer that keeps them consistent (``indexer``)."""
