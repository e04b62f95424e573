// The template editor (issue 6): every reply template per language, with the variables
// its sample offers, a preview rendered with the sample case (text and HTML side by
// side), validation on save (a syntax error or an unknown variable is shown with its
// line and column, and the version in use stays), history with who and when, a diff
// between versions, rollback (to any version or the default file), and a test mail.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createTwoFilesPatch } from 'diff';
import type { HandlebarsRenderer, TemplateSource } from '../../templates/handlebarsRenderer.js';
import type { MongoTemplateStore } from '../../mongo/templateStore.js';
import type { RenderedMail } from '../../../pipeline/notify/ports.js';
import { renderPage, type View } from '../views.js';

export interface TemplateEditor {
  renderer: HandlebarsRenderer;
  store: MongoTemplateStore;
  /** Puts the saved edits in use in this process at once (the workers reload on their own). */
  reload: () => Promise<void>;
  sendTest: (to: string, mail: RenderedMail, id: string) => Promise<void>;
  company: string;
  now: () => Date;
}

type Params = { name: string; locale: string };

export function registerTemplateEditor(app: FastifyInstance, ed: TemplateEditor): void {
  const page = (reply: FastifyReply, code: number, view: View, title: string, data: Record<string, unknown>) =>
    reply.code(code).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'").send(renderPage(view, { lang: 'en', title, company: ed.company, wide: true }, data));

  app.get('/console/admin/templates', async (_req, reply) => {
    const templates = await Promise.all(
      ed.renderer.catalogue().map(async (t) => ({ name: t.name, locales: await Promise.all(t.locales.map(async (locale) => ({ locale, version: (await ed.store.live(t.name, locale)).version }))) })),
    );
    return page(reply, 200, 'templates', 'Templates', { templates });
  });

  const editor = async (reply: FastifyReply, code: number, p: Params, csrf: string, extra: { source?: TemplateSource; preview?: RenderedMail; error?: string; notice?: string }) => {
    const live = await ed.store.live(p.name, p.locale);
    const source = extra.source ?? (live.version ? await ed.store.version(p.name, p.locale, live.version) : null) ?? ed.renderer.fileSource(p.name, p.locale)!;
    const history = (await ed.store.history(p.name, p.locale)).map((h) => ({ ...h, at: h.at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC', previous: h.version - 1, live: h.version === live.version }));
    return page(reply, code, 'template', `${p.name} ${p.locale}`, { ...p, csrf, live: live.version, defaultLive: live.version === 0, source, variables: Object.keys(ed.renderer.sample(p.name)), history, ...extra });
  };

  app.get<{ Params: Params }>('/console/admin/templates/:name/:locale', async (req, reply) => {
    if (!ed.renderer.fileSource(req.params.name, req.params.locale)) return reply.code(404).send('no such template');
    return editor(reply, 200, req.params, req.csrf!, {});
  });

  app.post<{ Params: Params; Body: { subject?: string; text?: string; html?: string; action?: string } }>('/console/admin/templates/:name/:locale', async (req, reply) => {
    const p = req.params;
    if (!ed.renderer.fileSource(p.name, p.locale)) return reply.code(404).send('no such template');
    const source: TemplateSource = { subject: String(req.body.subject ?? ''), text: String(req.body.text ?? '').replace(/\r\n/g, '\n'), html: String(req.body.html ?? '').replace(/\r\n/g, '\n') };
    let preview: RenderedMail;
    try {
      preview = ed.renderer.preview(p.name, p.locale, source);
    } catch (err) {
      const what = req.body.action === 'save' ? 'Not saved: ' : '';
      return editor(reply, 422, p, req.csrf!, { source, error: `${what}${(err as Error).message}. The version in use stays.` });
    }
    if (req.body.action === 'save') {
      const version = await ed.store.save(p.name, p.locale, source, req.consoleUser!.email, ed.now());
      await ed.reload();
      return editor(reply, 200, p, req.csrf!, { preview, notice: `Saved as v${version}; it is in use now.` });
    }
    if (req.body.action === 'test') {
      await ed.sendTest(req.consoleUser!.email, preview, `template-test:${p.name}:${p.locale}:${ed.now().getTime()}`);
      return editor(reply, 200, p, req.csrf!, { source, preview, notice: `A test mail is on its way to ${req.consoleUser!.email}.` });
    }
    return editor(reply, 200, p, req.csrf!, { source, preview });
  });

  app.post<{ Params: Params; Body: { version?: string } }>('/console/admin/templates/:name/:locale/rollback', async (req, reply) => {
    const p = req.params;
    const version = Number(req.body.version);
    if (!Number.isInteger(version) || version < 0 || (version > 0 && !(await ed.store.version(p.name, p.locale, version)))) return reply.code(400).send('no such version');
    await ed.store.rollback(p.name, p.locale, version, req.consoleUser!.email, ed.now());
    await ed.reload();
    return editor(reply, 200, p, req.csrf!, { notice: version ? `v${version} is in use again.` : 'The default file is in use again.' });
  });

  app.get<{ Params: Params; Querystring: { a?: string; b?: string } }>('/console/admin/templates/:name/:locale/diff', async (req, reply) => {
    const p = req.params;
    const load = async (v: number) => (v > 0 ? await ed.store.version(p.name, p.locale, v) : ed.renderer.fileSource(p.name, p.locale));
    const [a, b] = [Number(req.query.a ?? 0), Number(req.query.b ?? 0)];
    const [sa, sb] = await Promise.all([load(a), load(b)]);
    if (!sa || !sb) return reply.code(404).send('no such version');
    const joined = (s: TemplateSource) => `--- subject\n${s.subject}\n--- text\n${s.text}\n--- html\n${s.html}\n`;
    return page(reply, 200, 'diff', 'Diff', { ...p, a, b, diff: createTwoFilesPatch(`v${a}`, `v${b}`, joined(sa), joined(sb)) });
  });
}

