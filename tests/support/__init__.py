"""Helpers for the test suite: a throw-away PostgreSQL server and per-test databases."""
