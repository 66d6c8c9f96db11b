"""Read queries over a planscope database.

Every function takes a DuckDB cursor first and returns typed results from
:mod:`~planscope.store.results`; values always travel as parameters, never in SQL text.
"""
