// The notify worker only: the jobs of the cases, outgoing-mail and periodic queues, and
// the reconciler (compose/notifyRole); run as many as the load needs.
import { runProcess } from '../src/runProcess.js';

await runProcess(['notify']);
