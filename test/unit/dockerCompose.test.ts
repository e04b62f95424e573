// docker-compose.yml and the Dockerfile as Docker would read them (Docker cannot run in
// the test environment): the compose file is valid against the Compose Specification's
// JSON schema, and it gives the app what the app's configuration needs.
//
// test/fixtures/compose/compose-spec.json is schema/compose-spec.json of
// github.com/compose-spec/compose-go/v2 v2.17.0 (Apache-2.0), unchanged: the schema
// `docker compose` itself validates with (fetched with `go mod download`).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config/env.js';
import { STOP_TIMEOUT_MS } from '../../src/runProcess.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

interface Service {
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  stop_grace_period?: string;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
/** The services that run the app's image. */
const appServices = services.filter(([, s]) => s.build !== undefined);
const dockerfile = read('Dockerfile');
/** ENV NAME=value lines of the Dockerfile. */
const imageEnv = Object.fromEntries([...dockerfile.matchAll(/^ENV\s+([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));

/** Compose's interpolation of ${NAME}, ${NAME:-default} and ${NAME:?error} from `shell`. */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g, (_all, name: string, op?: string, arg?: string) => {
    const set = shell[name];
    if (set) return set;
    if (op === ':?') throw new Error(`required variable ${name} is missing a value: ${arg}`);
    return op === ':-' ? arg! : '';
  });
}


/** What a service's process finds in its environment, once compose has interpolated it from `shell`. */
function containerEnv(s: Service, shell: Record<string, string>): Record<string, string> {
  return { ...imageEnv, ...Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), shell)])) };
}

/** Go's time.ParseDuration, which compose uses for durations, in milliseconds. */
function durationMs(d: string): number {
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return [...d.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)].reduce((sum, m) => sum + Number(m[1]) * unit[m[2]!]!, 0);
}

/** The variables a production start requires, as the configuration names them. */
function requiredInProduction(): string[] {
  try {
    loadConfig({ NODE_ENV: 'production' });
    return [];
  } catch (err) {
    return (err as ConfigError).problems.map((p) => p.split(':')[0]!);
  }
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('duration', /^[-+]?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    const validate = ajv.compile(JSON.parse(read('test/fixtures/compose/compose-spec.json')) as object);
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('runs the app in the intake, notify and http services', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['http', 'intake', 'notify']);
  });

  it('passes the app only variables its configuration reads', () => {
    for (const [name, s] of appServices) {
      expect({ service: name, unknown: Object.keys(s.environment ?? {}).filter((v) => !CONFIG_VARIABLES.includes(v)) }).toEqual({ service: name, unknown: [] });
    }
  });

  it('needs no variable set to start the production image, whose signing keys are generated', () => {
    expect(imageEnv.NODE_ENV).toBe('production');
    expect(requiredInProduction()).toEqual([]);
    for (const [name, s] of appServices) {
      expect({ service: name, loads: (() => (loadConfig(containerEnv(s, {})), true))() }).toEqual({ service: name, loads: true });
    }
  });

  it('gives every service a health check', () => {
    for (const [name, s] of services) {
      expect({ service: name, test: s.healthcheck?.disable ? [] : s.healthcheck?.test }).toEqual({ service: name, test: expect.arrayContaining([expect.any(String)]) });
    }
  });

  it("stops the app's containers no sooner than the app's own shutdown limit allows", () => {
    for (const [name, s] of appServices) {
      expect({ service: name, graceMs: durationMs(s.stop_grace_period ?? '10s') > STOP_TIMEOUT_MS }).toEqual({ service: name, graceMs: true });
    }
  });

  it('gives the mail server, in the form it reads, every mailbox the app and the departments log into', () => {
    const opts = Object.fromEntries(
      [...String(compose.services.mail!.environment!.GREENMAIL_OPTS).matchAll(/-D([\w.]+)(?:=(\S*))?/g)].map((m) => [m[1]!, m[2] ?? '']),
    );
    expect(opts['greenmail.users.login']).toBe('email');
    expect(opts['greenmail.sieve.ignore.detail']).toBe('true');
    expect(Object.keys(opts)).not.toContain('greenmail.auth.disabled');
    const users = opts['greenmail.users']!.split(',');
    expect(users.filter((u) => !/^[^:@\s]+:[^:@\s]+@[^:@\s]+$/.test(u))).toEqual([]);
    const account = (address: string, password: string) => `${address.split('@')[0]}:${password}@${address.split('@')[1]}`;
    const app = loadConfig(containerEnv(compose.services.http!, {}));
    for (const box of app.IMAP_URL) expect(users).toContain(account(box.user, box.pass));
    expect(users).toContain(account(app.SUPPORT_ADDRESS, 'dev-password'));
    const screening = JSON.parse(read('config/screening.json')) as { departments: Array<{ email: string; members: string[]; supervisor?: string }> };
    for (const d of screening.departments) {
      for (const address of [d.email, ...d.members, ...(d.supervisor ? [d.supervisor] : [])]) expect(users).toContain(account(address, 'dev-password'));
    }
  });
});

describe('the Dockerfile', () => {
  it("copies what the operator's npm scripts run (admin:create and the others)", () => {
    const copied = [...dockerfile.matchAll(/^COPY\s+(\S+)\s+\S+$/gm)].map((m) => m[1]!);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['admin:create', 'customer:forget', 'reports:rebuild', 'ping']) {
      const file = /tsx (\S+\.ts)/.exec(scripts[name]!)![1]!;
      expect({ name, copied: copied.some((c) => file.startsWith(`${c}/`)) }).toEqual({ name, copied: true });
    }
  });
});
