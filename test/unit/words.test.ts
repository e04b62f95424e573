// The word catalogue is complete: every area has every word in every language, of the
// same kind (a text, a table, or a phrase with the same arguments), none empty, and each
// Chinese table in its own script (a Simplified table that fell back to Traditional shows
// Traditional-only characters).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/domain/intake/language.js';
import { scriptMarkers } from '../../src/domain/text/hanFold.js';
import { CATALOGUE, words } from '../../src/domain/words/catalogue.js';
import { problemText, staffProblem } from '../../src/domain/words/staffProblems.js';

// An argument that serves as a text, a number and a list, so every phrase can be said.
const SAMPLE = Object.assign(['7'], { toString: () => '7' });

/** Every text an entry says, with the path to it: phrases are said with sample arguments. */
function texts(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[`${path}()`, (value as (...a: unknown[]) => unknown)(...Array(value.length).fill(SAMPLE)) as string]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, `${path}.${k}`));
  return [[path, String(value)]];
}

function shape(value: unknown): unknown {
  if (typeof value === 'function') return `phrase/${value.length}`;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]).sort());
  return typeof value;
}

const [traditionalOnly, simplifiedOnly] = scriptMarkers();
// 准 is Taiwan's own in 核准 and 批准, though the dictionaries mark it Simplified.
const BOTH = new Set('准');
const foreign = (text: string, marks: Set<string>) => [...text].filter((c) => marks.has(c) && !BOTH.has(c)).join('');

describe('word catalogue', () => {
  for (const [area, table] of Object.entries(CATALOGUE)) {
    describe(area, () => {
      for (const locale of LOCALES) {
        it(`${locale} has every word of en, of the same kind`, () => {
          expect(shape(table[locale])).toEqual(shape(table.en));
        });
        it(`${locale} says every word`, () => {
          for (const [path, text] of texts(table[locale], area)) {
            expect(typeof text, path).toBe('string');
            expect(text.trim(), path).not.toBe('');
          }
        });
      }
      it('zh-Hans is Simplified and zh-Hant Traditional', () => {
        for (const [path, text] of texts(table['zh-Hans'], area)) expect(foreign(text, traditionalOnly), `zh-Hans ${path}: ${text}`).toBe('');
        for (const [path, text] of texts(table['zh-Hant'], area)) expect(foreign(text, simplifiedOnly), `zh-Hant ${path}: ${text}`).toBe('');
      });
    });
  }

  it('looks words up by area and language', () => {
    expect(words('console', 'zh-Hans').signIn).toBe('登录');
    expect(words('pages', 'en').send).toBe('Send');
  });

  it('says a staff problem in the department language; older plans kept English text', () => {
    const p = staffProblem('etaPast', '2020-01-01');
    expect(problemText(p, 'en')).toBe('eta "2020-01-01" is in the past; give a time still to come');
    expect(problemText(p, 'zh-Hant')).toContain('已經過去');
    expect(problemText(p, 'zh-Hans')).toContain('已经过去');
    expect(problemText('unknown command "x:"', 'zh-Hans')).toBe('unknown command "x:"');
    expect(problemText(staffProblem('transition', 'closed', 'in_progress', []), 'zh-Hans')).toBe('无法将状态从“已关闭”改为“处理中”：“已关闭”的案件不能变更状态');
  });

  it('every template with Chinese has both scripts, each in its own', () => {
    const root = new URL('../../templates/', import.meta.url);
    for (const dir of readdirSync(root)) {
      const files = readdirSync(new URL(`${dir}/`, root));
      for (const file of files.filter((f) => f.startsWith('zh-Hant') || f.startsWith('commands-zh-Hant'))) {
        const twin = file.replace('zh-Hant', 'zh-Hans');
        expect(files, `${dir}/${twin}`).toContain(twin);
        expect(foreign(readFileSync(new URL(`${dir}/${twin}`, root), 'utf8'), traditionalOnly), `${dir}/${twin}`).toBe('');
      }
    }
  });
});
