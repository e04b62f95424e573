// Admin pages besides templates: the rules (the whole screening configuration
// as JSON: checked before it is saved, every change kept in the audit trail with who,
// when and a diff) and the queues (job counts by state, failed jobs with their errors,
// retry).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createTwoFilesPatch } from 'diff';
import { InvalidConfigError } from '../../../domain/settings/screeningConfig.js';
import type { AuditLog, JobQueue, SettingsPort } from './ports.js';
import { forRole } from './consoleGuard.js';
import { consolePage } from './consolePage.js';
import { words } from '../../../domain/words/catalogue.js';


export interface AdminSite {
  settings: SettingsPort;
  queues: Record<string, JobQueue>;
  audit: AuditLog;
  company: string;
  now: () => Date;
}

export function registerAdminPages(app: FastifyInstance, site: AdminSite): void {
  const page = consolePage(site.company);
  const t = (req: FastifyRequest) => words('console', req.consoleLocale ?? 'en');

  const rules = async (req: FastifyRequest, reply: FastifyReply, code: number, extra: { config?: string; problems?: string[]; notice?: string }) => {
    const [config, versions, audit] = await Promise.all([site.settings.config(), site.settings.versions(), site.audit.latest('rules', 50)]);
    return page(req, reply, code, 'rules', t(req).rules, {
      csrf: req.csrf,
      version: versions.config,
      config: extra.config ?? JSON.stringify(config, null, 2),
      audit: audit.map((a) => ({ ...a, at: a.at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' })),
      ...extra,
    });
  };

  app.get('/admin/rules', forRole('admin'), async (req, reply) => rules(req, reply, 200, {}));

  app.post<{ Body: { config?: string } }>('/admin/rules', forRole('admin'), async (req, reply) => {
    const text = String(req.body.config ?? '');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return rules(req, reply, 422, { config: text, problems: [t(req).notJson((err as Error).message)] });
    }
    const before = JSON.stringify(await site.settings.config(), null, 2);
    try {
      const version = await site.settings.saveConfig(raw, req.consoleUser!.email, site.now());
      const after = JSON.stringify(await site.settings.config(), null, 2);
      await site.audit.record({ id: `rules:${version}`, what: 'rules', by: req.consoleUser!.email, at: site.now(), version, diff: createTwoFilesPatch(`v${version - 1}`, `v${version}`, before, after, '', '', { context: 1 }) });
      return rules(req, reply, 200, { notice: t(req).rulesSaved(version) });
    } catch (err) {
      if (err instanceof InvalidConfigError) return rules(req, reply, 422, { config: text, problems: err.problems });
      throw err;
    }
  });

  const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;

  app.get('/admin/queues', forRole('admin'), async (req, reply) => {
    const words = t(req);
    const queues = await Promise.all(
      Object.entries(site.queues).map(async ([key, queue]) => {
        const [counts, failed] = await Promise.all([queue.getJobCounts(...STATES), queue.getFailed(0, 99)]);
        return {
          name: words.queue(queue.name),
          counts: STATES.map((state) => counts[state] ?? 0),
          failed: failed.map((j) => ({ queue: key, id: j.id, attempts: j.attemptsMade, error: (j.failedReason ?? '').slice(0, 500) })),
        };
      }),
    );
    return page(req, reply, 200, 'queues', words.queues, {
      csrf: req.csrf,
      heading: words.queues,
      states: STATES.map((state) => words.jobStates[state]),
      queues,
      failed: queues.flatMap((q) => q.failed),
    });
  });

  app.post<{ Body: { id?: string; queue?: string } }>('/admin/queues/retry', forRole('admin'), async (req, reply) => {
    const queue = Object.hasOwn(site.queues, req.body.queue ?? '') ? site.queues[req.body.queue!] : undefined;
    const job = await queue?.getJob(String(req.body.id ?? ''));
    if (job && (await job.isFailed())) await job.retry();
    return reply.redirect('/console/admin/queues', 303);
  });
}
