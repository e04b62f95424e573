// Structured logs: one JSON line per event (pino). Pipe through `npx pino-pretty` to read.
// Credentials are censored wherever they turn up in a logged object, as a second line of
// defence: no code logs them on purpose.
import { pino, type DestinationStream, type Logger } from 'pino';

const SECRET_FIELDS = ['pass', 'password', 'accessToken', 'refreshToken', 'clientSecret', 'access_token', 'refresh_token', 'client_secret', 'authorization'];

/** Logs to stdout, or to `destination` (tests read what was logged). */
export function createLogger(level: string, name = 'feedback-desk', destination?: DestinationStream): Logger {
  const options = { name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
