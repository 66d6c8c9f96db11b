"""The tables search reads, built once per load: lower-cased text per record, and what it holds.

``search_items`` has one row per record: its title, its id and its body (the
other words it is found by: description, owner, place, tags...), each also
lower-cased.  Scanning all of it for every search would take a quarter of a
second at a million projects, so two smaller tables let a search skip it:

- ``search_titles``: titles and ids in sorted order, for exact and prefix
  matches read from a few blocks;
- ``search_vocab``: every distinct title, and every distinct field value a
  body is made of.  A query term has no whitespace, and a body joins its
  fields with spaces, so a term is in some body exactly when it is in some
  field value.  A term found in no title, no field value and no id is in no
  record, and a term found only in ids need only be looked for in ids.

The vocabulary is far smaller than the bodies (descriptions, owners and
places repeat), so a search that finds nothing reads it and the ids instead
of every record's text.  Both are kept as blocks of values joined by line
breaks (``search_id_blocks`` for the ids, block n holding rows n * ID_BLOCK on):
scanning a thousand short strings one by one cost more than their bytes.
"""

from __future__ import annotations

import duckdb

SEARCH_TABLE = """
CREATE TABLE search_items (kind VARCHAR, id VARCHAR, plan_id VARCHAR, title VARCHAR, body VARCHAR,
                           title_lc VARCHAR, id_lc VARCHAR, body_lc VARCHAR, kind_rank INTEGER, ord BIGINT,
                           text_lc VARCHAR GENERATED ALWAYS AS (concat_ws(' ', title_lc, id_lc, body_lc)))
"""

#: (kind, rank, table, title column, the fields its body joins).  Tag lists are unnested.
SEARCH_SOURCES: tuple[tuple[str, int, str, str, tuple[str, ...]], ...] = (
    ("plan", 0, "plans", "title", ("issuer", "summary")),
    ("goal", 1, "goals", "title", ("area", "description")),
    ("project", 2, "projects", "title", ("description", "owner", "location", "area", "tags")),
    ("indicator", 3, "indicators", "title", ("unit", "description")),
    ("milestone", 4, "milestones", "title", ("date", "description")),
    ("period", 5, "periods", "label", ()),
)

#: Parts of the vocabulary.
TITLE, FIELD = 1, 2
#: Values joined into one text per block (with line breaks, which no query term holds): one
#: ``contains`` over a long text costs far less than over many short ones.  Blocks stay a few
#: kilobytes, because DuckDB reads two thousand of them at a time and a reader has 32 MB.
VOCAB_BLOCK = 32
ID_BLOCK = 64

# Titles and ids in sorted order point back at search_items rows: DuckDB's per-block
# min/max statistics then answer "starts with ..." by reading a few blocks, not all.
SEARCH_TITLES = """
CREATE TABLE search_titles AS
SELECT key, sid FROM (
  SELECT title_lc AS key, rowid AS sid FROM search_items
  UNION ALL SELECT id_lc, rowid FROM search_items
) ORDER BY key
"""


def _field(name: str) -> str:
    return "array_to_string(tags, ' ')" if name == "tags" else name


def _field_values(table: str, fields: tuple[str, ...]) -> list[str]:
    return [f"SELECT {'unnest(tags)' if name == 'tags' else name} AS v FROM {table}" for name in fields]


def build_search(con: duckdb.DuckDBPyConnection) -> None:
    """Build search_items, search_titles and search_vocab from the finished record tables."""
    con.execute(SEARCH_TABLE)
    # One INSERT per kind keeps each statement streaming; one UNION ALL with ORDER BY had to
    # sort every description at once and ran out of memory on a million projects.
    for kind, rank, table, title, fields in SEARCH_SOURCES:
        plan = "id" if table == "plans" else "plan_id"
        body = f"concat_ws(' ', {', '.join(_field(f) for f in fields)})" if fields else "NULL"
        con.execute(
            f"""INSERT INTO search_items
                  (kind, id, plan_id, title, body, title_lc, id_lc, body_lc, kind_rank, ord)
                SELECT '{kind}', id, {plan}, {title}, body, lower({title}), lower(id), lower(body),
                       {rank}, ord
                FROM (SELECT *, {body} AS body FROM {table})"""
        )
    con.execute(SEARCH_TITLES)
    values = " UNION ALL ".join(
        v for _, _, table, _, fields in SEARCH_SOURCES for v in _field_values(table, fields)
    )
    # These two are read whole by a search that finds little, so they are stored uncompressed:
    # decoding compressed text cost four times more than reading it.  Everything else is
    # checkpointed (compressed) first, and only these tables are written by the second one.
    con.execute("CHECKPOINT")
    con.execute("SET force_compression = 'uncompressed'")
    try:
        # Blocks by a hash of the text and each block sorted, so the same data give the same file.
        con.execute(
            f"""CREATE TABLE search_vocab AS
                WITH words AS (
                  SELECT DISTINCT {TITLE} AS part, title_lc AS text FROM search_items
                  UNION ALL
                  SELECT DISTINCT {FIELD}, lower(v) FROM ({values}) WHERE v IS NOT NULL AND v <> '')
                SELECT part, array_to_string(list_sort(list(text)), chr(10)) AS text
                FROM words
                GROUP BY part, hash(text) % (1 + (SELECT count(*) FROM words) // {VOCAB_BLOCK})
                ORDER BY part, text"""
        )
        con.execute(
            f"""CREATE TABLE search_id_blocks AS
                SELECT rowid // {ID_BLOCK} AS block, array_to_string(list_sort(list(id_lc)), chr(10)) AS text
                FROM search_items GROUP BY 1 ORDER BY 1"""
        )
        con.execute("CHECKPOINT")
    finally:
        con.execute("RESET force_compression")
