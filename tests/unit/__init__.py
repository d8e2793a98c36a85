"""Fast tests: no model, browser, office suite or server (``make test-fast``)."""
