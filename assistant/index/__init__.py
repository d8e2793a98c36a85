"""The index: embeddings (``embed``, with their cache), the vector store (``store``) and the keyword index
(``keyword``); the knowledge base that keeps them consistent is :mod:`assistant.kb`."""
