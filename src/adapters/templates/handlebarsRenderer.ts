// Reply templates from templates/<name>/<locale>.<part>.hbs (part: subject, text,
// html), compiled once with a private Handlebars instance: strict (an unknown
// variable is an error), prototype access off, HTML escaped in the html part only.
// Shared pieces live in templates/_partials/<name>.hbs and are used as {{> name}}.
// Each template is test-rendered with its sample.json at load, so a broken file stops
// the start with its name, line and column instead of failing on a customer's mail; and
// once more with each field the sample lists under "$optional" set to null, as a real
// case may have it (a template using {{suggestion.title}} outside {{#if suggestion}}
// fails there, not on the first case without a suggestion).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Locale } from '../../domain/intake/language.js';
import type { RenderedMail, TemplateRenderer } from '../../pipeline/notify/ports.js';

const PARTS = ['subject', 'text', 'html'] as const;
const PARTIALS = '_partials';
type Part = (typeof PARTS)[number];
type Compiled = Record<Part, Handlebars.TemplateDelegate>;

const FALLBACK: Record<Locale, Locale[]> = {
  en: ['en'],
  'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
  'zh-Hans': ['zh-Hans', 'zh-Hant', 'en'],
};

const RUNTIME: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

export class TemplateError extends Error {
  constructor(readonly file: string, readonly line: number | null, readonly column: number | null, detail: string) {
    super(`template ${file}${line ? `:${line}${column !== null ? `:${column}` : ''}` : ''}: ${detail}`);
    this.name = 'TemplateError';
  }
}

export type TemplateSource = Record<Part, string>;

export class HandlebarsRenderer implements TemplateRenderer {
  /** Admins' edits (MongoDB), by "name/locale": checked when saved, used before the files. */
  private overrides = new Map<string, Compiled>();
  /** The source of each edit in use, as compiled there. */
  private overrideSources = new Map<string, string>();
  /** Told when an admin's edit fails on real data and the file version is sent instead. */
  private fallbackListener: (name: string, locale: string, err: Error) => void = () => undefined;

  private constructor(
    private readonly hb: typeof Handlebars,
    private readonly templates: Map<string, Compiled>,
    private readonly sources: Map<string, TemplateSource>,
    /** By template: its sample data, then the sample with each optional field null. */
    private readonly samples: Map<string, Array<Record<string, unknown>>>,
  ) {}

  /** The template names with their locales (from the files). */
  catalogue(): Array<{ name: string; locales: string[] }> {
    const names = new Map<string, string[]>();
    for (const key of this.sources.keys()) {
      const [name, locale] = key.split('/') as [string, string];
      names.set(name, [...(names.get(name) ?? []), locale]);
    }
    return [...names].sort().map(([name, locales]) => ({ name, locales: locales.sort() }));
  }

  /** The file version of a template (the default an admin can roll back to). */
  fileSource(name: string, locale: string): TemplateSource | null {
    return this.sources.get(`${name}/${locale}`) ?? null;
  }

  has(name: string): boolean {
    return this.templates.has(`${name}/en`);
  }

  sample(name: string): Record<string, unknown> {
    return this.samples.get(name)?.[0] ?? {};
  }

  /** Compiles and test-renders an edited version; throws TemplateError (line, column) if it is broken. */
  check(name: string, locale: string, source: TemplateSource): Compiled {
    const samples = this.samples.get(name) ?? [{}];
    return Object.fromEntries(PARTS.map((part) => [part, compileChecked(this.hb, `${name}/${locale}.${part}`, source[part], part, samples)])) as Compiled;
  }

  /** Renders a source with the template's sample data (the editor's preview). */
  preview(name: string, locale: string, source: TemplateSource): RenderedMail {
    return renderCompiled(this.check(name, locale, source), this.sample(name));
  }

  /**
   * Replaces the admins' edits in use (each was checked when it was saved). Every process
   * asks for them every second or two: an edit whose source is the one in use already
   * keeps its compiled template, checked and compiled once.
   */
  useOverrides(edits: Array<{ name: string; locale: string; source: TemplateSource }>): void {
    const next = new Map<string, Compiled>();
    const nextSources = new Map<string, string>();
    for (const e of edits) {
      const key = `${e.name}/${e.locale}`;
      const source = JSON.stringify([e.source.subject, e.source.text, e.source.html]);
      const current = this.overrides.get(key);
      if (current && this.overrideSources.get(key) === source) {
        next.set(key, current);
        nextSources.set(key, source);
        continue;
      }
      try {
        next.set(key, this.check(e.name, e.locale, e.source));
        nextSources.set(key, source);
      } catch {
        // A stored edit that no longer checks (a sample changed): the file version serves.
      }
    }
    this.overrides = next;
    this.overrideSources = nextSources;
  }

