// How every npm script ends on an error: one line on stderr naming the cause and the fix,
// and a sysexits code (src/config/exitCodes.ts), instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../../src/config/env.js';
import { EX } from '../../src/config/exitCodes.js';

/** An error whose message is the whole line to print, with its exit code. */
export class ScriptError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ScriptError';
  }
}

export const usageError = (usage: string) => new ScriptError(EX.USAGE, usage);

/** The command line parsed; a wrong one is a usage error naming what is wrong. */
export function parseCommandLine<T extends ParseArgsConfig>(usage: string, options: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(options);
  } catch (err) {
    throw usageError(`${(err as Error).message}; ${usage}`);
  }
}

/** The promise's value, or a ScriptError (EX_UNAVAILABLE) carrying its error's message. */
export async function reach<T>(service: Promise<T>): Promise<T> {
  try {
    return await service;
  } catch (err) {
    throw new ScriptError(EX.UNAVAILABLE, oneLine(err));
  }
}

/** Makes an error anywhere in the script (thrown at top level or unhandled) end it with one line. */
export function endErrorsWithOneLine(script: string): void {
  const end = (err: unknown) => {
    const { code, line } = exitLine(err);
    console.error(`${script}: ${line}`);
    process.exit(code);
  };
  process.on('uncaughtException', end);
  process.on('unhandledRejection', end);
}

export function exitLine(err: unknown): { code: number; line: string } {
  if (err instanceof ScriptError) return { code: err.code, line: err.message };
  if (err instanceof ConfigError) {
    return { code: EX.CONFIG, line: `invalid configuration: ${err.problems.join('; ')}. Fix it in the environment or in .env (see .env.example).` };
  }
  return { code: EX.SOFTWARE, line: oneLine(err) };
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
}
