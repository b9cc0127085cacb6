"""Benchmarks: `python -m benchmarks.polling`."""
