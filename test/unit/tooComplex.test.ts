// A case whose screening ran past the time limit: sent to triage, flagged with the reason.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tooComplexScreening } from '../../src/domain/classify/tooComplex.js';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));

describe('tooComplexScreening', () => {
  it('sends the case to the triage department flagged too-complex, at the usual priority, with the limit in the reason', () => {
    const s = tooComplexScreening(config, 10_000);
    expect(s.department).toBe(config.triageDepartment);
    expect(config.routing[s.category.category]).toBe(config.triageDepartment);
    expect(s.flags).toEqual(['too-complex', 'needs_triage']);
    expect(s.flagReasons['too-complex']).toContain('10000 ms');
    expect(s.priority).toBe('medium');
  });
});
