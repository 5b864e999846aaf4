"""Learned parts: the shared MiniLM encoder and the small heads trained on it."""
