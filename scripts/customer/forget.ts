// npm run customer:forget -- <address> [--delete]
// Removes one customer's personal data everywhere the app keeps it (P-6): their cases are
// anonymised (kept for the figures, nothing identifies them; --delete removes them), and
// their messages, attachments, mails we sent, timeline details, survey comments,
// quarantined mail, learned examples, and in Redis their entries in the incident buckets
// and their auto-reply counts go. Prints what it did.
import { databaseTag, taggedPrefix } from '../../src/adapters/mongo/databaseTag.js';
import mongoose from 'mongoose';
import { readConfig } from '../../src/config/environment.js';
import { EX } from '../../src/config/exitCodes.js';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { casesOfCustomer, eraseCases } from '../../src/adapters/mongo/erasure.js';
import { watchCaseWrites } from '../../src/adapters/mongo/models/caseModel.js';
import { refreshBoard } from '../../src/adapters/mongo/boardIndex.js';
import { MongoSettingsStore } from '../../src/adapters/mongo/settingsStore.js';
import { Redis } from 'ioredis';
import { shownUrl } from '../../src/adapters/redis/connection.js';
import { RedisIncidentBuckets } from '../../src/adapters/redis/incidentBuckets.js';
import { RedisAutoReplyCounts } from '../../src/adapters/redis/autoReplyCounts.js';
import { RedisErasureMarks } from '../../src/adapters/redis/erasureMarks.js';
import { useDocumentLocks } from '../../src/adapters/mongo/documentLocks.js';
import { endErrorsWithOneLine, parseCommandLine, reach, ScriptError, usageError } from '../lib/scriptExit.js';

endErrorsWithOneLine('customer:forget');
const USAGE = 'usage: npm run customer:forget -- <email address> [--delete]';
const { values, positionals } = parseCommandLine(USAGE, { allowPositionals: true, options: { delete: { type: 'boolean', default: false } } });
const address = positionals[0];
if (!address || !address.includes('@')) throw usageError(USAGE);
const config = readConfig();
const { ferretdb } = await reach(connectMongo(config.MONGODB_URL));
// The erased cases' cards and search terms leave the board with them.
watchCaseWrites({ written: refreshBoard });
const cases = await casesOfCustomer(address);
const action = values.delete ? 'delete' : 'anonymise';
// Redis first, before anything is erased: if it cannot be reached the run stops, and
// running it again later does the whole job. (No retries: the app's clients wait forever.)
const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
let cause = ''; // the socket's error says more than the closed connection's
redis.on('error', (err: Error) => (cause ||= err.message));
const dataPrefix = taggedPrefix(config.QUEUE_PREFIX, await databaseTag());
const marks = new RedisErasureMarks(redis, dataPrefix);
try {
  await redis.connect();
  await marks.mark(cases);
  await new RedisIncidentBuckets(redis, dataPrefix).forget(cases);
  await new RedisAutoReplyCounts(redis, config.QUEUE_PREFIX).forget(address, new Date());
} catch (err) {
  throw new ScriptError(
    EX.UNAVAILABLE,
    `cannot reach Redis at ${shownUrl(config.REDIS_URL)} to remove the customer's incident entries and auto-reply counts: ${(cause || (err as Error).message).replace(/\.$/, '')}. ` +
      "Start it ('npm run services') or set REDIS_URL and QUEUE_PREFIX as the app has them, then run this again; nothing was erased.",
  );
}
// The app's writes of these cases go on meanwhile: on FerretDB, ours take the same locks.
useDocumentLocks(ferretdb ? redis : null, config.QUEUE_PREFIX);
const settings = new MongoSettingsStore({ configFile: config.SCREENING_CONFIG_FILE, examplesFile: config.CLASSIFIER_SEED_FILE });
const report = await eraseCases(cases, action, (await settings.config()).priorityPolicy.businessHours.timeZone, marks, address);
console.log(JSON.stringify({ address, action, ...report }));
console.log(
  `${address}: ${report.cases} case(s) ${action === 'delete' ? 'deleted' : 'anonymised'}; ${report.messages} message(s), ${report.attachments} attachment(s), ` +
    `${report.mailsSent} sent mail(s), ${report.timelineEvents} timeline event(s), ${report.surveyAnswers} survey answer(s) cleared; ` +
    `${report.quarantined} quarantined mail(s) and ${report.learnedExamples} learned example(s) removed. ` +
    'Copies on your mail server (the support mailbox, the departments\' mailboxes) are not the app\'s: remove them there.',
);
redis.disconnect();
await mongoose.disconnect();
