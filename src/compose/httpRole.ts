// The HTTP role: the public pages (feedback form, intake API, survey answers) and the
// staff console, with the health report of the process's other roles.
import { startHttp, type Health } from '../adapters/http/server.js';
import type { PublicSite } from '../adapters/http/publicRoutes.js';
import type { ConsoleSite } from '../adapters/http/console/consoleRoutes.js';
import { Accounts } from '../adapters/http/console/accounts.js';
import { surveyCase } from '../adapters/mongo/answerStore.js';
import { composeMail } from '../adapters/mail/composeMail.js';
import { ingestMail } from '../pipeline/intake/ingestMail.js';
import { MongoIncidentWork } from '../adapters/mongo/incidentStore.js';
import { replyAddress } from '../domain/route/replyToken.js';
import type { Core, RoleHandle } from './core.js';

export async function startHttpRole(core: Core, health: () => Promise<Health>): Promise<RoleHandle> {
  const { config, redis, jobs, intake, screening, now, timeZone } = core;
  const departments = async () => (await screening.config()).departments.map((d) => d.id);
  const site: PublicSite = {
    company: config.COMPANY_NAME,
    formSecret: config.SURVEY_SECRET,
    apiKeys: config.INTAKE_API_KEYS,
    now,
    survey: {
      secret: config.SURVEY_SECRET,
      caseByNumber: surveyCase,
      answers: core.answers,
      applyAnswer: (caseId, answerId) => jobs.applyAnswer(caseId, answerId),
      now,
    },
    allow: async (ip) => {
      const key = `${config.QUEUE_PREFIX}:form-limit:${ip}:${Math.floor(now().getTime() / 3600_000)}`;
      const n = await redis.incr(key);
      if (n === 1) await redis.expire(key, 3600);
      return n <= config.FORM_LIMIT_PER_HOUR;
    },
    submit: async (s) => {
      const raw = await composeMail({ from: { address: s.email, name: s.name }, to: config.SUPPORT_ADDRESS, subject: s.subject, text: s.text, channel: s.channel, attachments: s.attachments });
      const outcome = await ingestMail(raw, { channel: s.channel, mailboxKey: null, uid: null, receivedAt: now() }, intake);
      return outcome.kind === 'opened' || outcome.kind === 'joined' || outcome.kind === 'duplicate' ? outcome.caseNumber : null;
    },
  };
  const consoleSite: ConsoleSite = {
    accounts: new Accounts(redis, config.QUEUE_PREFIX, now),
    company: config.COMPANY_NAME,
    secureCookies: config.PUBLIC_URL.startsWith('https:'),
    departments,
    timeZone,
    now,
    admin: { settings: core.settings, queue: core.queue, company: config.COMPANY_NAME, now },
    faq: { store: core.faqs, company: config.COMPANY_NAME, now },
    reports: { reader: core.rollups, departments, timeZone, company: config.COMPANY_NAME, now },
    applyCommands: (caseId, messageKey) => jobs.applyStaffReply(caseId, messageKey),
    incidents: {
      work: new MongoIncidentWork(),
      applyStaffReply: (caseId, messageKey) => jobs.applyStaffReply(caseId, messageKey),
      replyAddress: (incidentId) => replyAddress(config.SUPPORT_ADDRESS, incidentId, config.REPLY_TOKEN_SECRET),
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
        const domain = config.SUPPORT_ADDRESS.split('@')[1];
        await core.outbox.insertIfAbsent({ id, caseId: '', kind: 'template-test', auto: true, from: `"${config.SUPPORT_NAME.replace(/"/g, '')}" <${config.SUPPORT_ADDRESS}>`, to, ...mail, subject: `[TEST] ${mail.subject}`, messageId: `<${id.replace(/[^A-Za-z0-9-]/g, '.')}@${domain}>`, references: [], headers: { 'Auto-Submitted': 'auto-generated' } });
        await jobs.deliver(id);
      },
    },
  };
  const http = await startHttp(config.HTTP_PORT, config.HTTP_HOST, health, site, consoleSite);
  return { stop: () => http.close() };
}
