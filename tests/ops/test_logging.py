"""Issue 11 part 2: request ids in and out and in every log line; client mistakes are one INFO line
without a traceback; internal faults keep the trace and the error id; JSON lines on demand."""

import json
import logging

from app.observability import JsonFormatter

QUERY_ME = "query WhoAmI { me { role } }"


async def test_every_response_carries_a_generated_request_id(api):
    first = await api.raw(QUERY_ME)
    second = await api.raw(QUERY_ME)
    assert len(first.headers["x-request-id"]) == 32
    assert first.headers["x-request-id"] != second.headers["x-request-id"]
    health = await api.client.get("/health")
    assert health.headers["x-request-id"]


async def test_a_request_id_sent_by_a_proxy_is_kept_and_a_hostile_one_replaced(api):
    kept = await api.client.post(
        "/graphql",
        json={"query": QUERY_ME},
        headers={"authorization": f"Bearer {api.key}", "x-request-id": "lb-1234.abc"},
    )
    assert kept.headers["x-request-id"] == "lb-1234.abc"
    hostile = await api.client.get("/health", headers={"x-request-id": "x" * 500})
    assert hostile.headers["x-request-id"] != "x" * 500 and len(hostile.headers["x-request-id"]) == 32


async def test_every_log_line_of_a_request_has_its_request_id_operation_and_key(api, caplog):
    with caplog.at_level(logging.DEBUG):
        response = await api.client.post(
            "/graphql",
            json={"query": "query Broken { me { noSuchField } }"},
            headers={"authorization": f"Bearer {api.key}", "x-request-id": "req-42"},
        )
    assert response.status_code == 200 and response.json()["errors"]
    mine = [r for r in caplog.records if getattr(r, "request_id", None) == "req-42"]
    access = [r for r in mine if r.name == "ordergraph.access"]
    assert len(access) == 1
    assert access[0].operation == "Broken" and access[0].key_id
    assert "client_error" in access[0].getMessage()
    # No record logged while the request ran lacks the id.
    during = [r for r in caplog.records if r.name in ("strawberry.execution", "ordergraph.access")]
    assert all(r.request_id == "req-42" for r in during)
    validation = [r for r in mine if r.name == "strawberry.execution"]
    assert validation and all(r.operation == "Broken" and r.key_id == access[0].key_id for r in validation)


async def test_client_mistakes_are_one_info_line_without_a_traceback(api, caplog):
    mistakes = [
        "query { me { role }",  # syntax
        "query { me { noSuchField } }",  # validation: unknown field
        "query($n: Int!) { orders(first: $n) { totalCount } }",  # missing variable
        'mutation { createAccount(input: {name: "x", creditLimit: "abc"}) { errors { code } } }',  # bad scalar
    ]
    for query in mistakes:
        with caplog.at_level(logging.DEBUG, logger="strawberry.execution"):
            caplog.clear()
            response = await api.raw(query)
        assert response.json()["errors"], query
        records = [r for r in caplog.records if r.name == "strawberry.execution"]
        assert records, query
        for record in records:
            assert record.levelno == logging.INFO, (query, record.levelname)
            assert record.exc_info is None and record.stack_info is None
            assert "\n" not in record.getMessage() and record.getMessage().startswith("client error")


async def test_business_refusals_are_not_logged_as_errors(api, caplog):
    with caplog.at_level(logging.DEBUG):
        payload = await api.mutate("activateOrder", {"orderId": "00000000-0000-0000-0000-000000000000"}, "")
    assert payload["errors"][0]["code"] == "NOT_FOUND"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_internal_faults_keep_the_trace_and_the_error_id_once(api, monkeypatch, caplog):
    from app.services import registry

    async def boom(*args, **kwargs):
        raise RuntimeError("secret database detail")

    monkeypatch.setattr(registry.accounts, "create", boom)
    with caplog.at_level(logging.DEBUG):
        response = await api.raw('mutation { createAccount(input: {name: "x"}) { errors { code } } }')
    error_id = response.json()["errors"][0]["extensions"]["errorId"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert error_id in errors[0].getMessage() and errors[0].exc_info is not None
    assert errors[0].request_id == response.headers["x-request-id"]


def test_json_log_lines_carry_time_level_message_request_id_operation_key_and_duration():
    record = logging.LogRecord("ordergraph.access", logging.INFO, __file__, 1, "POST %s", ("/graphql",), None)
    record.request_id, record.operation, record.key_id = "r1", "WhoAmI", "k1"
    record.duration_ms = 12.5
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "POST /graphql" and entry["level"] == "INFO" and entry["time"].endswith("+00:00")
    assert (entry["request_id"], entry["operation"], entry["key_id"], entry["duration_ms"]) == (
        "r1",
        "WhoAmI",
        "k1",
        12.5,
    )


async def test_refusals_inside_queries_are_not_logged_as_errors(api, caplog):
    """A forged cursor or a NUL in a filter is the client's mistake: an answer with its code, no trace."""
    with caplog.at_level(logging.DEBUG):
        cursor = await api.raw('{ orders(after: "not-a-cursor") { totalCount } }')
        nul = await api.raw('{ accounts(filter: {nameContains: "a\\u0000"}) { totalCount } }')
    for response in (cursor, nul):
        assert response.json()["errors"][0]["extensions"]["code"] == "VALIDATION_ERROR", response.text
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert not loud, [(r.name, r.levelname, r.getMessage()[:80]) for r in loud]
