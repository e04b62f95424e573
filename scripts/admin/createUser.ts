// npm run admin:create -- --email admin@example.com --name "Admin" [--role admin|supervisor|staff] [--departments tech,service]
// Creates (or resets) a console account. The password comes from ADMIN_PASSWORD, or is
// asked for on the terminal; at least 12 characters.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config/env.js';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { createUser } from '../../src/adapters/http/console/accounts.js';
import { ROLES, type Role } from '../../src/domain/console/access.js';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' }, departments: { type: 'string', default: '' } } });
if (!values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email)) {
  console.error('usage: npm run admin:create -- --email admin@example.com --name "Admin" [--role admin|supervisor|staff] [--departments tech,service]');
  process.exit(64);
}
if (!(ROLES as readonly string[]).includes(values.role!)) {
  console.error(`--role must be one of: ${ROLES.join(', ')}`);
  process.exit(64);
}
let password = process.env.ADMIN_PASSWORD ?? '';
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('password (12+ characters): ');
  rl.close();
}
const config = loadConfig();
await connectMongo(config.MONGODB_URL);
try {
  await createUser({ email: values.email, name: values.name ?? values.email, role: values.role as Role, departments: values.departments!.split(',').filter(Boolean), password });
  console.log(`account ${values.email.toLowerCase()} (${values.role}) is ready; sign in at ${config.PUBLIC_URL}/console`);
} catch (err) {
  console.error(`could not create the account: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await mongoose.disconnect();
}
