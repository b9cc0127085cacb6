"""A poll policy that could not work is refused where it is made, before any task is paid for."""

from __future__ import annotations

import math
from typing import Any

import pytest

from novita_async import ConfigurationError, PollPolicy


@pytest.mark.parametrize(
    "change",
    [
        {"sentinel_every": 0},
        {"scouts": -1},
        {"scouts": 2.5},
        {"max_concurrent_polls": 0},
        {"min_samples": 0},
        {"max_samples": 4, "min_samples": 8},
        {"wave_step": 0.0},
        {"quantile_step": 1.0},
        {"jitter": -0.1},
        {"min_interval": 0.0},
        {"max_interval": 0.01, "min_interval": 0.05},
        {"poll_timeout": 0.0},
        {"max_poll_timeout": 1.0, "poll_timeout": 3.0},
        {"polls_per_second": 0.0},
        {"interval": -1.0},
        {"interval": math.nan},
        {"first_delay": math.inf},
    ],
)
def test_unusable_policies_are_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError, match="PollPolicy") as raised:
        PollPolicy(**change)
    assert isinstance(raised.value, ValueError)


def test_usable_policies_pass() -> None:
    PollPolicy()
    PollPolicy(scouts=0, jitter=0.0, first_delay=0.0, margin=0.0, polls_per_second=5.0, seed=3)
