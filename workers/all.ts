// Everything in one process: IMAP pollers, the notify worker and the HTTP server (npm start).
import { runProcess } from '../src/runProcess.js';
import { ALL_ROLES } from '../src/compose.js';

await runProcess(ALL_ROLES);
