"""The small load generator the benchmarks drive Coreflect with: threads, http.client, a cookie jar and a
form reader, bounded by a deadline per scenario, loopback only."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlencode, urlsplit


class RequestFailed(Exception):
    pass


class Recorder:
    """Every request's time and whether it answered as expected, by label, while the window is open."""

    def __init__(self):
        self.lock = threading.Lock()
        self.open = False
        self.samples: dict[str, list[tuple[float, bool]]] = {}

    def add(self, label, milliseconds, ok):
        if label and self.open:
            with self.lock:
                self.samples.setdefault(label, []).append((milliseconds, ok))


class FormReader(HTMLParser):
    """The named fields of a page's forms: {name: [(type, value), ...]} (textareas have type "textarea")."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[tuple[str, str]]] = {}

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in {"input", "textarea"} and found.get("name"):
            kind = "textarea" if tag == "textarea" else (found.get("type") or "text")
            self.fields.setdefault(found["name"], []).append((kind, found.get("value") or ""))


def form_fields(page: str) -> dict:
    reader = FormReader()
    reader.feed(page)
    return reader.fields


def csrf_token(page: str) -> str:
    values = form_fields(page).get("csrfmiddlewaretoken")
    if not values:
        raise RequestFailed("no CSRF token in the page")
    return values[0][1]


class Browser:
    """One person over plain HTTP: a connection (reused while the server keeps it open) and cookies."""

    def __init__(self, base: str, recorder: Recorder | None = None, timeout: float = 120):
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.recorder = recorder
        self.last_etag = ""  # the ETag of the last response that had one (a poll sends it back)

    def request(self, method, path, data=None, *, label=None, expect=(200,), headers=None) -> str:
        headers = dict(headers or {})
        body = None
        if data is not None:
            # A form can come encoded already, so the generator spends less of the cores it shares.
            body = data if isinstance(data, str) else urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self._record(label, started, ok=False)
            raise RequestFailed(f"{method} {path}: {type(error).__name__}: {error}") from error
        self._record(label, started, ok=response.status in expect)
        self.last_etag = response.headers.get("ETag") or self.last_etag
        for header in response.headers.get_all("Set-Cookie") or []:
            self._remember(header)
        if response.will_close:
            self.connection.close()  # gunicorn's sync workers close after each response; reconnect next time
        if response.status not in expect:
            raise RequestFailed(f"{method} {path}: HTTP {response.status}")
        return content.decode("utf-8", errors="replace")

    def get(self, path, **kwargs) -> str:
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs) -> str:
        kwargs.setdefault("expect", (302,))
        return self.request("POST", path, data, **kwargs)

    def close(self):
        self.connection.close()

    def _record(self, label, started, ok):
        if self.recorder is not None:
            self.recorder.add(label, (time.perf_counter() - started) * 1000, ok)

    def _remember(self, header):
        cookie = SimpleCookie()
        try:
            cookie.load(header)
        except CookieError:
            return
        for name, morsel in cookie.items():
            if morsel.value == "" or morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


@dataclass
class Figures:
    requests: int = 0
    errors: int = 0
    per_second: float = 0.0
    p50: float | None = None
    p95: float | None = None
    notes: list = field(default_factory=list)


def figures(samples, seconds: float, extra_errors: int = 0) -> Figures:
    times = sorted(ms for ms, _ok in samples)
    found = Figures(len(samples), sum(1 for _ms, ok in samples if not ok) + extra_errors)
    found.per_second = len(samples) / seconds if seconds > 0 else 0.0
    if times:
        found.p50 = statistics.median(times)
        found.p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    return found


def run_clients(base, *, clients: int, duration: float, setup, step, label: str) -> Figures:
    """`clients` threads each run `setup(browser, number)` (not timed), then, all together, `step(browser,
    state)` over and over for `duration` seconds. Figures for the requests labelled `label`."""
    recorder = Recorder()
    ready = threading.Barrier(clients + 1, timeout=300)
    stop = threading.Event()
    failures = []

    def client(number):
        browser = Browser(base, recorder)
        state = None
        try:
            state = setup(browser, number)
        except Exception as error:  # a client that cannot start counts as an error, the others carry on
            failures.append(f"setup: {error}")
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return
        while state is not None and not stop.is_set():
            try:
                step(browser, state)
            except RequestFailed:
                pass  # recorded as an error already
            except Exception as error:
                failures.append(f"{type(error).__name__}: {error}")
                break
        browser.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    ready.wait()
    recorder.open = True
    started = time.perf_counter()
    time.sleep(duration)
    stop.set()
    for thread in threads:
        thread.join(timeout=130)
    recorder.open = False
    found = figures(recorder.samples.get(label, []), time.perf_counter() - started, extra_errors=len(failures))
    found.notes = sorted(set(failures))[:3]
    return found
