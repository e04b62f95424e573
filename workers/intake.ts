// IMAP pollers only: one per configured mailbox.
import { runProcess } from '../src/runProcess.js';

await runProcess(['intake']);
