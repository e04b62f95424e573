// Structured logs: one JSON line per event (pino). Pipe through `npx pino-pretty` to read.
import { pino, type Logger } from 'pino';

export function createLogger(level: string, name = 'feedback-desk'): Logger {
  return pino({ name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
