"""Benchmarks: each prints figures as a ratio against a baseline measured in the same run."""
