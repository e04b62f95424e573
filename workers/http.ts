// The HTTP server only (/healthz).
import { runProcess } from '../src/runProcess.js';

await runProcess(['http']);
