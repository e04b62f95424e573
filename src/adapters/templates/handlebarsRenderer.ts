// Reply templates from templates/<name>/<locale>.<part>.hbs (part: subject, text,
// html), compiled once with a private Handlebars instance: strict (an unknown
// variable is an error), prototype access off, HTML escaped in the html part only.
// Shared pieces live in templates/_partials/<name>.hbs and are used as {{> name}}.
// Each template is test-rendered with its sample.json at load, so a broken file stops
// the start with its name, line and column instead of failing on a customer's mail.
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

export class HandlebarsRenderer implements TemplateRenderer {
  private constructor(private readonly templates: Map<string, Compiled>) {}

  static async load(dir: string): Promise<HandlebarsRenderer> {
    const hb = Handlebars.create();
    const templates = new Map<string, Compiled>();
    const partials = path.join(dir, PARTIALS);
    for (const file of await readdir(partials).catch(() => [])) {
      if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -4), await readFile(path.join(partials, file), 'utf8'));
    }
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === PARTIALS) continue;
      const name = entry.name;
      const sample = JSON.parse(await readFile(path.join(dir, name, 'sample.json'), 'utf8')) as Record<string, unknown>;
      const files = await readdir(path.join(dir, name));
      const locales = new Set(files.map((f) => f.match(/^([A-Za-z-]+)\.(subject|text|html)\.hbs$/)?.[1]).filter((l): l is string => !!l));
      if (!locales.has('en')) throw new TemplateError(`${name}/en.*.hbs`, null, null, 'every template needs an English version (the fallback)');
      for (const locale of locales) {
        const parts = {} as Compiled;
        for (const part of PARTS) {
          const file = `${name}/${locale}.${part}.hbs`;
          const source = await readFile(path.join(dir, file), 'utf8').catch(() => {
            throw new TemplateError(file, null, null, 'file missing: every locale needs subject, text and html');
          });
          parts[part] = compileChecked(hb, file, source, part, sample);
        }
        templates.set(`${name}/${locale}`, parts);
      }
    }
    return new HandlebarsRenderer(templates);
  }

  render(name: string, locale: Locale, data: Record<string, unknown>): RenderedMail {
    const compiled = FALLBACK[locale].map((l) => this.templates.get(`${name}/${l}`)).find(Boolean);
    if (!compiled) throw new Error(`no template named "${name}"`);
    return {
      subject: compiled.subject(data, RUNTIME).replace(/\s+/g, ' ').trim(),
      text: compiled.text(data, RUNTIME),
      html: compiled.html(data, RUNTIME),
    };
  }
}

function compileChecked(hb: typeof Handlebars, file: string, source: string, part: Part, sample: Record<string, unknown>): Handlebars.TemplateDelegate {
  try {
    const template = hb.compile(source, { strict: true, noEscape: part !== 'html' });
    template(sample, RUNTIME); // parses and checks every variable against the sample
    return template;
  } catch (err) {
    const message = (err as Error).message;
    const parse = message.match(/line (\d+)/);
    const strict = message.match(/ - (\d+):(\d+)$/);
    const line = strict ? Number(strict[1]) : parse ? Number(parse[1]) : null;
    const column = strict ? Number(strict[2]) : null;
    throw new TemplateError(file, line, column, message.split('\n')[0]!.replace(/ - \d+:\d+$/, '').replace('[object Object]', 'the template data'));
  }
}
