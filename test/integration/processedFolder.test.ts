// A mailbox configured to move processed mail (IMAP_URL ?processed=<folder>): a backlog
// found at start is downloaded by shared FETCH commands, stored, and moved out of the
// inbox by shared MOVE commands, each message only once its case is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { normalizeMessageId } from '../../src/domain/intake/dedupe.js';
import { addr, clearMailbox, deliver, readMailbox } from '../../scripts/lib/devMailbox.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const FOLDER = 'Processed';
const CUSTOMERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
let t: TestApp | undefined;

beforeAll(async () => {
  await Promise.all([clearMailbox(SUPPORT_USER), clearMailbox(SUPPORT_USER, FOLDER)]);
});

afterAll(async () => {
  await t?.stop();
  await clearMailbox(SUPPORT_USER, FOLDER);
});

describe('processed mail moved to a folder', () => {
  it('a backlog of six mails becomes six cases, and the inbox is emptied into the folder', async () => {
    const ids: string[] = [];
    for (const [i, user] of CUSTOMERS.entries()) {
      const zh = i % 2 === 1;
      ids.push(
        await deliver({
          from: addr(user),
          to: addr(SUPPORT_USER),
          subject: zh ? `订单 ${7000 + i} 的耳机没有声音` : `Order ${7000 + i}: the headphones make no sound`,
          text: zh ? '收到的耳机左边没有声音，请尽快处理。' : 'The left side of the headphones I received is silent. Please help.',
        }),
      );
    }
    const url = `imap://${SUPPORT_USER}%40example.test:dev-password@127.0.0.1:1143/INBOX?processed=${FOLDER}`;
    t = await startTestApp(testConfig(uniqueDbName(), { IMAP_URL: url }), { clearSupport: false });

    const moved = await waitFor('the six mails in the processed folder', async () => {
      const there = await readMailbox(SUPPORT_USER, FOLDER);
      return there.length === CUSTOMERS.length ? there : null;
    });
    expect(await readMailbox(SUPPORT_USER)).toEqual([]);
    expect(moved.map((m) => m.parsed.messageId).sort()).toEqual([...ids].sort());
    // Moved only after storing: every moved message has its stored message and case.
    const stored = await MessageModel.find({ messageId: { $in: ids.map(normalizeMessageId) } }, { caseId: 1 }).lean();
    expect(stored).toHaveLength(CUSTOMERS.length);
    const cases = await CaseModel.find({ _id: { $in: stored.map((m) => m.caseId) } }).lean();
    expect(cases.map((c) => c.customer.email).sort()).toEqual(CUSTOMERS.map(addr).sort());
  });
});
