// A case as a store last read or wrote it, handed by one stage to the next so that the
// next need not read it again (the screening job's write, then its opening mails: two
// reads fewer per case). Opaque to the pipeline: only the adapter that made it looks
// inside, and a stage given none reads the case itself.
declare const snapshot: unique symbol;

export interface CaseSnapshot {
  readonly [snapshot]: true;
}
