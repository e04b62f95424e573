// The written-down jobs (see adapters/redis/caseJobs): MongoDB's pending_jobs collection.
import type { JobMarkers } from '../redis/caseJobs.js';
import type { AnyJob } from '../../pipeline/jobs/jobKinds.js';
import { PendingJobModel } from './models/lookupModels.js';
import { insertOnce } from './insertOnce.js';

export class MongoJobMarkers implements JobMarkers {
  async put(jobId: string, { kind: name, data }: AnyJob, runAt: Date): Promise<void> {
    // Mostly a new marker: an insert (shared with other jobs'), which FerretDB does far
    // faster than an upsert's read and replace; a marker there already (a job scheduled
    // again, for another time) is updated.
    if ((await insertOnce(PendingJobModel.collection, [{ _id: jobId, name, data, runAt }])) === 0) return;
    await PendingJobModel.updateOne({ _id: jobId }, { $set: { name, data, runAt } });
  }

  async remove(jobId: string): Promise<void> {
    await PendingJobModel.deleteOne({ _id: jobId });
  }

  async due(olderThan: Date, limit: number): Promise<Array<{ jobId: string; name: string; data: unknown; runAt: Date }>> {
    const docs = await PendingJobModel.find({ runAt: { $lt: olderThan } }).limit(limit).lean();
    return docs.map((d) => ({ jobId: d._id, name: d.name, data: d.data, runAt: d.runAt }));
  }
}
