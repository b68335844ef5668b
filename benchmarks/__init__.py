"""The benchmark harness: ``python -m benchmarks`` (``--quick`` for a short run)."""
