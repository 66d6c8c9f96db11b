"""The tables search reads, built once per load: lower-cased text per record, and where words are.

``search_items`` has one row per record: its title, its id and its body (the
other words it is found by: description, owner, place, tags...), each also
lower-cased.  Scanning all of it for every search would take a quarter of a
second at a million projects, so smaller tables let a search skip it:

- ``search_titles``: titles and ids in sorted order, for exact and prefix
  matches read from a few blocks;
- ``search_tokens``: every distinct word of a title or a body (split at
  spaces), whether titles or bodies hold it, and which blocks of
  TOKEN_BLOCK search_items rows do, as a bit string.  A query term has no
  whitespace, so a record's text holds it exactly when one of the record's
  words does: the words that contain a term say where its matches can be,
  and a search reads those blocks of search_items and no others;
- ``search_vocab``: every distinct title, for a phrase of several words, which
  no single word can answer for;
- ``search_id_blocks``: the ids, block n holding rows n * ID_BLOCK on.  Ids
  are unique, so they stay out of the words, which are few (a hundred
  thousand at a million projects, against three million ids).

The vocabulary and the ids are kept as blocks of values joined by line breaks:
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

#: Values joined into one text per block (with line breaks, which no query term holds): one
#: ``contains`` over a long text costs far less than over many short ones.  Blocks stay a few
#: kilobytes, because DuckDB reads two thousand of them at a time and a reader has 16 MB.
VOCAB_BLOCK = 32
ID_BLOCK = 64
#: Rows of search_items per bit of a word's blocks: one DuckDB vector, the least it reads.
TOKEN_BLOCK = 2048

# Titles and ids in sorted order point back at search_items rows: DuckDB's per-block
# min/max statistics then answer "starts with ..." by reading a few blocks, not all.  Ties
# (records of the same title) stay in record order, so that the same files always give the
# same table, and a search the same hits.
SEARCH_TITLES = """
CREATE TABLE search_titles AS
SELECT key, sid FROM (
  SELECT title_lc AS key, rowid AS sid FROM search_items
  UNION ALL SELECT id_lc, rowid FROM search_items
) ORDER BY key, sid
"""


# Each distinct word of the titles and of the bodies, with the blocks that hold it.  Split at
# spaces only: other whitespace stays inside a word, where no query term can reach it, so a term
# is in a text exactly when it is in one of the text's words.
SEARCH_TOKENS = """
CREATE TABLE search_tokens AS
SELECT token, bool_or(part = 1) AS in_title, bool_or(part = 2) AS in_body,
       bitstring_agg(block, 0, {last}) AS blocks
FROM (
  SELECT DISTINCT unnest(string_split(title_lc, ' ')) AS token, 1 AS part,
                  (rowid // {block})::INTEGER AS block FROM search_items
  UNION ALL
  SELECT DISTINCT unnest(string_split(body_lc, ' ')), 2, (rowid // {block})::INTEGER FROM search_items
) WHERE token <> '' GROUP BY token ORDER BY token
"""


def _field(name: str) -> str:
    return "array_to_string(tags, ' ')" if name == "tags" else name


def build_search(con: duckdb.DuckDBPyConnection) -> None:
    """Build search_items and the tables that point into it from the finished record tables."""
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
    rows = con.execute("SELECT count(*) FROM search_items").fetchone()[0]  # type: ignore[index]
    last_block = max(0, rows - 1) // TOKEN_BLOCK
    # These are read whole by a search that finds little, so they are stored uncompressed:
    # decoding compressed text cost four times more than reading it.  Everything else is
    # checkpointed (compressed) first, and only these tables are written by the second one.
    con.execute("CHECKPOINT")
    con.execute("SET force_compression = 'uncompressed'")
    try:
        con.execute(SEARCH_TOKENS.format(block=TOKEN_BLOCK, last=last_block))
        # Blocks by a hash of the text and each block sorted, so the same data give the same file.
        con.execute(
            f"""CREATE TABLE search_vocab AS
                WITH titles AS (SELECT DISTINCT title_lc AS text FROM search_items)
                SELECT array_to_string(list_sort(list(text)), chr(10)) AS text
                FROM titles
                GROUP BY hash(text) % (1 + (SELECT count(*) FROM titles) // {VOCAB_BLOCK})
                ORDER BY text"""
        )
        con.execute(
            f"""CREATE TABLE search_id_blocks AS
                SELECT rowid // {ID_BLOCK} AS block, array_to_string(list_sort(list(id_lc)), chr(10)) AS text
                FROM search_items GROUP BY 1 ORDER BY 1"""
        )
        con.execute("CHECKPOINT")
    finally:
        con.execute("RESET force_compression")
