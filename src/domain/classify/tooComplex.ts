// The screening of a mail that could not be screened within the time limit: no decision
// is guessed, the case goes to the triage department at the usual priority, flagged
// too-complex (and needs_triage) with the reason, so a person reads and sorts it.
import type { ScreeningConfig } from '../settings/screeningConfig.js';
import { DEFAULT_PRIORITY } from '../sla/priorityPolicy.js';
import type { Screening } from './screen.js';

export function tooComplexScreening(config: ScreeningConfig, limitMs: number): Screening {
  const why = `screening did not finish within ${limitMs} ms; a person sorts this case`;
  // The category routed to triage when there is one, so category and department agree.
  const category = Object.entries(config.routing).find(([, department]) => department === config.triageDepartment)?.[0] ?? config.categories[0]!.id;
  return {
    category: { category, confidence: 0, source: 'model', model: { category, probability: 0 }, ruleHits: [] },
    priority: DEFAULT_PRIORITY,
    priorityReasons: [`${DEFAULT_PRIORITY}: ${why}`],
    sentiment: { label: 'neutral', score: 0, strong: false, cues: [] },
    flags: ['too-complex', 'needs_triage'],
    flagReasons: { 'too-complex': why, needs_triage: why },
    sensitive: [],
    department: config.triageDepartment,
    alsoDepartments: [],
    normalized: '',
  };
}
