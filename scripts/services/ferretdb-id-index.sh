#!/usr/bin/env bash
# Gives every FerretDB collection table an index its _id lookups can use.
#
# FerretDB 1.24's SQLite backend indexes _id as (_ferretdb_sjson->"_id") but filters by
# _ferretdb_sjson->'$._id' in its SELECT, UPDATE and DELETE statements. SQLite matches
# index expressions by their text, so no lookup by _id uses that index: every findById,
# update and delete reads and parses the whole collection, and a busy desk slows down as
# its collections grow. An index on the expression the queries use makes those lookups
# searches (EXPLAIN QUERY PLAN: SCAN -> SEARCH USING INDEX).
#
# FerretDB does not know this index: it does not list it, and it goes away with its
# table. It only helps the local FerretDB; a MongoDB server behind MONGODB_URL needs
# nothing. services.sh starts this loop next to FerretDB:
#
#   ferretdb-id-index.sh <FerretDB's SQLite data directory>
set -uo pipefail
dir=$1
marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
touch -d '1970-01-01' "$marker"

# Prints the CREATE INDEX statements that a database file still lacks.
missing_sql="SELECT 'CREATE INDEX IF NOT EXISTS \"' || table_name || '__id_path\" ON \"' || table_name || '\" (_ferretdb_sjson->''\$._id'');'
  FROM _ferretdb_collections
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = table_name || '__id_path');"

while [ -d "$dir" ]; do
  # A new table changes its database file or its write-ahead log; look only at those.
  next=$(mktemp)
  find "$dir" -maxdepth 1 \( -name '*.sqlite' -o -name '*.sqlite-wal' \) -newer "$marker" -print0 2>/dev/null |
    while IFS= read -r -d '' f; do
      db=${f%-wal}
      [ -f "$db" ] || continue
      # mode=rw: a database dropped meanwhile must not be created again as an empty file.
      sql=$(sqlite3 "file:$db?mode=rw" ".timeout 2000" "$missing_sql" 2>/dev/null) || continue
      [ -z "$sql" ] || sqlite3 "file:$db?mode=rw" ".timeout 10000" "$sql" 2>/dev/null || true
    done
  mv "$next" "$marker"
  sleep 0.5
done
