// The database is wiped (or restored from an older backup) while Redis keeps its data:
// case ids and numbers start over, and the earlier run's finished jobs and send receipts
// are still in Redis under the same names. Every mail must still be answered: the same
// mails sent again (their case ids are those of the earlier run) and new ones (their case
// numbers are).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { addr, clearMailbox, deliver, readMailbox } from '../../scripts/lib/devMailbox.js';
import { startTestApp, SUPPORT_USER, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const CUSTOMERS = ['alice', 'bob', 'carol'];
const config = testConfig(uniqueDbName());
let t: TestApp | undefined;

beforeAll(async () => {
  await Promise.all(CUSTOMERS.map((u) => clearMailbox(u)));
});

afterAll(async () => {
  await t?.stop();
});

const complain = (i: number, messageId?: string) =>
  deliver({ from: addr(CUSTOMERS[i % CUSTOMERS.length]!), to: addr(SUPPORT_USER), subject: `Order ${i} never arrived`, text: `My order ${i} has not arrived after two weeks.`, ...(messageId ? { messageId } : {}) });

/** Acknowledgements in the customers' mailboxes, per message id they answer. */
async function acks(): Promise<Map<string, number>> {
  const mails = (await Promise.all(CUSTOMERS.map((u) => readMailbox(u)))).flat();
  const per = new Map<string, number>();
  for (const m of mails) if (m.parsed.inReplyTo) per.set(m.parsed.inReplyTo, (per.get(m.parsed.inReplyTo) ?? 0) + 1);
  return per;
}

describe('a wiped database with a kept Redis', () => {
  it('answers every mail, the same ones sent again and new ones', async () => {
    // The reconciler looks at work pending for 3 s instead of a minute, to keep the test short.
    t = await startTestApp(config, { reconcileGraceMs: 3000 });
    const before = [await complain(0), await complain(1), await complain(2)];
    await waitFor('the first run to answer its mails', async () => {
      const per = await acks();
      return before.every((id) => per.get(id) === 1);
    }, 60_000);

    await t.stop(); // drops the database; Redis keeps the first run's jobs and receipts
    // The reconciler's usual grace of a minute: the answers must not wait for it.
    t = await startTestApp(config);
    for (const [i, id] of before.entries()) await complain(i, id);
    const after = [await complain(3), await complain(4)];

    // The mails sent again are new cases in the new database (a second acknowledgement each).
    await waitFor(
      'every mail answered by the second run',
      async () => {
        const per = await acks();
        return before.every((id) => per.get(id) === 2) && after.every((id) => per.get(id) === 1);
      },
      30_000,
    );
    expect(await CaseModel.countDocuments()).toBe(before.length + after.length);
    // A case is marked sent just after the relay accepted its mail, which may reach the
    // mailbox first.
    await waitFor('every acknowledgement marked sent', async () => (await CaseModel.find({}, { ack: 1 }).lean()).every((c) => c.ack?.state === 'sent'), 10_000);
    expect(await readMailbox(SUPPORT_USER)).toHaveLength(before.length + after.length);
  }, 240_000);
});