  static async load(dir: string): Promise<HandlebarsRenderer> {
    const hb = Handlebars.create();
    const templates = new Map<string, Compiled>();
    const sources = new Map<string, TemplateSource>();
    const samples = new Map<string, Array<Record<string, unknown>>>();
    const partials = path.join(dir, PARTIALS);
    for (const file of await readdir(partials).catch(() => [])) {
      if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -4), await readFile(path.join(partials, file), 'utf8'));
    }
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === PARTIALS) continue;
      const name = entry.name;
      const sample = sampleVariants(JSON.parse(await readFile(path.join(dir, name, 'sample.json'), 'utf8')) as Record<string, unknown>);
      samples.set(name, sample);
      const files = await readdir(path.join(dir, name));
      const locales = new Set(files.map((f) => f.match(/^([A-Za-z-]+)\.(subject|text|html)\.hbs$/)?.[1]).filter((l): l is string => !!l));
      if (!locales.has('en')) throw new TemplateError(`${name}/en.*.hbs`, null, null, 'every template needs an English version (the fallback)');
      for (const locale of locales) {
        const parts = {} as Compiled;
        const source = {} as TemplateSource;
        for (const part of PARTS) {
          const file = `${name}/${locale}.${part}.hbs`;
          source[part] = await readFile(path.join(dir, file), 'utf8').catch(() => {
            throw new TemplateError(file, null, null, 'file missing: every locale needs subject, text and html');
          });
          parts[part] = compileChecked(hb, file, source[part], part, sample);
        }
        templates.set(`${name}/${locale}`, parts);
        sources.set(`${name}/${locale}`, source);
      }
    }
    return new HandlebarsRenderer(hb, templates, sources, samples);
  }

  onFallback(listener: (name: string, locale: string, err: Error) => void): void {
    this.fallbackListener = listener;
  }

  render(name: string, locale: Locale, data: Record<string, unknown>): RenderedMail {
    const found = FALLBACK[locale].find((l) => this.overrides.has(`${name}/${l}`) || this.templates.has(`${name}/${l}`));
    if (!found) throw new Error(`no template named "${name}"`);
    const edit = this.overrides.get(`${name}/${found}`);
    if (edit) {
      try {
        return renderCompiled(edit, data);
      } catch (err) {
        // An edit that passed its check can still meet data it did not expect: the
        // customer gets the built-in template rather than nothing.
        this.fallbackListener(name, found, err as Error);
      }
    }
    return renderCompiled(this.templates.get(`${name}/${found}`)!, data);
  }
}

function renderCompiled(compiled: Compiled, data: Record<string, unknown>): RenderedMail {
  return {
    subject: compiled.subject(data, RUNTIME).replace(/\s+/g, ' ').trim(),
    text: compiled.text(data, RUNTIME),
    html: compiled.html(data, RUNTIME),
  };
}

/** The sample as given (without "$optional"), then once with each optional field null. */
function sampleVariants(raw: Record<string, unknown>): Array<Record<string, unknown>> {
  const { $optional, ...sample } = raw;
  const optional = Array.isArray($optional) ? $optional.map(String) : [];
  return [sample, ...optional.map((field) => ({ ...sample, [field]: null }))];
}

function compileChecked(hb: typeof Handlebars, file: string, source: string, part: Part, samples: Array<Record<string, unknown>>): Handlebars.TemplateDelegate {
  let nulled: string | undefined;
  try {
    const template = hb.compile(source, { strict: true, noEscape: part !== 'html' });
    // Parses and checks every variable against the sample, then with each optional field null.
    for (const [i, sample] of samples.entries()) {
      nulled = i > 0 ? Object.keys(sample).find((k) => sample[k] === null && samples[0]![k] !== null) : undefined;
      template(sample, RUNTIME);
    }
    return template;
  } catch (err) {
    const message = (err as Error).message;
    const hint = nulled ? ` (when "${nulled}" is empty, as it is for many cases: use it inside {{#if ${nulled}}}…{{/if}})` : '';
    const parse = message.match(/line (\d+)/);
    const strict = message.match(/ - (\d+):(\d+)$/);
    const line = strict ? Number(strict[1]) : parse ? Number(parse[1]) : null;
    const column = strict ? Number(strict[2]) : null;
    // A parse error's last line says what was expected ("Expecting 'OPEN_ENDBLOCK', got 'EOF'": a block left open).
    const expecting = message.split('\n').find((l) => l.startsWith('Expecting'));
    const first = message.split('\n')[0]!.replace(/ - \d+:\d+$/, '').replace('[object Object]', 'the template data');
    throw new TemplateError(file, line, column, `${expecting ? `${first} ${expecting}` : first}${hint}`);
  }
}
