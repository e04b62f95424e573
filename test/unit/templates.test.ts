import { mkdtemp, mkdir, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HandlebarsRenderer, TemplateError } from '../../src/adapters/templates/handlebarsRenderer.js';

const sample = JSON.parse(await (await import('node:fs/promises')).readFile('templates/acknowledgement/sample.json', 'utf8'));

async function templatesWith(file: string, content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tpl-'));
  await cp('templates', dir, { recursive: true });
  await mkdir(path.join(dir, 'acknowledgement'), { recursive: true });
  await writeFile(path.join(dir, 'acknowledgement', file), content);
  return dir;
}

describe('reply templates', () => {
  it('render in each locale, with fallback, escaping customer data in HTML only', async () => {
    const r = await HandlebarsRenderer.load('templates');
    const data = { ...sample, subject: '<b>broken</b> & "late"' };
    const en = r.render('acknowledgement', 'en', data);
    expect(en.subject).toBe('[CS-2026-000123] We have received your message: <b>broken</b> & "late"');
    expect(en.text).toContain('<b>broken</b>');
    expect(en.html).toContain('&lt;b&gt;broken&lt;/b&gt; &amp; &quot;late&quot;');
    expect(r.render('acknowledgement', 'zh-Hans', sample).subject).toContain('我们已收到');
    expect(r.render('acknowledgement', 'zh-Hant', sample).subject).toContain('我們已收到');
    // High priority has its own acknowledgement (P-16); the others use the general one.
    expect(r.has('acknowledgement-high')).toBe(true);
    expect(r.has('acknowledgement-low')).toBe(false);
    expect(r.render('acknowledgement-high', 'zh-Hant', sample).text).toContain('緊急處理');
  });

  it('report a syntax error with file and line', async () => {
    const dir = await templatesWith('en.text.hbs', 'Dear {{customerName}},\n\n{{#if caseNumber}}\nno closing block\n');
    const err = await HandlebarsRenderer.load(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).file).toBe('acknowledgement/en.text.hbs');
    expect((err as TemplateError).line).toBeGreaterThanOrEqual(3);
  });

  it('report an unknown variable with line and column', async () => {
    const dir = await templatesWith('en.html.hbs', '<p>\n  Hello {{customerNmae}}\n</p>');
    const err = (await HandlebarsRenderer.load(dir).catch((e: unknown) => e)) as TemplateError;
    expect(err.message).toMatch(/acknowledgement\/en\.html\.hbs:2:\d+: "customerNmae" not defined/);
  });

  it('refuse an edit that breaks when an optional field is null, as for a case with no suggestion', async () => {
    const r = await HandlebarsRenderer.load('templates');
    const file = r.fileSource('acknowledgement', 'zh-Hans')!;
    const edit = { ...file, text: `${file.text}\n常見解法：{{suggestion.title}}\n` };
    expect(() => r.check('acknowledgement', 'zh-Hans', edit)).toThrow(/acknowledgement\/zh-Hans\.text:\d+:\d+: "title" not defined in null.*"suggestion" is empty.*\{\{#if suggestion\}\}/);
    // Inside {{#if}} it is accepted, and the shipped templates pass with and without one.
    expect(() => r.check('acknowledgement', 'zh-Hans', { ...file, text: `${file.text}{{#if suggestion}}{{suggestion.title}}{{/if}}` })).not.toThrow();
    expect(r.render('acknowledgement', 'zh-Hans', { ...sample, suggestion: null }).text).toContain(sample.caseNumber);
    expect(Object.keys(r.sample('acknowledgement'))).not.toContain('$optional');
  });

  it('send the built-in template when an edit fails on real data, and say so', async () => {
    const r = await HandlebarsRenderer.load('templates');
    const file = r.fileSource('acknowledgement', 'en')!;
    const failures: string[] = [];
    r.onFallback((name, locale, err) => failures.push(`${name}/${locale}: ${err.message}`));
    r.useOverrides([{ name: 'acknowledgement', locale: 'en', source: { ...file, subject: 'EDITED {{priority}} {{caseNumber}}' } }]);
    expect(r.render('acknowledgement', 'en', sample).subject).toBe('EDITED medium CS-2026-000123');
    const { priority: _, ...withoutPriority } = sample;
    expect(r.render('acknowledgement', 'en', withoutPriority).subject).toContain('We have received your message');
    expect(failures).toEqual([expect.stringMatching(/^acknowledgement\/en: "priority" not defined/)]);
  });

  it('compile an edit once while its source stays, again when it changes', async () => {
    const r = await HandlebarsRenderer.load('templates');
    const file = r.fileSource('acknowledgement', 'en')!;
    const check = vi.spyOn(r, 'check');
    const edit = (subject: string) => [{ name: 'acknowledgement', locale: 'en', source: { ...file, subject } }];
    r.useOverrides(edit('ONE {{caseNumber}}'));
    r.useOverrides(edit('ONE {{caseNumber}}'));
    expect(check).toHaveBeenCalledTimes(1);
    expect(r.render('acknowledgement', 'en', sample).subject).toBe('ONE CS-2026-000123');
    r.useOverrides(edit('TWO {{caseNumber}}'));
    expect(check).toHaveBeenCalledTimes(2);
    expect(r.render('acknowledgement', 'en', sample).subject).toBe('TWO CS-2026-000123');
    r.useOverrides([]);
    expect(r.render('acknowledgement', 'en', sample).subject).toContain('We have received your message');
  });

  it('never expose prototype properties', async () => {
    const dir = await templatesWith('en.text.hbs', '{{constructor.name}}');
    await expect(HandlebarsRenderer.load(dir)).rejects.toThrow(TemplateError);
  });
});
