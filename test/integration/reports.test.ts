// Reports on the real services: a generated quarter of cases with known
// answers goes through the projector (timeline events -> rollups) and comes out as the
// report, the console page and the CSV with the expected counts, averages,
// percentiles, SLA attainment and top phrases; a rebuild gives the same report; a real
// mail's acknowledgement is counted; and the quarterly report reaches a recipient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { createUser } from '../../src/adapters/http/console/accounts.js';
import { recordEvents, type EventInput } from '../../src/adapters/mongo/events.js';
import { CaseModel } from '../../src/adapters/mongo/models/caseModel.js';
import { ReportQueueModel } from '../../src/adapters/mongo/models/reportQueueModel.js';
import { MessageModel } from '../../src/adapters/mongo/models/messageModel.js';
import { MongoReportSource } from '../../src/adapters/mongo/reportSource.js';
import { DayRollupModel, MongoRollupStore, MonthRollupModel } from '../../src/adapters/mongo/rollupStore.js';
import { localDay, periodOf } from '../../src/domain/report/period.js';
import { readReport } from '../../src/pipeline/report/readReport.js';
import { rebuildRollups } from '../../src/pipeline/report/rebuildRollups.js';
import { withMutex } from '../../src/adapters/redis/mutex.js';
import { createRedis } from '../../src/adapters/redis/connection.js';
import { RedisErasureMarks } from '../../src/adapters/redis/erasureMarks.js';
import { addr, clearMailbox, deliver, waitForMail } from '../../scripts/lib/devMailbox.js';
import { SUPPORT_USER, startTestApp, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';
import { MongoAccountStore } from '../../src/adapters/mongo/consoleStores.js';

const PORT = 3935;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'correct horse battery staple';
const TZ = 'Asia/Taipei';
const MIN = 60_000;
const H = 60 * MIN;
const N = 100;
const Q3 = periodOf('quarter', '2026-08-15');
const DEPARTMENTS = ['tech', 'service', 'product', 'quality', 'logistics', 'legal'];

let t: TestApp;
let clock: Date | null = null;
const rollups = new MongoRollupStore();

const BATTERY = ['The battery life is too short.', 'Battery life dropped after the update.', 'Poor battery life, it lasts four hours.', 'My battery life is half of what was advertised.', 'Battery life is terrible on this model.'];
const QUALITY_OTHER = ['The screen has a dead pixel near the corner.', 'There is a scratch on the case out of the box.', 'The charger gets very hot.', 'A button feels loose.', 'The speaker rattles at high volume.'];
const ZH_BATTERY = ['電池續航很差，一天要充三次', '這支手機的電池續航太短', '平板電池續航不到半天', '电池续航越来越差', '新買的耳機電池續航只有一小時'];
const TECHNICAL = ['The app crashes when I upload photos.', 'Login fails with error 1043.', 'Sync stops after the update.', 'Notifications never arrive.', 'The export button does nothing.'];

/** Case i of the generated quarter: what it is, and what happened to it when. */
function generated(i: number) {
  const receivedAt = new Date(Date.UTC(2026, 6, 1 + (i % 90), 4)); // 12:00 in Taipei, Jul 1 … Sep 28
  const quality = i % 2 === 0;
  const q = i / 2;
  const text = quality ? (q < 20 ? BATTERY[q % 5]! : q < 30 ? ZH_BATTERY[q % 5]! : QUALITY_OTHER[q % 5]!) : TECHNICAL[i % 5]!;
  const at = (ms: number) => new Date(receivedAt.getTime() + ms);
  const events: Array<Omit<EventInput, 'caseId'>> = [
    { id: `g${i}:cat`, type: 'screening.category', at: at(MIN), data: {} },
    { id: `g${i}:ack`, type: 'mail.sent', at: at(((i % 10) + 1) * MIN), data: { kind: 'acknowledgement' } },
  ];
  if (i < 90) {
    events.push(
      { id: `g${i}:progress`, type: 'mail.sent', at: at(2 * H), data: { kind: 'progress' } },
      { id: `g${i}:resolved`, type: 'status.changed', at: at((i + 1) * H), data: { from: 'in_progress', to: 'resolved' } },
      { id: `g${i}:survey`, type: 'mail.sent', at: at((i + 2) * H), data: { kind: 'survey' } },
    );
    if (i % 15 === 0) events.push({ id: `g${i}:reopened`, type: 'status.changed', at: at((i + 3) * H), data: { from: 'resolved', to: 'reopened' } });
  }
  if (i < 60) events.push({ id: `g${i}:answer`, type: 'survey.answered', at: at((i + 2.5) * H), data: { kind: 'score', score: (i % 5) + 1 } });
  return {
    doc: {
      _id: `gen-${i}`,
      number: `RPT-${String(i).padStart(4, '0')}`,
      channel: i % 10 < 6 ? 'email' : i % 10 < 9 ? 'form' : 'api',
      customer: { email: `customer${i}@example.test`, name: '' },
      subject: `Order ${1000 + i}`,
      priority: i % 5 === 0 ? 'high' : 'medium',
      status: i < 90 ? 'resolved' : 'in_progress',
      receivedAt,
      category: quality ? 'quality' : 'technical',
      department: quality ? 'quality' : 'tech',
      due: { acknowledgeBy: at(8 * MIN), firstResponseBy: at(4 * H), resolveBy: at(48 * H) },
    },
    text,
    events,
  };
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${BASE}/console/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password: PASSWORD }) });
  return (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}
