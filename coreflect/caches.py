"""What a process keeps in memory between requests, in one place.

Only what never changes is kept: a framework version's content and rows (a version is immutable once
published), and what is worked out from them, from the models' definitions or from the URL map (the
participant journey's paths for a round's link code). Every value is handed out
frozen – read-only mappings, tuples, frozen sets – so no request can change what the next one sees.
`clear()` forgets everything: tests call it between tests (their databases reuse ids), and so does writing
or deleting a framework version (see `frameworks/apps.py`).
"""

from collections.abc import Callable, Hashable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, cast

T = TypeVar("T")

_kept: dict[str, dict[Hashable, Any]] = {}


def kept(name: str, key: Hashable, build: Callable[[], T]) -> T:
    """The value kept under `name` for `key`, built by `build()` and frozen the first time it is asked for.

    Freezing turns dicts into read-only mappings and lists into tuples, so say what `build` returns with
    the read-only types (`Mapping`, `Sequence`): then the type of what comes back is true as well."""
    store = _kept.setdefault(name, {})
    try:
        return cast(T, store[key])
    except KeyError:
        value = store[key] = freeze(build())
        return cast(T, value)


def freeze(value: Any) -> Any:
    """The value with every dict made a read-only mapping, every list a tuple and every set a frozen set,
    all the way down. Other objects pass as they are: whoever keeps one makes sure it cannot change."""
    if isinstance(value, str | int | float | bool | None):
        return value  # the commonest leaves of a document, and they never change
    if isinstance(value, Mapping):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def thawed(value: Any) -> Any:
    """A plain copy of a frozen value – dicts and lists all the way down – for code that edits a copy
    (rewording a framework starts from a version's document, kept or not)."""
    if isinstance(value, Mapping):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [thawed(item) for item in value]
    if isinstance(value, set | frozenset):
        return set(value)
    return value


def clear() -> None:
    """Forget everything kept."""
    for store in _kept.values():
        store.clear()
