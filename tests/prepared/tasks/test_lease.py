"""The lease is renewed while the work runs and no longer once it ends."""

import time

from gongkai.prepared.tasks.lease import renewing


def test_the_claim_is_renewed_while_the_block_runs_and_not_after():
    calls: list[float] = []
    with renewing(lambda: calls.append(time.monotonic()), 0.02, "测试"):
        deadline = time.monotonic() + 5
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert len(calls) >= 3
    after = len(calls)
    time.sleep(0.1)
    assert len(calls) == after
