"""Validation: the official OASIS schema, the project's UN profile, and the no-text-lost check."""
