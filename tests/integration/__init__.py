"""Tests that load models, drive a browser or LibreOffice, or start servers (``make test`` runs them too)."""
