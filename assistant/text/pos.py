"""Groups of jieba's part-of-speech tags; a tag belongs to a group when it starts with one of its tags."""

from __future__ import annotations

# Words that name things: nouns (n, and by prefix nr, ns, nt, nz), verbal nouns (vn),
# abbreviations (j), set phrases (l) and distinguishing words (b, "义务" in 义务教育).
NOUN_TAGS = ("n", "vn", "j", "l", "b")
ENGLISH_TAG = "eng"  # a Latin-script word inside Chinese text ("GDP")
VERB_TAG = "v"
COUNT_TAGS = ("m", "q")  # numerals and measure words: "一次", "两遍", "三个" count, and name nothing
ADJECTIVE_TAG = "a"
# What a clause naming its own subject opens with: a noun, a numeral ("300家企业"), a Latin word ("5G"),
# an opening quote (x: "“菜篮子”工程稳步推进")
SUBJECT_OPENING_TAGS = (*NOUN_TAGS, "m", ENGLISH_TAG, "x")
