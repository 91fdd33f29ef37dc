"""Results tests use the reflections tests' rounds."""

from tests.reflections.conftest import open_round  # noqa: F401 - a fixture, used by name
