"""核稿: checking a writer's own draft against the documents and the rules of official writing."""
