// One update of an incident (P-10) becomes a staff command on each of its open cases, so
// that each case moves and mails its customer exactly as a department's reply would:
// `reply:` a progress notice, `resolve:` the resolution (and the survey after it). The
// customer's mail is in their language (the case's templates); staff may also write the
// text itself in each language, and a case gets the text of its own language, else of
// the other Chinese script, else the first one given.
import type { Locale } from '../intake/language.js';

export type IncidentUpdateKind = 'reply' | 'resolve';

export type UpdateTexts = Partial<Record<Locale, string>>;

const NEAREST: Record<Locale, Locale[]> = {
  en: ['en', 'zh-Hant', 'zh-Hans'],
  'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
  'zh-Hans': ['zh-Hans', 'zh-Hant', 'en'],
};

/** The text a case in `locale` gets, or null when none was written. */
export function textFor(locale: Locale, texts: UpdateTexts): string | null {
  for (const l of NEAREST[locale]) {
    const t = texts[l]?.trim();
    if (t) return t;
  }
  return null;
}

/** The staff command that carries the update on one case. */
export function incidentCommand(kind: IncidentUpdateKind, text: string): string {
  return `${kind}: ${text}`;
}

/** The message key of the update on one case: the same on every retry of the same update. */
export function updateKey(updateId: string, caseId: string): string {
  return `incident:${updateId}:${caseId}`;
}

/** Whether a reply address names an incident (incidentMatch names them INC-<first case>) rather than a case. */
export function isIncidentId(name: string): boolean {
  return name.toUpperCase().startsWith('INC-');
}
