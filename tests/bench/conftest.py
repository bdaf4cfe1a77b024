"""The benchmarks' smoke tests: `pytest -m smoke` runs them, `-m "not smoke"` leaves them out."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "smoke: runs a benchmark script at a tiny size to see that it still works"
    )
