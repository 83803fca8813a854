"""What a query may do before it runs: read the local graph only.

A query someone hands you can hold `SERVICE <http://…>`, which makes Oxigraph send requests
from your machine; `kg query` refuses it unless told otherwise. An update (INSERT, DROP …) is
refused with its own message, not the parser's "expected CONSTRUCT".
"""

from __future__ import annotations

import re

from kg.errors import InputError
from kg.grammar import EM_DASH

# Strings (long ones first), IRIs, a prefixed name's escapes (ex:a\#b), comments and variables,
# removed before looking for keywords, so that "SERVICE" inside a literal, an IRI's fragment
# (#SERVICE) or ?service says nothing, and an escaped # or ' opens no comment or string.
_HIDDEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>" r"|\\." r"|#[^\n]*" r"|[?$]\w+",
)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)
_GRAPHS = re.compile(r"\b(?:GRAPH|FROM)\b", re.I)
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*|BASE\s*)\s*)*(INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)


def check_query(query: str, allow_service: bool = False) -> None:
    """Raise InputError when the query would reach beyond the local graph (SERVICE, unless
    `allow_service`) or is an update rather than a query."""
    bare = _HIDDEN.sub(" ", query)
    update = _UPDATE.match(bare)
    if update:
        raise InputError("query", f"is an update ({update.group(1).upper()}); kg query runs SELECT queries over a built graph and changes nothing")
    if not allow_service and _SERVICE.search(bare):
        raise InputError(
            "query",
            "asks another SPARQL endpoint (SERVICE), which would send requests from this machine; "
            f"kg query runs locally only {EM_DASH} pass --allow-service if you trust the query",
        )


def names_graphs(query: str) -> bool:
    """Whether a query asks named graphs (GRAPH, FROM, FROM NAMED): OUT/store holds none (kg.store)."""
    return bool(_GRAPHS.search(_HIDDEN.sub(" ", query)))
