"""Benchmarks that report numbers (`make bench`); they measure, they are not tests and never tune anything."""
