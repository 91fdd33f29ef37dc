"""The i18n tests visit every page with the query-string fuzzing's world of data (one of everything)."""

from tests.test_fuzz_query_strings import world  # noqa: F401  (a fixture, offered to this folder's tests)
