// Personal data in customer text (P-10): payment card numbers (Luhn-checked, so order
// and tracking numbers are left alone), mainland China resident ID numbers and Taiwan
// ID numbers (both checksum-verified). Found numbers make the case `sensitive`; every
// copy of the text that leaves the case (routing mails, reports) is masked first.

export type SensitiveKind = 'card' | 'cn-id' | 'tw-id';

interface Finding {
  kind: SensitiveKind;
  start: number;
  end: number;
}

const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const CN_ID = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const TW_ID = /(?<![A-Za-z\d])[A-Za-z][12489]\d{8}(?!\d)/g;

function findSensitive(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(CN_ID)) if (validCnId(m[0])) found.push({ kind: 'cn-id', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(TW_ID)) if (validTwId(m[0])) found.push({ kind: 'tw-id', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, '');
    const overlaps = found.some((f) => f.start < m.index + m[0].length && m.index < f.end);
    if (!overlaps && luhn(digits)) found.push({ kind: 'card', start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with every sensitive number masked except its last four characters. */
export function maskSensitive(text: string): string {
  let out = '';
  let at = 0;
  for (const f of findSensitive(text)) {
    const value = text.slice(f.start, f.end);
    let keep = 4;
    // Mask from the right: keep the last 4 digits/letters and the separators' layout.
    const masked = [...value]
      .reverse()
      .map((ch) => (/[\dA-Za-z]/.test(ch) ? (keep-- > 0 ? ch : '*') : ch))
      .reverse()
      .join('');
    out += text.slice(at, f.start) + masked;
    at = f.end;
  }
  return out + text.slice(at);
}

export function sensitiveKinds(text: string): SensitiveKind[] {
  return [...new Set(findSensitive(text).map((f) => f.kind))];
}

function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function validCnId(id: string): boolean {
  const sum = CN_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

// Taiwan: the letter stands for a two-digit area code (A=10 ... Z=33, in this order).
const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
function validTwId(id: string): boolean {
  const n = TW_LETTERS.indexOf(id[0]!.toUpperCase()) + 10;
  const digits = [Math.floor(n / 10), n % 10, ...id.slice(1).split('').map(Number)];
  const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];
  return digits.reduce((s, d, i) => s + d * weights[i]!, 0) % 10 === 0;
}
