"""Figures: reading the numbers a document states, and checking the ones an answer states."""
