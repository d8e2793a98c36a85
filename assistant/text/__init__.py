"""Chinese text: every language rule the pipeline shares, defined once (as spaCy's ``lang/zh`` does).

- :mod:`.segment`: jieba words and part-of-speech tags, CJK detection.
- :mod:`.pos`: groups of jieba's part-of-speech tags (noun-like words).
- :mod:`.sentences`: where sentences and clauses end, and the splitters built on that.
- :mod:`.markers`: citation markers ("[1]", "[1，2]").
- :mod:`.normalize`: squashing text for comparisons that ignore spacing.
- :mod:`.numerals`: Chinese digits and magnitudes; :mod:`.units`: units and their one canonical form.
- :mod:`.years`: years written out or meant ("今年" in a 2025 report).
- :mod:`.places`: region names and their administrative suffixes.

Word lists are data in ``data/`` (one file each, a comment line naming its source), read
by :mod:`.lexicon`. Nothing here imports the rest of ``assistant``.
"""
