"""Background work of the registry (Django's Tasks API; any backend)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import_batch(batch_id: int) -> dict[str, int] | None:
    from .services import batch_run

    result = batch_run(batch_id=batch_id)
    if result is None:
        return None
    return {k: v for k, v in result.as_json().items() if isinstance(v, int)}
