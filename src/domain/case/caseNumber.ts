// Case numbers (P-1): PREFIX-YEAR-SEQUENCE, e.g. CS-2026-000123. The sequence is
// allocated per prefix and year by an atomic counter; this file only formats and finds.

export function formatCaseNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export function counterId(prefix: string, year: number): string {
  return `case-number:${prefix}-${year}`;
}

/** Case numbers named in a subject or text, e.g. "Re: [CS-2026-000123] ...". */
export function findCaseNumbers(prefix: string, text: string): string[] {
  const re = new RegExp(`\\b${prefix}-(\\d{4})-(\\d{6,})\\b`, 'g');
  return [...new Set([...text.matchAll(re)].map((m) => `${prefix}-${m[1]}-${m[2]}`))];
}
