// The incident buckets (see domain/incident/incidentMatch) in Redis: per bucket key, a
// sorted set of the latest screened cases by arrival, and per case one entry (number,
// arrival, customer, min-hash signature), once it is in one, its incident's id, and the
// peers it put in its incident. Every screening files its case in four buckets and reads
// eight; in MongoDB that was 16 commands on large documents under locks, the largest
// share of FerretDB's time per mail, and the peers' incidents were up to ten more reads.
// Here it is two round trips. Every key expires once no screening can look it up any
// more. They are an index of recent cases, not a record: if Redis lost them, cases
// screened before the loss would just not be grouped with later ones. Adding a case
// twice (a retried job) changes nothing. A case's incident id is noted before the
// database links it, and the first noted stays (as in the database): a screening retried
// after a crash in between finds its peers' ids, links the same incident, and links the
// peers it put in.
import type { Redis } from 'ioredis';
import type { IncidentCandidate } from '../../domain/incident/incidentMatch.js';
import type { IncidentBuckets } from '../../pipeline/classify/ports.js';

// A newcomer is compared with the latest cases of each of its buckets; in a burst larger
// than this the latest ones are in the incident already.
const BUCKET_CAP = 30;

// Joins an incident in one step: KEYS[1] is the set of the peers the case itself has put
// in its incident, KEYS[2..] the incident-of keys of the case, then of its similar peers
// (earliest first), whose ids are ARGV[3..] in the same order. The incident is the first
// one any of them is in already (the case's own first: a case stays in its incident), else
// the proposed one (ARGV[1]); each of them in none is put in it (for ARGV[2] ms), and the
// peers among them noted in KEYS[1]. Returns the incident, the 1-based positions of those
// put in now, and the ids of every peer the case has put in (now, or in a run of its
// screening that a crash cut short before it linked them in the database: its retry
// links them then; a peer another case's screening put in is that screening's to link).
// Atomic, so that two screenings of one burst that listed their peers before either had
// joined (the later-filed one may be the earlier case) still end in one incident.
const JOIN = `
local incident = ARGV[1]
for i = 2, #KEYS do
  local v = redis.call('get', KEYS[i])
  if v then incident = v break end
end
local joined = {}
for i = 2, #KEYS do
  if redis.call('set', KEYS[i], incident, 'PX', ARGV[2], 'NX') then
    joined[#joined + 1] = i - 1
    if i > 2 then redis.call('sadd', KEYS[1], ARGV[i + 1]) end
  end
end
if #joined > 0 then redis.call('pexpire', KEYS[1], ARGV[2]) end
return { incident, joined, redis.call('smembers', KEYS[1]) }`;

interface StoredEntry {
  caseNumber: string;
  at: number;
  customer: string;
  signature: number[];
}

export class RedisIncidentBuckets implements IncidentBuckets {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async addAndList(buckets: { file: string[]; look: string[] }, self: IncidentCandidate, keepMs: number): Promise<IncidentCandidate[]> {
    const entry: StoredEntry = { caseNumber: self.caseNumber, at: self.at.getTime(), customer: self.customer, signature: self.signature };
    // One pipeline, run in order: the entry is written before any bucket names the case.
    const p = this.redis.pipeline().set(this.entryKey(self.caseId), JSON.stringify(entry), 'PX', keepMs);
    for (const key of buckets.file) {
      p.zadd(this.bucketKey(key), entry.at, self.caseId).zremrangebyrank(this.bucketKey(key), 0, -(BUCKET_CAP + 1)).pexpire(this.bucketKey(key), keepMs);
    }
    for (const key of buckets.look) p.zrange(this.bucketKey(key), '0', '-1');
    const results = (await p.exec()) ?? [];
    const failed = results.find(([err]) => err);
    if (failed) throw failed[0];
    const listed = results.slice(-buckets.look.length).flatMap(([, ids]) => ids as string[]);
    // A case is filed in several buckets: once each.
    const caseIds = [...new Set(listed)];
    if (caseIds.length === 0) return [];
    const values = await this.redis.mget(caseIds.flatMap((id) => [this.entryKey(id), this.incidentKey(id)]));
    return caseIds.flatMap((caseId, i) => {
      const json = values[2 * i];
      if (!json) return []; // expired, or its customer was forgotten
      const e = JSON.parse(json) as StoredEntry;
      const incidentId = values[2 * i + 1];
      return [{ caseId, caseNumber: e.caseNumber, at: new Date(e.at), customer: e.customer, signature: e.signature, ...(incidentId ? { incidentId } : {}) }];
    });
  }

  async joinIncident(peerIds: string[], selfId: string, proposed: string, keepMs: number): Promise<{ incidentId: string; joined: string[] }> {
    const ids = [selfId, ...peerIds];
    const [incidentId, positions, putIn] = (await this.redis.eval(JOIN, ids.length + 1, this.joinedByKey(selfId), ...ids.map((id) => this.incidentKey(id)), proposed, String(keepMs), ...ids)) as [string, number[], string[]];
    const now = positions.map((i) => ids[i - 1]!);
    return { incidentId, joined: [...now, ...putIn.filter((id) => !now.includes(id))] };
  }

  /** Removes the cases' entries (with their customer's address); the buckets' ids lead nowhere then. */
  async forget(caseIds: string[]): Promise<void> {
    if (caseIds.length) await this.redis.del(...caseIds.flatMap((id) => [this.entryKey(id), this.incidentKey(id), this.joinedByKey(id)]));
  }

  private bucketKey(key: string): string {
    return `${this.prefix}:incident:bucket:${key}`;
  }

  private entryKey(caseId: string): string {
    return `${this.prefix}:incident:case:${caseId}`;
  }

  private incidentKey(caseId: string): string {
    return `${this.prefix}:incident:of:${caseId}`;
  }

  private joinedByKey(caseId: string): string {
    return `${this.prefix}:incident:joined-by:${caseId}`;
  }
}
