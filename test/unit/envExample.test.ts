// .env.example documents every variable the configuration reads, each commented out with
// its default, so that `cp .env.example .env` changes nothing: the local services still
// start (services.sh leaves a service alone once its URL is set) and the defaults hold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/env.js';

const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
const documented = new Map(
  lines.flatMap((l) => {
    const m = /^# ([A-Z][A-Z0-9_]*)=(.*)$/.exec(l);
    return m ? [[m[1]!, m[2]!] as const] : [];
  }),
);

describe('.env.example', () => {
  it('names every variable of the configuration, and none it does not read', () => {
    expect([...documented.keys()].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('sets nothing: every variable is commented out', () => {
    expect(lines.filter((l) => /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(l))).toEqual([]);
  });

  it('gives each variable its real default', () => {
    const defaults = loadConfig({});
    for (const [name, value] of documented) {
      expect({ name, config: loadConfig({ [name]: value }) }).toEqual({ name, config: defaults });
    }
  });
});
