// The HTTP role: the public pages (feedback form, intake API, survey answers) and the
// staff console, with the health report of the process's other roles.
import { startHttp, type Health } from '../adapters/http/server.js';
import type { PublicSite } from '../adapters/http/publicRoutes.js';
import type { ConsoleSite } from '../adapters/http/console/consoleRoutes.js';
import type { ConsoleRoute } from '../adapters/http/console/consoleGuard.js';
import { Accounts } from '../adapters/http/console/accounts.js';
import { surveyCase } from '../adapters/mongo/answerStore.js';
import { MongoCallbackStore } from '../adapters/mongo/callbackStore.js';
import { MongoAccountStore, MongoAuditLog, MongoCaseBoard } from '../adapters/mongo/consoleStores.js';
import { MongoContactStore } from '../adapters/mongo/contactStore.js';
import { linkCase, MongoLinkAnswerStore } from '../adapters/mongo/linkAnswerStore.js';
import { MongoRecognitionStore } from '../adapters/mongo/recognitionStore.js';
import { composeMail } from '../adapters/mail/composeMail.js';
import { ingestMail } from '../pipeline/intake/ingestMail.js';
import { templateTestMail } from '../pipeline/mail/otherMails.js';
import { MongoIncidentWork } from '../adapters/mongo/incidentStore.js';
import { replyAddress } from '../domain/route/replyToken.js';
import type { Core, RoleHandle } from './core.js';

export interface HttpRole extends RoleHandle {
  /** Every console route with the role it states (what the console's guard enforces). */
  consoleRoutes: ConsoleRoute[];
}

export async function startHttpRole(core: Core, health: () => Promise<Health>): Promise<HttpRole> {
  const { config, redis, jobs, intake, screening, now, timeZone } = core;
  const contacts = new MongoContactStore();
  const recognitions = new MongoRecognitionStore();
  const departments = async () => (await screening.config()).departments.map((d) => d.id);
  // The survey page and the consent links: signed with the same keys, their answers applied by the same job.
  const linkPages = { keys: core.keys.survey, apply: (caseId: string, answerId: string) => jobs.applyAnswer(caseId, answerId), now };
  const site: PublicSite = {
    company: config.COMPANY_NAME,
    formKeys: core.keys.form,
    apiKeys: config.INTAKE_API_KEYS,
    now,
    results: {
      company: config.COMPANY_NAME,
      reader: core.rollups,
      categories: async () => (await screening.config()).categories,
      faqs: () => core.faqs.all(),
      timeZone,
      now,
    },
    survey: { ...linkPages, caseByNumber: surveyCase, answers: core.answers },
    links: { ...linkPages, caseByNumber: linkCase, answers: new MongoLinkAnswerStore() },
    recognition: { company: config.COMPANY_NAME, list: (limit) => recognitions.list(limit), timeZone },
    allow: async (ip) => {
      const key = `${config.QUEUE_PREFIX}:form-limit:${ip}:${Math.floor(now().getTime() / 3600_000)}`;
      const n = await redis.incr(key);
      if (n === 1) await redis.expire(key, 3600);
      return n <= config.FORM_LIMIT_PER_HOUR;
    },
    submit: async (s) => {
      if (s.phone) await contacts.save(s.email, s.phone, now());
      const raw = await composeMail({ from: { address: s.email, name: s.name }, to: config.SUPPORT_ADDRESS, subject: s.subject, text: s.text, channel: s.channel, attachments: s.attachments, ...(s.idempotencyKey ? { idempotencyKey: s.idempotencyKey } : {}) });
      const outcome = await ingestMail(raw, { channel: s.channel, mailboxKey: null, uid: null, receivedAt: now(), submitted: true }, intake);
      return outcome.kind === 'opened' || outcome.kind === 'joined' || outcome.kind === 'duplicate' ? outcome.caseNumber : null;
    },
  };
  const audit = new MongoAuditLog();
  const consoleSite: ConsoleSite = {
    accounts: new Accounts(redis, config.QUEUE_PREFIX, now, new MongoAccountStore()),
    board: new MongoCaseBoard(),
    audit,
    company: config.COMPANY_NAME,
    secureCookies: config.PUBLIC_URL.startsWith('https:'),
    publicUrl: config.PUBLIC_URL,
    departments,
    timeZone,
    screeningConfig: () => screening.config(),
    now,
    admin: { settings: core.settings, queues: core.queues, audit, company: config.COMPANY_NAME, now },
    faq: { store: core.faqs, company: config.COMPANY_NAME, now },
    callbacks: { store: new MongoCallbackStore(), customerService: async () => (await screening.config()).triageDepartment, timeZone, company: config.COMPANY_NAME, now },
    reports: { reader: core.rollups, departments, timeZone, company: config.COMPANY_NAME, now },
    applyCommands: (caseId, messageKey) => jobs.applyStaffReply(caseId, messageKey),
    incidents: {
      work: new MongoIncidentWork(),
      applyStaffReply: (caseId, messageKey) => jobs.applyStaffReply(caseId, messageKey),
      replyAddress: (incidentId) => replyAddress(config.SUPPORT_ADDRESS, incidentId, core.keys.reply.current),
      timeZone,
      company: config.COMPANY_NAME,
      now,
    },
    templates: {
      renderer: core.templates,
      store: core.templateStore,
      reload: core.reloadTemplates,
      company: config.COMPANY_NAME,
      now,
      sendTest: async (to, mail, id) => {
        await core.outbox.insertIfAbsent(templateTestMail(id, to, mail, { address: config.SUPPORT_ADDRESS, name: config.SUPPORT_NAME }));
        await jobs.deliver(id);
      },
    },
  };
  const http = await startHttp({ port: config.HTTP_PORT, host: config.HTTP_HOST, log: core.log, trustProxy: config.TRUST_PROXY, company: config.COMPANY_NAME }, health, site, consoleSite);
  return { stop: () => http.server.close(), consoleRoutes: http.consoleRoutes };
}
