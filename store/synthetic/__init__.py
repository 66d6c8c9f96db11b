"""Synthetic plan sets of any size, and revised editions of them, for trials at scale."""
