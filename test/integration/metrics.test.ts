// The operator's figures: /metrics on the process's own listener moves as mail comes in,
// is stored, quarantined and acknowledged; the public /healthz says ok or not ok and
// nothing more, the operator's /healthz says which connection and why. Real services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { addr, clearMailbox, deliver, deliverRaw, waitForMail } from '../../scripts/lib/devMailbox.js';
import { startTestApp, SUPPORT_USER, testConfig, uniqueDbName, waitFor, type TestApp } from '../support/testApp.js';

const PORT = 3937;
let t: TestApp;

/** The samples of a Prometheus text page, by name and labels as written. */
async function scrape(app = t): Promise<Map<string, number>> {
  const res = await fetch(`${app.app.metricsUrl}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const m = /^([a-z_:]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) samples.set(m[1]!, Number(m[2]));
  }
  return samples;
}

const at = (s: Map<string, number>, name: string) => s.get(name) ?? 0;

beforeAll(async () => {
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), METRICS_PORT: '0' }));
  await clearMailbox('heidi');
});

afterAll(async () => {
  await t?.stop();
});

describe('/metrics', () => {
  it('counts mail fetched, stored, quarantined and acknowledged, with the lags', async () => {
    const before = await scrape();
    const moved = (s: Map<string, number>, name: string) => at(s, name) - at(before, name);

    const messageId = await deliver({ from: addr('heidi'), to: addr(SUPPORT_USER), subject: 'The invoice is wrong', text: 'Hello, my invoice 7781 charges me twice for one order. Please correct it.' });
    await deliverRaw([addr(SUPPORT_USER)], 'To: testsupport@example.test\r\nSubject: no sender here\r\n\r\nwho sent this?\r\n');
    await waitForMail('heidi', (m) => m.some((x) => x.parsed.inReplyTo === messageId));

    // The screening job sends the acknowledgement before it completes: wait for both.
    const after = await waitFor('the acknowledgement and its screening job to be counted', async () => {
      const s = await scrape();
      return moved(s, 'fd_acknowledgement_latency_seconds_count') >= 1 && moved(s, 'fd_jobs_completed_total{job="screen"}') >= 1 ? s : null;
    });
    expect(moved(after, 'fd_mails_fetched_total{channel="email"}')).toBe(2);
    expect(moved(after, 'fd_mails_stored_total{outcome="opened"}')).toBe(1);
    expect(moved(after, 'fd_mails_quarantined_total{reason="no-sender"}')).toBe(1);
    expect(moved(after, 'fd_intake_lag_seconds_count')).toBe(2);
    expect(moved(after, 'fd_intake_lag_seconds_bucket{le="60"}')).toBe(2); // stored within the minute
    expect(moved(after, 'fd_acknowledgement_latency_seconds_count')).toBe(1);
    expect(moved(after, 'fd_mails_sent_total{kind="acknowledgement"}')).toBe(1);
    expect(moved(after, 'fd_jobs_completed_total{job="screen"}')).toBeGreaterThanOrEqual(1);
    expect(after.get('fd_mail_send_failures_total{kind="acknowledgement",permanent="false"}') ?? 0).toBe(0);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(after.has(`fd_queue_jobs{queue="cases",state="${state}"}`)).toBe(true);
    expect(after.get('fd_outbox_backlog')).toBe(0);
    expect(after.get('fd_up')).toBe(1);
    expect(after.has('fd_sla_breaches_total')).toBe(true);
    expect(after.has('fd_process_cpu_seconds_total')).toBe(true);
  });

  it('the public /healthz says ok and no more; the operator listener names each connection', async () => {
    const pub = await fetch(`http://127.0.0.1:${PORT}/healthz`);
    expect(pub.status).toBe(200);
    expect(await pub.json()).toEqual({ status: 'ok' });
    const operator = (await (await fetch(`${t.app.metricsUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(operator).toMatchObject({ status: 'ok', mongo: 'connected', redis: 'ready', mailboxes: [expect.objectContaining({ mailbox: expect.stringContaining(SUPPORT_USER) })] });
  });
});

describe('/metrics when the SMTP server cannot be reached', () => {
  it('counts the failed sends, the failed job and the outbox backlog', async () => {
    await t.stop();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    t = await startTestApp(testConfig(uniqueDbName(), { SMTP_URL: `smtp://127.0.0.1:${port}`, METRICS_PORT: '0' }));
    await deliver({ from: addr('heidi'), to: addr(SUPPORT_USER), subject: 'Where is my refund?', text: 'I returned the kettle three weeks ago and have no refund yet.' });
    const s = await waitFor('a failed send to be counted', async () => {
      const m = await scrape();
      return at(m, 'fd_outbox_backlog') >= 1 && at(m, 'fd_jobs_failed_total{job="screen"}') >= 1 ? m : null;
    });
    expect(at(s, 'fd_mail_send_failures_total{kind="acknowledgement",permanent="false"}')).toBeGreaterThanOrEqual(1);
    expect(at(s, 'fd_mails_sent_total{kind="acknowledgement"}')).toBe(0);
    expect(at(s, 'fd_up')).toBe(1); // the process is up; the mail waits
  });
});
