// The template editor: every reply template per language, with the variables
// its sample offers, a preview rendered with the sample case (text and HTML side by
// side), validation on save (a syntax error or an unknown variable is shown with its
// line and column, and the version in use stays), history with who and when, a diff
// between versions, rollback (to any version or the default file), and a test mail.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createTwoFilesPatch } from 'diff';
import type { HandlebarsRenderer, TemplateSource } from '../../templates/handlebarsRenderer.js';
import type { TemplateVersions } from './ports.js';
import type { RenderedMail } from '../../../pipeline/notify/ports.js';
import { forRole } from './consoleGuard.js';
import { consolePage } from './consolePage.js';
import { words } from '../../../domain/words/catalogue.js';

const PREVIEW_SCRIPT = readFileSync(new URL('../static/template-preview.js', import.meta.url), 'utf8');

export interface TemplateEditor {
  renderer: HandlebarsRenderer;
  store: TemplateVersions;
  /** Puts the saved edits in use in this process at once (the workers reload on their own). */
  reload: () => Promise<void>;
  sendTest: (to: string, mail: RenderedMail, id: string) => Promise<void>;
  company: string;
  now: () => Date;
}

type Params = { name: string; locale: string };

export function registerTemplateEditor(app: FastifyInstance, ed: TemplateEditor): void {
  const page = consolePage(ed.company);
  const t = (req: FastifyRequest) => words('console', req.consoleLocale ?? 'en');
  const missing = (req: FastifyRequest, reply: FastifyReply, text: string) => page(req, reply, 404, 'message', t(req).notFound, { heading: t(req).notFound, text, error: true });

  app.get('/static/template-preview.js', forRole('admin'), async (_req, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(PREVIEW_SCRIPT));

  app.get('/admin/templates', forRole('admin'), async (req, reply) => {
    const templates = await Promise.all(
      ed.renderer.catalogue().map(async (tp) => ({ name: tp.name, locales: await Promise.all(tp.locales.map(async (locale) => ({ locale, version: (await ed.store.live(tp.name, locale)).version }))) })),
    );
    return page(req, reply, 200, 'templates', t(req).templates, { templates });
  });

  const editor = async (req: FastifyRequest, reply: FastifyReply, code: number, p: Params, extra: { source?: TemplateSource; preview?: RenderedMail; error?: string; notice?: string }) => {
    const words = t(req);
    const live = await ed.store.live(p.name, p.locale);
    const source = extra.source ?? (live.version ? await ed.store.version(p.name, p.locale, live.version) : null) ?? ed.renderer.fileSource(p.name, p.locale)!;
    const history = (await ed.store.history(p.name, p.locale)).map((h) => ({
      ...h,
      at: h.at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
      previous: h.version - 1,
      diffWith: words.diffWith(h.version - 1),
      use: words.useVersion(h.version),
      live: h.version === live.version,
    }));
    let preview = extra.preview;
    let previewError: string | undefined;
    if (!preview && !extra.error) {
      try {
        preview = ed.renderer.preview(p.name, p.locale, source);
      } catch (err) {
        previewError = (err as Error).message;
      }
    }
    const failed = live.failure && words.liveFailed(live.version, live.failure.at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC', live.failure.message);
    return page(req, reply, code, 'template', `${p.name} ${p.locale}`, {
      ...(failed ? { error: failed } : {}),
      ...p, csrf: req.csrf, live: live.version, defaultLive: live.version === 0, source, variables: Object.keys(ed.renderer.sample(p.name)), history, preview, previewError, ...extra,
    }, { script: true });
  };

  const sourceOf = (body: { subject?: string; text?: string; html?: string }): TemplateSource => ({
    subject: String(body.subject ?? ''),
    text: String(body.text ?? '').replace(/\r\n/g, '\n'),
    html: String(body.html ?? '').replace(/\r\n/g, '\n'),
  });

  app.get<{ Params: Params }>('/admin/templates/:name/:locale', forRole('admin'), async (req, reply) => {
    if (!ed.renderer.fileSource(req.params.name, req.params.locale)) return missing(req, reply, t(req).noSuchTemplate);
    return editor(req, reply, 200, req.params, {});
  });

  // The live preview's endpoint: the same checks as Save, nothing stored.
  app.post<{ Params: Params; Body: { subject?: string; text?: string; html?: string } }>('/admin/templates/:name/:locale/preview', forRole('admin'), async (req, reply) => {
    if (!ed.renderer.fileSource(req.params.name, req.params.locale)) return reply.code(404).send({ error: t(req).noSuchTemplate });
    reply.header('cache-control', 'no-store');
    try {
      return ed.renderer.preview(req.params.name, req.params.locale, sourceOf(req.body));
    } catch (err) {
      return { error: (err as Error).message };
    }
  });

  app.post<{ Params: Params; Body: { subject?: string; text?: string; html?: string; action?: string } }>('/admin/templates/:name/:locale', forRole('admin'), async (req, reply) => {
    const p = req.params;
    const words = t(req);
    if (!ed.renderer.fileSource(p.name, p.locale)) return missing(req, reply, words.noSuchTemplate);
    const source = sourceOf(req.body);
    let preview: RenderedMail;
    try {
      preview = ed.renderer.preview(p.name, p.locale, source);
    } catch (err) {
      const what = req.body.action === 'save' ? `${words.notSaved}: ` : '';
      return editor(req, reply, 422, p, { source, error: `${what}${(err as Error).message}. ${words.versionStays}` });
    }
    if (req.body.action === 'save') {
      const version = await ed.store.save(p.name, p.locale, source, req.consoleUser!.email, ed.now());
      await ed.reload();
      return editor(req, reply, 200, p, { preview, notice: words.savedAs(version) });
    }
    if (req.body.action === 'test') {
      await ed.sendTest(req.consoleUser!.email, preview, `template-test:${p.name}:${p.locale}:${ed.now().getTime()}`);
      return editor(req, reply, 200, p, { source, preview, notice: words.testOnItsWay(req.consoleUser!.email) });
    }
    return editor(req, reply, 200, p, { source, preview });
  });

  app.post<{ Params: Params; Body: { version?: string } }>('/admin/templates/:name/:locale/rollback', forRole('admin'), async (req, reply) => {
    const p = req.params;
    const words = t(req);
    const version = Number(req.body.version);
    if (!Number.isInteger(version) || version < 0 || (version > 0 && !(await ed.store.version(p.name, p.locale, version)))) return missing(req, reply, words.noSuchVersion);
    await ed.store.rollback(p.name, p.locale, version, req.consoleUser!.email, ed.now());
    await ed.reload();
    return editor(req, reply, 200, p, { notice: version ? words.inUseAgain(version) : words.defaultAgain });
  });

  app.get<{ Params: Params; Querystring: { a?: string; b?: string } }>('/admin/templates/:name/:locale/diff', forRole('admin'), async (req, reply) => {
    const p = req.params;
    const load = async (v: number) => (v > 0 ? await ed.store.version(p.name, p.locale, v) : ed.renderer.fileSource(p.name, p.locale));
    const [a, b] = [Number(req.query.a ?? 0), Number(req.query.b ?? 0)];
    const [sa, sb] = await Promise.all([load(a), load(b)]);
    if (!sa || !sb) return missing(req, reply, t(req).noSuchVersion);
    const joined = (s: TemplateSource) => `--- subject\n${s.subject}\n--- text\n${s.text}\n--- html\n${s.html}\n`;
    return page(req, reply, 200, 'diff', `v${a} → v${b}`, { ...p, a, b, diff: createTwoFilesPatch(`v${a}`, `v${b}`, joined(sa), joined(sb)) });
  });
}
