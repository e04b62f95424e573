// The SMS / in-app gateway as a webhook: each notice is POSTed as JSON to
// NOTIFY_WEBHOOK_URL, with the notice id as Idempotency-Key. Any answer but 2xx, or no
// answer within the timeout, is an error naming the URL and the status.
import type { CustomerNotice, CustomerNotifier } from '../../pipeline/notify/otherChannels.js';

export class WebhookNotifier implements CustomerNotifier {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 5000,
  ) {}

  async send(notice: CustomerNotice): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': notice.id },
      body: JSON.stringify(notice),
      signal: AbortSignal.timeout(this.timeoutMs),
    }).catch((err: Error) => {
      throw new Error(`the notice gateway ${this.url} did not answer (${err.message}); check NOTIFY_WEBHOOK_URL`, { cause: err });
    });
    if (!res.ok) throw new Error(`the notice gateway ${this.url} answered ${res.status}; check NOTIFY_WEBHOOK_URL and the gateway's log`);
  }
}
