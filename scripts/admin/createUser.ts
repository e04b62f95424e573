// npm run admin:create -- --email admin@example.com --name "Admin" [--role admin|supervisor|staff] [--departments tech,service]
// Creates (or resets) a console account. The password comes from ADMIN_PASSWORD, or is
// asked for on the terminal; at least 12 characters.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { readConfig } from '../../src/config/environment.js';
import { EX } from '../../src/config/exitCodes.js';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { createUser } from '../../src/adapters/http/console/accounts.js';
import { ROLES, type Role } from '../../src/domain/console/access.js';
import { endErrorsWithOneLine, parseCommandLine, reach, ScriptError, usageError } from '../lib/scriptExit.js';
import { MongoAccountStore } from '../../src/adapters/mongo/consoleStores.js';

endErrorsWithOneLine('admin:create');
const USAGE = 'usage: npm run admin:create -- --email admin@example.com --name "Admin" [--role admin|supervisor|staff] [--departments tech,service]';
const { values } = parseCommandLine(USAGE, { options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' }, departments: { type: 'string', default: '' } } });
if (!values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email)) throw usageError(USAGE);
if (!(ROLES as readonly string[]).includes(values.role)) throw usageError(`--role must be one of: ${ROLES.join(', ')}`);
const config = readConfig();
const password = process.env.ADMIN_PASSWORD || (await askPassword());
if (password.length < 12) throw new ScriptError(EX.USAGE, 'the password must have at least 12 characters (ADMIN_PASSWORD or typed)');
await reach(connectMongo(config.MONGODB_URL));
await createUser({ email: values.email, name: values.name ?? values.email, role: values.role as Role, departments: values.departments.split(',').filter(Boolean), password }, new MongoAccountStore());
console.log(`account ${values.email.toLowerCase()} (${values.role}) is ready; sign in at ${config.PUBLIC_URL}/console`);
await mongoose.disconnect();

/** The password typed on the terminal, not echoed; from a pipe, its first line. */
async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let piped = '';
    for await (const chunk of process.stdin) piped += String(chunk);
    return piped.split(/\r?\n/)[0] ?? '';
  }
  process.stdout.write('password (12+ characters, not shown): ');
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await rl.question('');
  rl.close();
  process.stdout.write('\n');
  return answer;
}

