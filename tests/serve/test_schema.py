"""schemathesis against the live server's /openapi.json: generated requests never cause a server error."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from serverkit import Running

# A few examples per operation keep the whole run well under a minute (ingest runs the pipeline).
_SETTINGS = settings(
    max_examples=6,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
_CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]


def _exercise(operation: schemathesis.APIOperation) -> int:
    calls = 0

    @_SETTINGS
    @given(case=operation.as_strategy())
    def run(case: schemathesis.Case) -> None:
        nonlocal calls
        calls += 1
        response = case.call(timeout=120)
        where = f"{case.method} {case.formatted_path} {case.query or ''}"
        assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
        case.validate_response(response, checks=_CHECKS)

    run()
    return calls


def test_generated_requests_cause_no_server_error(served: Running) -> None:
    schema = schemathesis.openapi.from_url(f"{served.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        assert _exercise(operation) >= 1
