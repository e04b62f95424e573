// A new document as createOnce stores it, without a mongoose document: the same as a
// mongoose document of the model would be stored (cast, defaults, empty objects left
// out), and refused where its validation would refuse it.
import { describe, expect, it } from 'vitest';
import { asCreated } from '../../src/adapters/mongo/createOnce.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { OutboxModel } from '../../src/adapters/mongo/models/outboxModel.js';

const at = new Date('2026-12-07T08:00:00Z');
const CASE = { _id: 'k1', number: 'CS-2026-000001', channel: 'email', mailboxKey: 'mb', customer: { email: 'a@example.test', name: 'A' }, subject: 'Hello', locale: 'en', priority: 'medium', receivedAt: at, status: 'new', rev: 0, ack: { state: 'pending' } };
const MESSAGE = {
  _id: 'k1', caseId: 'k1', caseNumber: 'CS-2026-000001', direction: 'in', channel: 'email', mailboxKey: 'mb', uid: '5', messageId: 'm@x', inReplyTo: [], references: ['a@b'],
  from: { address: 'a@example.test', name: 'A' }, to: [{ address: 's@example.test', name: '' }], cc: [], subject: 'Hello', sentAt: at, receivedAt: at, text: 'text', html: undefined,
  truncated: false, headers: [{ name: 'x-a', value: '1' }], rawSize: 900, automated: undefined, attachments: [{ fileId: 'f', filename: 'a.txt', contentType: 'text/plain', size: 3 }],
};
const OUTBOX = { _id: 'o1', caseId: 'k1', kind: 'acknowledgement', auto: true, from: 'support@example.test', to: 'a@example.test', subject: 's', text: 't', html: 'h', messageId: 'm', inReplyTo: 'x', references: ['y'], headers: [{ name: 'X', value: 'v' }], state: 'sending', leaseUntil: at, attempts: 1 };

/** What a mongoose document of the model stores, without the parts that differ by moment (timestamps, sub-document ids). */
async function viaDocument(model: typeof CaseModel, fields: object) {
  const doc = new model(fields);
  await doc.validate();
  return comparable({ ...model.applyTimestamps(doc.toObject()), __v: 0 });
}
const comparable = (o: object) => JSON.parse(JSON.stringify(o, (k, v: unknown) => (k === 'createdAt' || k === 'updatedAt' || (k === '_id' && typeof v === 'string' && /^[0-9a-f]{24}$/.test(v)) ? undefined : v)));

describe('asCreated', () => {
  it('stores a case, a message and an outbox entry as a mongoose document would', async () => {
    for (const [model, fields] of [[CaseModel, CASE], [MessageModel, MESSAGE], [OutboxModel, OUTBOX]] as const) {
      const doc = asCreated(model as never, { ...fields });
      expect(doc.createdAt).toBeInstanceOf(Date);
      expect(comparable(doc)).toEqual(await viaDocument(model as never, { ...fields }));
    }
    expect(asCreated(MessageModel as never, { ...MESSAGE }).uid).toBe(5);
  });

  it('refuses what validation refuses: a required field missing or empty, a value outside an enum, a value that does not cast', () => {
    const { number: _, ...noNumber } = CASE;
    expect(() => asCreated(CaseModel as never, noNumber)).toThrow(/number is required/);
    expect(() => asCreated(CaseModel as never, { ...CASE, customer: { email: '', name: '' } })).toThrow(/customer.email is required/);
    expect(() => asCreated(CaseModel as never, { ...CASE, status: 'lost' })).toThrow(/status: `lost` is not a valid enum value/);
    expect(() => asCreated(MessageModel as never, { ...MESSAGE, receivedAt: 'not a date' })).toThrow();
  });
});