const get = (path: string, cookie: string) => fetch(`${BASE}${path}`, { headers: { cookie } });
const noPending = () => waitFor('every event counted', async () => (await ReportQueueModel.countDocuments()) === 0, 100_000);

beforeAll(async () => {
  await Promise.all(['supervisor', 'judy'].map((u) => clearMailbox(u)));
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE }), { now: () => clock ?? new Date() });
  await createUser({ email: 'admin@example.test', name: 'Admin', role: 'admin', departments: [], password: PASSWORD }, new MongoAccountStore());
  await createUser({ email: 'li.wei@example.test', name: 'Li Wei', role: 'staff', departments: ['tech'], password: PASSWORD }, new MongoAccountStore());
  const cases = Array.from({ length: N }, (_, i) => generated(i));
  await CaseModel.insertMany(cases.map((c) => c.doc));
  await MessageModel.insertMany(cases.map((c) => ({ _id: c.doc._id, caseId: c.doc._id, caseNumber: c.doc.number, direction: 'in', channel: c.doc.channel, receivedAt: c.doc.receivedAt, text: c.text })));
  // Sparse data, as older versions stored it: the projector reads what is there.
  await recordEvents(cases.flatMap((c) => c.events.map((e) => ({ ...e, caseId: c.doc._id }) as EventInput)));
  await noPending();
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('reports from rollups', () => {
  it('gives the known figures for the generated quarter', async () => {
    const r = await readReport(Q3, null, rollups, DEPARTMENTS);
    expect(r.received).toBe(N);
    expect(r.byChannel.map((s) => [s.name, s.count])).toEqual([['email', 60], ['form', 30], ['api', 10]]);
    expect(r.byCategory.map((s) => [s.name, s.count, s.share])).toEqual([['quality', 50, 0.5], ['technical', 50, 0.5]]);
    // Acknowledged after 1 … 10 minutes (ten cases each): average 5.5 min, 90 % within 9 min.
    expect(r.handling.acknowledge.average).toBe(5.5 * MIN);
    expect(r.handling.acknowledge.p90! / (9 * MIN)).toBeCloseTo(1, 1);
    expect(r.handling.firstUpdate.average).toBe(2 * H);
    // Resolved after 1 … 90 hours: average 45.5 h, 90th percentile 81 h (within 2.5 %).
    expect(r.handling.resolve.average).toBe(45.5 * H);
    expect(Math.abs(r.handling.resolve.p90! - 81 * H) / (81 * H)).toBeLessThan(0.025);
    const high = r.sla.find((s) => s.priority === 'high')!;
    const medium = r.sla.find((s) => s.priority === 'medium')!;
    expect([high.received, high.acknowledge.met, high.acknowledge.due]).toEqual([20, 20, 20]);
    expect([medium.received, medium.acknowledge.met, medium.acknowledge.due]).toEqual([80, 60, 80]);
    expect(high.resolve.met + medium.resolve.met).toBe(48);
    expect(high.firstUpdate.rate).toBe(1);
    expect(r.resolutionRate).toBe(0.9);
    expect(r.reopenRate).toBeCloseTo(6 / 90);
    expect(r.satisfaction).toMatchObject({ average: 3, distribution: [12, 12, 12, 12, 12], answered: 60, surveysSent: 90 });
    const quality = r.topPhrases.find((c) => c.category === 'quality')!;
    expect(quality.phrases.slice(0, 2).map((p) => [p.phrase, p.share])).toEqual([['battery life', 0.4], ['电池续航', 0.2]]);
    expect(r.departments.map((d) => [d.department, d.received, d.resolved])).toEqual([['quality', 50, 45], ['tech', 50, 45]]);
  });

  it('shows them on the console page with charts, and as CSV; staff see only their department', async () => {
    const admin = await signIn('admin@example.test');
    const res = await get('/console/reports?period=quarter&day=2026-08-15', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('2026 Q3');
    expect(html).toMatch(/Cases received<\/th><td>100<\/td>/);
    expect(html).toMatch(/Resolved<\/th><td>90.0 %<\/td>/);
    expect(html).toContain('battery life');
    expect(html).toContain('<canvas data-chart=');
    const chartJs = await get('/console/static/chart.umd.min.js', admin);
    expect([chartJs.status, (await chartJs.text()).length > 100_000]).toEqual([200, true]);

    const csvRes = await get('/console/reports.csv?period=quarter&day=2026-08-15', admin);
    expect(csvRes.headers.get('content-disposition')).toContain('report-2026-Q3.csv');
    const csv = (await csvRes.text()).replace(/^\ufeff/, '').split('\r\n');
    expect(csv).toContain('received,100');
    expect(csv).toContain('resolve average (min),2730');
    expect(csv).toContain('channel,cases,share');
    expect(csv).toContain('email,60,0.6000');
    expect(csv).toContain('quality,battery life,20,0.4000');

    const staff = await signIn('li.wei@example.test');
    const own = await (await get('/console/reports?period=quarter&day=2026-08-15', staff)).text();
    expect(own).toMatch(/Cases received<\/th><td>50<\/td>/);
    expect((await get('/console/reports?period=quarter&day=2026-08-15&department=quality', staff)).status).toBe(403);
  });

  it('rebuilds the same figures from the timelines', async () => {
    const before = await readReport(Q3, null, rollups, DEPARTMENTS);
    const source = new MongoReportSource();
    const redis = createRedis(t.config.REDIS_URL);
    await withMutex(redis, `${t.config.QUEUE_PREFIX}:report-projector`, { leaseMs: 60_000, waitMs: 30_000, what: 'the projector' }, () =>
      rebuildRollups({ source, rollups, erasures: new RedisErasureMarks(redis, t.config.QUEUE_PREFIX), timeZone: async () => TZ, resetSource: () => source.resetAll(), clearRollups: () => rollups.clear() }),
    );
    redis.disconnect();
    expect(await readReport(Q3, null, rollups, DEPARTMENTS)).toEqual(before);
    for (const model of [DayRollupModel, MonthRollupModel]) expect(await model.countDocuments({ 'marks.0': { $exists: true } })).toBe(0);
  });

  it('counts a real mail’s acknowledgement on the day it came in', async () => {
    const today = localDay(new Date(), TZ);
    const todays = () => readReport({ from: today, to: today, label: today }, null, rollups, DEPARTMENTS);
    const acked = (r: Awaited<ReturnType<typeof todays>>) => r.sla.reduce((n, s) => n + s.acknowledge.due, 0);
    const before = await todays();
    const messageId = await deliver({ from: addr('judy'), to: addr(SUPPORT_USER), subject: 'Battery life', text: 'The battery life of my new phone is only four hours.' });
    await waitForMail('judy', (ms) => ms.some((m) => m.parsed.inReplyTo === messageId), 30_000);
    const after = await waitFor('the acknowledgement counted', async () => {
      const r = await todays();
      return acked(r) > acked(before) ? r : null;
    });
    expect(after.received - before.received).toBe(1);
    expect(acked(after) - acked(before)).toBe(1);
  });

  it('mails the quarterly report to its recipients after the quarter', async () => {
    clock = new Date('2026-10-01T00:00:00Z'); // 08:00 on 1 October in Taipei
    await t.app.queues.periodic.add('report-mail', {}, { jobId: 'report-mail-test' });
    const mails = await waitForMail('supervisor', (ms) => ms.some((m) => /2026 Q3/.test(m.parsed.subject ?? '')), 30_000);
    const quarterly = mails.find((m) => /2026 Q3/.test(m.parsed.subject ?? ''))!;
    expect(quarterly.parsed.html).toContain('battery life');
    expect(quarterly.parsed.text).toContain('Cases received: 100');
    expect(mails.some((m) => /2026-09/.test(m.parsed.subject ?? ''))).toBe(true);
    clock = null;
  });

  it('lists each phrase document for trimming once, and trims it when its day and month are over', async () => {
    const fact = (key: string, phrases: string[]) => ({ key, day: '2025-01-02', counts: { received: 1 }, phrases, department: 'quality', channel: 'email', category: 'quality', priority: 'normal' });
    await rollups.apply([fact('trim-a', ['cracked screen']), fact('trim-b', ['cracked screen', 'late parcel'])]);
    await rollups.apply([fact('trim-c', ['late parcel'])]);
    const open = mongoose.connection.db!.collection('report_open_phrases');
    const listed = async () => (await open.find({}).toArray()).map((o) => String(o._id)).filter((id) => id.startsWith('2025-01')).sort();
    expect(await listed()).toEqual(['2025-01-02|*|phrases', '2025-01-02|quality|phrases', '2025-01|*|phrases', '2025-01|quality|phrases']);
    expect(await rollups.trimClosed('2026-01-01')).toBeGreaterThanOrEqual(4);
    expect(await listed()).toEqual([]);
  });

  it('stores 300 cases’ metrics in one call (one bulk write of about 100 updates hung FerretDB)', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `bulk-metrics-${i}`);
    await CaseModel.collection.insertMany(ids.map((_id) => ({ _id, metrics: {} })) as never[]);
    await new MongoReportSource().saveMetrics(ids.map((caseId, i) => ({ caseId, metrics: { received: true, ackMs: i } })));
    expect(await CaseModel.countDocuments({ _id: { $in: ids }, 'metrics.received': true })).toBe(300);
    await CaseModel.collection.deleteMany({ _id: { $in: ids } } as never);
  }, 30_000);
});
