"""Sign-in flood benchmark: does a flood of wrong passwords slow the participants' pages?

Run with `.venv/bin/python bench/signin_load.py` (not part of `make bench`). It builds a throwaway database and
starts gunicorn exactly as load.py does (its helpers, by import), then measures the participant's principle
page with 4 clients, in turns: alone, and while 4 more clients send wrong passwords to /sign-in/ as fast as
they can, each try to a different address. Before the limits, each wrong password cost a PBKDF2 hash and the
page's median went from 5 ms to 287 ms; with them, once the client's 10 tries are used up a try costs no hash.
The target: the page's p50 under the flood within 1.5 times its p50 without, in the same run.

A benchmark, not a test: it prints the figures and exits 0 whatever they are.
"""

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # the server, the seeding and the principle page scenario
import results_scale
from loadgen import Browser, RequestFailed, csrf_token

TARGET = 1.5
ATTACKERS = 4


class Flood:
    """ATTACKERS threads posting wrong passwords until stopped; counts what the service answered."""

    def __init__(self, base: str):
        self.base = base
        self.stop = threading.Event()
        self.answers: dict[str, int] = {}
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.attack, args=(n,), daemon=True) for n in range(ATTACKERS)]

    def attack(self, number: int) -> None:
        browser = Browser(self.base, timeout=30)
        try:
            token = csrf_token(browser.get("/sign-in/"))
        except RequestFailed:
            return
        attempt = 0
        while not self.stop.is_set():
            attempt += 1
            data = {
                "csrfmiddlewaretoken": token,
                "login": f"guess{number}-{attempt}@example.org",
                "password": f"wrong-{attempt}",
            }
            try:
                page = browser.post("/sign-in/", data, expect=(200, 429))
                if "You have tried that too many times" in page or "Too Many Requests" in page:
                    kind = "refused: 429 (limit used up)"
                elif "too many wrong tries" in page:
                    kind = "refused: wrong passwords per client"
                else:
                    kind = "checked: wrong password"
            except RequestFailed as error:
                kind = f"failed ({error})"[:60]
            with self.lock:
                self.answers[kind] = self.answers.get(kind, 0) + 1
        browser.close()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        time.sleep(0.5)  # the flood is under way before the page is measured
        return self

    def __exit__(self, *_exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=40)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measurement")
    parser.add_argument("--cycles", type=int, default=3, help="times the page is measured alone and flooded")
    parser.add_argument("--clients", type=int, default=load.CLIENTS, help="clients on the principle page")
    options = parser.parse_args()

    sys.path.insert(0, str(load.BASE_DIR))
    cleanup = results_scale.configure_environment()
    load.os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    server = None
    try:
        import django
        from django.core.management import call_command
        from django.db import connections

        django.setup()
        print("Setting up a throwaway database…", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)  # the shared cache the limits count in
        plan, _seeded = load.prepare([100])
        connections.close_all()
        log_path = Path(cleanup["workdir"]) / "gunicorn.log"
        port = load.free_port()
        base = f"http://127.0.0.1:{port}"
        server = load.start_server(port, log_path)
        load.wait_until_healthy(server, base, log_path)
        print(
            f"gunicorn ({load.WORKERS} workers) on {base}; principle page: {options.clients} clients, "
            f"{options.duration:g} s a turn; flood: {ATTACKERS} clients",
            flush=True,
        )

        alone, flooded, answers = [], [], {}
        for cycle in range(options.cycles):
            quiet = load.principle_page(base, plan, options.clients, options.duration)
            with Flood(base) as flood:
                busy = load.principle_page(base, plan, options.clients, options.duration)
            alone.append(quiet)
            flooded.append(busy)
            for kind, count in flood.answers.items():
                answers[kind] = answers.get(kind, 0) + count
            print(
                f"  turn {cycle + 1}: p50 alone {quiet.p50:.1f} ms, flooded {busy.p50:.1f} ms; "
                f"flood answers {dict(sorted(flood.answers.items()))}",
                flush=True,
            )

        quiet_all, busy_all = load.combined(alone), load.combined(flooded)
        ratio = busy_all.p50 / quiet_all.p50 if quiet_all.p50 else float("inf")
        print()
        print(
            f"Principle page alone:        p50 {quiet_all.p50:.1f} ms, p95 {quiet_all.p95:.1f} ms, "
            f"{quiet_all.per_second:.0f} requests/s, {quiet_all.errors} errors"
        )
        print(
            f"Principle page under flood:  p50 {busy_all.p50:.1f} ms, p95 {busy_all.p95:.1f} ms, "
            f"{busy_all.per_second:.0f} requests/s, {busy_all.errors} errors"
        )
        print(f"Flood: {sum(answers.values())} wrong passwords sent: {dict(sorted(answers.items()))}")
        verdict = "met" if ratio <= TARGET else "MISSED"
        print(f"p50 flooded / alone = {ratio:.2f} (target at most {TARGET}): {verdict}")
    except KeyboardInterrupt:
        print("\nInterrupted: stopping the server and removing the throwaway database.")
        return 130
    finally:
        if server is not None:
            load.stop_server(server)
        results_scale.clean_up(cleanup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
