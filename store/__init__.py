"""UI-free data layer: plan models, DuckDB schema, loading, queries and export.

Nothing here imports Textual or Rich; front ends import the modules they need.
"""
