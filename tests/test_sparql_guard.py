"""kg query reads the local graph only: SERVICE is refused unless allowed, updates are named."""

from __future__ import annotations

import socket
import threading

import pytest

from kg.errors import InputError
from kg.sparql_guard import check_query, names_graphs


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent ?endpoint { ?s ?p ?o } }",
    "PREFIX kg: <https://w3id.org/govreport-kg/ontology#>\nSELECT * WHERE {\n  Service <http://x/> { ?s ?p ?o } }",
    # an escaped # or ' in a prefixed name opens no comment or string that would hide what follows
    "PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?z { ex:a\\#b } SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?z { ex:a\\'b } SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_service_is_refused(query):
    with pytest.raises(InputError, match=r"asks another SPARQL endpoint \(SERVICE\).*pass --allow-service"):
        check_query(query)
    check_query(query, allow_service=True)


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s ?p "SERVICE <http://x/>" }',
    "SELECT ?s WHERE { ?s <http://example.org/ns#SERVICE> ?o }  # a SERVICE in a comment",
    "SELECT ?service WHERE { ?service ?p ?o }",
])
def test_the_word_in_a_string_an_iri_or_a_comment_is_no_service(query):
    check_query(query)


@pytest.mark.parametrize(("query", "named"), [
    ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", True),
    ("SELECT * FROM NAMED <http://x/> WHERE { ?s ?p ?o }", True),
    ("PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?z { ex:a\\#b } GRAPH ?g { ?s ?p ?o } }", True),
    ('SELECT * WHERE { ?s ?p "GRAPH" }  # no GRAPH here', False),
    ("SELECT ?graph WHERE { ?graph <http://x/from> ?o }", False),
])
def test_queries_naming_graphs_are_told(query, named):
    # OUT/store holds no named graphs: a query naming them must be told, or it finds nothing there
    assert names_graphs(query) is named


@pytest.mark.parametrize("keyword", ["INSERT DATA { <a:b> <a:c> <a:d> }", "DROP ALL", "DELETE WHERE { ?s ?p ?o }", "LOAD <http://x/>"])
def test_updates_are_named_as_such(keyword):
    with pytest.raises(InputError, match=r"is an update \(\w+\); kg query runs SELECT queries"):
        check_query("PREFIX x: <http://x/>\n" + keyword)


def test_kg_query_with_service_exits_2_and_connects_nowhere(sample_build):
    from click.testing import CliRunner

    from kg.cli import main

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    connections = []

    def accept() -> None:
        for _ in range(15):
            try:
                conn, _ = listener.accept()
                connections.append(conn)
            except OSError:
                pass

    watcher = threading.Thread(target=accept)
    watcher.start()
    _, out = sample_build
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    result = CliRunner().invoke(main, ["query", str(out / "kg.ttl"), query])
    watcher.join()
    listener.close()
    assert result.exit_code == 2, result.output
    assert "Error: query: asks another SPARQL endpoint (SERVICE)" in result.output
    assert connections == []
