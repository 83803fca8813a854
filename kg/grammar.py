"""The grammar characters of written Chinese that the code may name directly: punctuation, the
Han character range, and the few function characters (的, 等, 和, 及, 与) that join or end a
phrase everywhere in the language. Every other word the rules use (verbs, suffixes, names of
things, header phrases, the viewer's labels) is data in a table (kg/rules/*.toml) owned by the
module that reads it.

Keep this module small: a word belongs here only if it is grammar, not vocabulary, that is, if
a rule about any kind of Chinese text, not only government reports, would name it.
"""

from __future__ import annotations

# The unified Han ideographs, as a regular expression character-class range.
HAN = "\u4e00-\u9fff"
HAN_FIRST, HAN_LAST = "\u4e00", "\u9fff"

# Punctuation.
ENUMERATION_COMMA = "\u3001"  # 、 the list separator
COMMA = "\uff0c"  # ，
FULL_STOP = "\u3002"  # 。
SEMICOLON = "\uff1b"  # ；
COLON = "\uff1a"  # ：
EXCLAMATION = "\uff01"  # ！
QUESTION = "\uff1f"  # ？
OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"  # “ ”
OPEN_SINGLE_QUOTE, CLOSE_SINGLE_QUOTE = "\u2018", "\u2019"  # ‘ ’
OPEN_BRACKET, CLOSE_BRACKET = "\uff08", "\uff09"  # （ ）
OPEN_TITLE, CLOSE_TITLE = "\u300a", "\u300b"  # 《 》
OPEN_CORNER, CLOSE_CORNER = "\u300c", "\u300d"  # 「 」
OPEN_WHITE_CORNER, CLOSE_WHITE_CORNER = "\u300e", "\u300f"  # 『 』
OPEN_LENTICULAR, CLOSE_LENTICULAR = "\u3010", "\u3011"  # 【 】
IDEOGRAPHIC_SPACE = "\u3000"
MIDDLE_DOT = "\u00b7"  # · (also written ・ U+30FB)
KATAKANA_MIDDLE_DOT = "\u30fb"
EM_DASH = "\u2014"  # —
HORIZONTAL_BAR = "\u2015"  # ―
EN_DASH = "\u2013"  # –
PLUS_MINUS = "\u00b1"  # ± (±800千伏: a direct current's voltage)
ELLIPSIS = "\u2026"  # …
FULLWIDTH_PERCENT = "\uff05"  # ％
FULLWIDTH_DIGITS = "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"  # ０-９

# Clause ends and clause separators, as one string each (for character classes and membership).
CLAUSE_MARKS = COMMA + SEMICOLON + COLON + FULL_STOP + EXCLAMATION + QUESTION

# Function characters.
OF = "\u7684"  # 的: ends a modifier
ETC = "\u7b49"  # 等: closes a list of examples
AND = "\u548c"  # 和
AND_ALSO = "\u53ca"  # 及
WITH = "\u4e0e"  # 与
TO = "\u81f3"  # 至: joins the two ends of a route (雅安至林芝)
JOINERS = ENUMERATION_COMMA + AND + AND_ALSO + WITH  # what joins the items of a list

# Full-width forms of ASCII punctuation, as typed in Chinese text.
FULLWIDTH_FULL_STOP = "\uff0e"  # ． the decimal point or a heading's dot in full-width text (３．５, 一．)
FULLWIDTH_HYPHEN_MINUS = "\uff0d"  # －
FULLWIDTH_TILDE = "\uff5e"  # ～
FULLWIDTH_SOLIDUS = "\uff0f"  # ／
