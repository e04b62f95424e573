// The notify worker only (acknowledgements); run as many as the load needs.
import { runProcess } from '../src/runProcess.js';

await runProcess(['notify']);
