"""The i18n tests visit every page with the query-string fuzzing's world of data (one of everything)."""

from tests.browser.conftest import no_js_page, sign_in, visit  # noqa: F401  (the browser tests' fixtures)
from tests.test_fuzz_query_strings import world  # noqa: F401  (a fixture, offered to this folder's tests)
