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

# Prints the CREATE INDEX statements that a database file still lacks.
missing_sql="SELECT 'CREATE INDEX IF NOT EXISTS \"' || table_name || '__id_path\" ON \"' || table_name || '\" (_ferretdb_sjson->''\$._id'');'
  FROM _ferretdb_collections
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = table_name || '__id_path');"

# Cheap when idle and when busy: no process at all between checks (a loop that spawned
# five processes twice a second, sqlite3 among them whenever a database's log changed,
# took 7 % of a core during a bench: 5.4 s of CPU in a 75 s run; one `find` a second
# still took 1 % of a core idle and ~3 % during a bench). A database is asked again at
# most every RECHECK seconds; what changed meanwhile is remembered and asked about when
# its time comes. A new collection waits at most that long for its index, while it holds
# a few documents.
RECHECK=5
declare -A checked=() # database file -> second of its last check
declare -A dirty=()   # database files changed since their last check
exec {tick}<> <(:)    # a pipe no one writes to: `read -t` on it sleeps without a process
# What changed is told by file times against stamp files that the loop rewrites in turn
# (a redirection, no process). A scan compares with the stamp written two scans before,
# so that a write in the same clock tick as a stamp (file times are coarse) is still seen.
stamps=$(mktemp -d)
trap 'rm -rf "$stamps"' EXIT
trap 'exit 0' TERM INT HUP
scans=0

while [ -d "$dir" ]; do
  # A new table changes its database file or its write-ahead log; look only at those.
  : >"$stamps/$((scans % 3))"
  since="$stamps/$(((scans + 1) % 3))" # none at first: every file counts as changed
  scans=$((scans + 1))
  for f in "$dir"/*.sqlite "$dir"/*.sqlite-wal; do
    [ "$f" -nt "$since" ] && dirty[${f%-wal}]=1
  done
  for db in "${!dirty[@]}"; do
    if [ ! -f "$db" ]; then unset "dirty[$db]" "checked[$db]"; continue; fi
    [ $((EPOCHSECONDS - ${checked[$db]:-0})) -ge $RECHECK ] || continue
    unset "dirty[$db]"
    checked[$db]=$EPOCHSECONDS
    # mode=rw: a database dropped meanwhile must not be created again as an empty file.
    sql=$(sqlite3 "file:$db?mode=rw" ".timeout 2000" "$missing_sql" 2>/dev/null) || { dirty[$db]=1; continue; }
    [ -z "$sql" ] || sqlite3 "file:$db?mode=rw" ".timeout 10000" "$sql" 2>/dev/null || true
  done
  read -rt 1 -u "$tick" || true
done
