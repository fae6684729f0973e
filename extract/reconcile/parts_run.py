"""The parts of a reconciliation (`partition`) on a Dask cluster (`OnDask`, with the client of
`engines.DaskEngine`): the same results as in this process (`partition.InProcess`). A part's first pass
stays on the worker that made it until the part is finished there; the country's figures are sent to
every worker once."""
from __future__ import annotations

from typing import Any

from ..engines import EngineError
from .partition import finish_task, first_task, lessons_task


class OnDask:
    """Parts as tasks of a Dask cluster (`client`: a `dask.distributed.Client`)."""

    def __init__(self, client: Any):
        self.client = client

    def _gather(self, futures: list) -> list:
        try:
            return self.client.gather(futures)
        except (OSError, TimeoutError) as e:
            raise EngineError(f"the Dask cluster failed while reconciling: {e}") from None

    def first(self, claim_lists: list[list], policy) -> list:
        if not claim_lists:
            return []
        data = self.client.scatter(claim_lists, hash=False)     # one future a part's claims
        return [self.client.submit(first_task, d, policy, pure=False) for d in data]

    def lessons(self, works: list) -> list[list]:
        return self._gather([self.client.submit(lessons_task, w, pure=False) for w in works])

    def finish(self, items: list[tuple], policy) -> list:
        shared: dict[int, Any] = {}
        futures = []
        for work, entries, country, is_country in items:
            if isinstance(work, list):      # a part whose first pass was read from the cache
                work = self.client.scatter([work], hash=False)[0]
            if country is not None:         # sent once, read by every part with shares of the country
                if id(country) not in shared:
                    shared[id(country)] = self.client.scatter([country], broadcast=True, hash=False)[0]
                country = shared[id(country)]
            futures.append(self.client.submit(finish_task, work, entries, country, is_country, policy, pure=False))
        return self._gather(futures)
