// Bulk writes of updates (and deletes) by _id: at most BULK_STATEMENTS statements a
// command and one such command of this process in flight at a time. FerretDB 1.24's
// SQLite backend holds a read connection for each update statement of a command until
// the command ends, from 100 per database: a bulk write of about 100 updates waits for a
// connection it holds itself and hangs every request on its database. With this gate a
// process holds at most MONGODB_POOL_SIZE - 1 + BULK_STATEMENTS of them (27 at the
// default pool; three processes 81).
export const BULK_STATEMENTS = 8;

let tail: Promise<unknown> = Promise.resolve();

/** Runs `write` (one bulk write of at most BULK_STATEMENTS statements) when no other bulk write of this process is in flight. */
export function oneBulkAtATime<T>(write: () => Promise<T>): Promise<T> {
  const run = tail.then(write, write);
  tail = run.catch(() => undefined);
  return run;
}
