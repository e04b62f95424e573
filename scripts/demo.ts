// npm run demo: mails a sample complaint from the demo customer to the local support
// mailbox (through the SMTP relay), prints the acknowledgement that arrives in the
// customer's mailbox and the routing mail that reaches the technical support team, then
// answers it as the team with commands and prints the progress mail the customer gets.
// Needs `npm start` running in another terminal.
import { readConfig } from '../src/config/environment.js';
import { EX } from '../src/config/exitCodes.js';
import { loadConfig } from '../src/config/env.js';
import { addr, clearMailbox, closeTransports, sendSmtp, waitForMail } from './lib/devMailbox.js';
import { endErrorsWithOneLine, reach, ScriptError } from './lib/scriptExit.js';

endErrorsWithOneLine('demo');
const zh = process.argv.includes('--zh');
// The demo's customer and team write through the local mail server: the processor must read it.
const config = readConfig();
const local = loadConfig({});
if (!config.IMAP_URL.some((b) => b.key === local.IMAP_URL[0]!.key) || config.SUPPORT_ADDRESS !== local.SUPPORT_ADDRESS) {
  throw new ScriptError(EX.CONFIG, 'the demo mails the local development mail server, which the processor reads only with the default IMAP_URL and SUPPORT_ADDRESS: unset them (environment or .env)');
}
await reach(Promise.all([clearMailbox('customer'), clearMailbox('tech')]));
const started = Date.now();
// An address of its own each run (delivered to the customer's mailbox, whose server
// drops the +tag), so the daily limit of automatic replies to one sender never holds the
// demo's acknowledgement back.
const customer = addr(`customer+demo${started}`);
const messageId = await reach(sendSmtp({
  from: `"Demo Customer" <${customer}>`,
  to: addr('support'),
  subject: zh ? '軟件總是閃退' : 'The app crashes every time I upload a photo',
  text: zh
    ? '你好，我的軟件總是閃退，太影響工作了。請盡快處理。\n\n王小明'
    : 'Hello,\n\nsince yesterday the app crashes every time I try to upload a photo. Please help.\n\nDemo Customer',
}));
console.log(`sent complaint ${messageId} from ${customer} to ${addr('support')}; waiting for the acknowledgement...`);
let waitingFor = 'the acknowledgement in the customer\'s mailbox: is the processor running? Start it with \'npm start\' in another terminal; its log says what it did with the mail';
try {
  const mails = await waitForMail('customer', (m) => m.some((x) => x.parsed.inReplyTo === messageId), 60_000);
  const ack = mails.find((x) => x.parsed.inReplyTo === messageId)!;
  console.log(`\nacknowledgement arrived after ${Date.now() - started} ms\n`);
  console.log(`From:    ${ack.parsed.from?.text}`);
  console.log(`Subject: ${ack.parsed.subject}`);
  console.log(`Auto-Submitted: ${ack.parsed.headers.get('auto-submitted')}\n`);
  console.log(ack.parsed.text);
  const caseNumber = /\[([A-Z]+-\d{4}-\d{6})\]/.exec(ack.parsed.subject ?? '')?.[1] ?? '';
  waitingFor = `the routing mail of ${caseNumber} in ${addr('tech')}: the processor's log (case.routed) or the console's board says which department it went to`;
  const routed = await waitForMail('tech', (m) => m.some((x) => (x.parsed.subject ?? '').includes(caseNumber)), 60_000);
  const routing = routed.find((x) => (x.parsed.subject ?? '').includes(caseNumber))!;
  console.log(`\n--- routing mail in ${addr('tech')} ---`);
  console.log(`Subject:  ${routing.parsed.subject}`);
  console.log(`Reply-To: ${routing.parsed.replyTo?.text}\n`);
  console.log(routing.parsed.text);

  const commands = zh ? '狀態：處理中\n回覆：我們已找到閃退的原因，正在修正。' : 'status: in progress\nreply: We found the cause of the crash and are fixing it.';
  await sendSmtp({ from: addr('tech'), to: routing.parsed.replyTo!.value[0]!.address!, subject: `Re: ${routing.parsed.subject}`, text: commands, inReplyTo: routing.parsed.messageId });
  console.log(`\n--- ${addr('tech')} answers the routing mail ---\n${commands}`);
  waitingFor = `the progress mail of ${caseNumber} in the customer's mailbox: the processor's log (case.staff_reply_applied) says what it made of the team's answer`;
  const updates = await waitForMail('customer', (m) => m.some((x) => (x.parsed.subject ?? '').includes(caseNumber) && x.uid !== ack.uid), 60_000);
  const progress = updates.filter((x) => (x.parsed.subject ?? '').includes(caseNumber) && x.uid !== ack.uid).at(-1)!;
  console.log(`\n--- progress mail in ${addr('customer')} ---`);
  console.log(`Subject: ${progress.parsed.subject}\n`);
  console.log(progress.parsed.text);
} catch (err) {
  throw new ScriptError(EX.UNAVAILABLE, `${(err as Error).message}; it was waiting for ${waitingFor}`);
} finally {
  closeTransports();
}
