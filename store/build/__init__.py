"""Building a database: rows, cross-record checks, derived tables, editions, the atomic swap."""
