import time
from .conftest import Visitor

def test_bench(open_round):
    v = Visitor(open_round)
    v.join()
    url = v.url("principle", "people-as-assets")
    for _ in range(30):
        v.client.get(url)
    best = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(100):
            v.client.get(url)
        best.append((time.perf_counter() - t) / 100 * 1000)
    print("\nPRINCIPLE PAGE ms/request", sorted(best))
