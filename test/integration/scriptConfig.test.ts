// The npm scripts read their configuration as the app does: the environment, completed by
// .env in the working directory (the environment wins). A bad variable ends a script
// with one line naming it and EX_CONFIG (78), not a stack trace.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config/env.js';
import { uniqueDbName } from '../support/testApp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-script-config-'));
const dbs: string[] = [];

/** Runs an npm script's file in `dir` (where the test's .env is), with none of the configuration's variables inherited. */
function runScript(file: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONFIG_VARIABLES.includes(k)));
  return new Promise((resolve) => {
    execFile(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, file), ...args], { cwd: dir, env: { ...inherited, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

const mongoUrl = (db: string) => `mongodb://127.0.0.1:27027/${db}`;

async function accountIn(db: string, email: string): Promise<boolean> {
  const c = await mongoose.createConnection(mongoUrl(db)).asPromise();
  try {
    return (await c.db!.collection('users').countDocuments({ _id: email as never })) === 1;
  } finally {
    await c.close();
  }
}

afterAll(async () => {
  for (const db of dbs) {
    const c = await mongoose.createConnection(mongoUrl(db)).asPromise();
    await c.dropDatabase();
    await c.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the scripts read .env', () => {
  it('a bad variable in .env: one line naming it and the fix, exit 78', async () => {
    writeFileSync(path.join(dir, '.env'), '# a comment\nHTTP_PORT=not-a-port\n');
    const r = await runScript('scripts/customer/forget.ts', ['someone@example.test']);
    expect(r.code).toBe(78);
    expect(r.stderr.trim().split('\n')).toEqual([
      'customer:forget: invalid configuration: HTTP_PORT: must be a port number. Fix it in the environment or in .env (see .env.example).',
    ]);
  });

  it('admin:create writes to the database .env names, and a variable of the environment wins over it', async () => {
    const [fromFile, fromEnvironment] = [uniqueDbName(), uniqueDbName()];
    dbs.push(fromFile, fromEnvironment);
    writeFileSync(path.join(dir, '.env'), `MONGODB_URL=${mongoUrl(fromFile)}\n`);
    const password = { ADMIN_PASSWORD: 'correct horse battery staple' };
    const r = await runScript('scripts/admin/createUser.ts', ['--email', 'env-file@example.test'], password);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await accountIn(fromFile, 'env-file@example.test')).toBe(true);

    const e = await runScript('scripts/admin/createUser.ts', ['--email', 'environment@example.test'], { ...password, MONGODB_URL: mongoUrl(fromEnvironment) });
    expect(e.code).toBe(0);
    expect(await accountIn(fromEnvironment, 'environment@example.test')).toBe(true);
    expect(await accountIn(fromFile, 'environment@example.test')).toBe(false);
  });
});
