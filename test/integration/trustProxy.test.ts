// Behind a TLS proxy every connection comes from the proxy. With TRUST_PROXY naming it,
// the feedback form's hourly limit counts each visitor by the address the proxy forwards,
// so one visitor over the limit does not lock out the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addr } from '../../scripts/lib/devMailbox.js';
import { sleep, startTestApp, testConfig, uniqueDbName, type TestApp } from '../support/testApp.js';

const PORT = 3936;
const BASE = `http://127.0.0.1:${PORT}`;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(testConfig(uniqueDbName(), { HTTP_PORT: String(PORT), PUBLIC_URL: BASE, TRUST_PROXY: '127.0.0.1', FORM_LIMIT_PER_HOUR: '1' }));
});

afterAll(async () => {
  await t?.stop();
});

describe('TRUST_PROXY', () => {
  it("the form's hourly limit counts each forwarded client, not the proxy", async () => {
    const form = await (await fetch(`${BASE}/feedback`)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(form)![1]!;
    await sleep(2100); // a person takes a moment to fill in the form
    const post = (client: string, customer: string) => {
      const body = new FormData();
      for (const [k, v] of Object.entries({ formToken: token, email: addr(customer), subject: 'Checkout fails', message: 'The checkout shows an error.' })) body.set(k, v);
      return fetch(`${BASE}/feedback`, { method: 'POST', body, headers: { 'x-forwarded-for': client } });
    };
    expect((await post('203.0.113.1', 'heidi')).status).toBe(201);
    expect((await post('203.0.113.2', 'ivan')).status).toBe(201);
    expect((await post('203.0.113.1', 'heidi')).status).toBe(429);
  });
});
