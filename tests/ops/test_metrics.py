"""Issue 11 part 3: Prometheus metrics at GET /metrics, bounded labels, no secrets."""

from prometheus_client.parser import text_string_to_metric_families

from app import metrics


def samples(text: str) -> dict[tuple[str, tuple], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


async def scrape(api) -> tuple[str, dict]:
    response = await api.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text, samples(response.text)


async def test_requests_are_counted_by_operation_and_outcome_and_timed(api):
    _, before = await scrape(api)
    ok_key = ("ordergraph_graphql_requests_total", (("operation", "MetricsMe"), ("outcome", "ok")))
    await api.raw("query MetricsMe { me { role } }")
    await api.raw("query MetricsMe { me { role } }")
    await api.raw("query MetricsBad { me { nope } }")
    await api.raw("query MetricsMe { me { role } }", key=None)
    refused = await api.mutate("activateOrder", {"orderId": "00000000-0000-0000-0000-000000000000"}, "")
    assert refused["errors"]
    text, after = await scrape(api)
    assert after[ok_key] - before.get(ok_key, 0) == 2
    assert after[("ordergraph_graphql_requests_total", (("operation", "MetricsBad"), ("outcome", "client_error")))] >= 1
    assert after[("ordergraph_graphql_requests_total", (("operation", "MetricsMe"), ("outcome", "unauthenticated")))]
    assert after[("ordergraph_graphql_requests_total", (("operation", "anonymous"), ("outcome", "business_error")))]
    count = ("ordergraph_graphql_request_duration_seconds_count", (("operation_type", "query"),))
    assert after[count] - before.get(count, 0) >= 3
    for name in (
        "ordergraph_subscribers",
        "ordergraph_events_delivered_total",
        "ordergraph_listener_reconnects_total",
        "ordergraph_subscriptions_started_total",
    ):
        assert f"# TYPE {name.removesuffix('_total')}" in text, name
    pool = {dict(labels)["state"] for (name, labels) in after if name == "ordergraph_db_pool_connections"}
    assert pool == {"in_use", "idle", "max"}
    # No secret and no id leaks into labels.
    assert api.key not in text and "Bearer" not in text


def test_operation_name_labels_are_bounded(monkeypatch):
    monkeypatch.setattr(metrics, "_known_operations", set())
    labels = {metrics.operation_label(f"Op{i}") for i in range(metrics.MAX_OPERATION_NAMES + 50)}
    assert len(labels) == metrics.MAX_OPERATION_NAMES + 1 and "other" in labels
    assert metrics.operation_label("Op1") == "Op1"
    assert metrics.operation_label(None) == "anonymous"
    assert metrics.operation_label("x" * 65) == "other"
    assert metrics.operation_label('bad"label\n') == "other"
