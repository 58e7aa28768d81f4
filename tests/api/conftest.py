"""The demo with a partner's unsubmitted edits and an API key (tests/core/test_fast_lists.py's)."""

from tests.core.test_fast_lists import demo  # noqa: F401  (a fixture)
