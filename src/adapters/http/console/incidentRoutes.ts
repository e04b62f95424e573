// Incidents in the console (P-10): the open incidents, one page per incident (its cases,
// their customers masked, its status), and from it one update or resolution to every
// customer of its open cases. What each route needs:
//   GET  /console/incidents                any signed-in user; staff see the incidents
//                                          with a case of their departments
//   GET  /console/incidents/:id            staff of one of the incident's departments,
//                                          supervisors, admins
//   POST /console/incidents/:id/updates    the same; staff reach only their departments'
//                                          cases, supervisors and admins every case
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maskSensitive } from '../../../domain/classify/sensitiveData.js';
import { isOpen } from '../../../domain/case/lifecycle.js';
import { maskAddress, seesIncident, worksOnCase } from '../../../domain/incident/incidentAccess.js';
import { LOCALES } from '../../../domain/intake/language.js';
import type { CaseAccessFacts } from '../../../domain/console/access.js';
import { sendIncidentUpdate, type IncidentCase, type IncidentUpdateDeps } from '../../../pipeline/case/incidentUpdate.js';
import { formatTime } from '../../../pipeline/notify/formatTime.js';
import { stageName } from '../../../domain/words/mail.js';
import type { IncidentPort } from './ports.js';
import { forRole } from './consoleGuard.js';
import { consolePage } from './consolePage.js';
import { words } from '../../../domain/words/catalogue.js';

export interface IncidentSite {
  work: IncidentPort;
  applyStaffReply: IncidentUpdateDeps['applyStaffReply'];
  /** The address a department writes to in order to answer all of an incident's customers. */
  replyAddress: (incidentId: string) => string;
  timeZone: () => Promise<string>;
  company: string;
  now: () => Date;
}

const OPEN_LISTED = 200;
const UPDATE_TOKEN = /^[A-Za-z0-9-]{8,64}$/;

const facts = (c: IncidentCase): CaseAccessFacts => ({ department: c.department, departments: c.departments, restricted: c.restricted, assignee: c.assignee });

export function registerIncidents(app: FastifyInstance, site: IncidentSite): void {
  const page = consolePage(site.company);
  const t = (req: FastifyRequest) => words('incidents', req.consoleLocale ?? 'en');
  const notFound = (req: FastifyRequest, reply: FastifyReply, id: string) => page(req, reply, 404, 'message', t(req).incidents, { heading: t(req).incidents, text: t(req).noSuchIncident(id), error: true });

  app.get('/incidents', forRole('signed-in'), async (req, reply) => {
    const user = req.consoleUser!;
    const tz = await site.timeZone();
    const rows = [];
    for (const i of await site.work.openIncidents(OPEN_LISTED)) {
      const cases = await site.work.cases(i.id);
      const open = cases.filter((c) => isOpen(c.status)).length;
      // Its last case was resolved (by email, or one by one): the incident is, too.
      if (cases.length && open === 0) await site.work.markResolved(i.id, 'system', site.now());
      else if (seesIncident(user, cases.map(facts))) rows.push({ id: i.id, product: i.product, since: formatTime(i.firstAt, tz), cases: cases.length, open });
    }
    return page(req, reply, 200, 'incidents', t(req).openIncidents, { it: t(req), incidents: rows });
  });

  app.get<{ Params: { id: string } }>('/incidents/:id', forRole('signed-in'), async (req, reply) => {
    const user = req.consoleUser!;
    const locale = req.consoleLocale ?? 'en';
    const incident = await site.work.incident(req.params.id);
    const cases = incident ? await site.work.cases(incident.id) : [];
    if (!incident || !seesIncident(user, cases.map(facts))) return notFound(req, reply, req.params.id);
    const tz = await site.timeZone();
    return page(req, reply, 200, 'incident', t(req).incident(incident.id), {
      it: t(req),
      heading: t(req).incident(incident.id),
      incident: { ...incident, since: formatTime(incident.firstAt, tz) },
      resolved: incident.resolvedAt ? t(req).resolvedAt(formatTime(incident.resolvedAt, tz), incident.resolvedBy ?? '') : '',
      cases: cases.map((c) => ({
        number: c.caseNumber,
        subject: maskSensitive(c.subject),
        customer: maskAddress(c.customerEmail),
        locale: c.locale,
        status: stageName(c.status, locale),
        department: c.department ?? '',
        yours: isOpen(c.status) && worksOnCase(user, facts(c)),
      })),
      canSend: cases.some((c) => isOpen(c.status) && worksOnCase(user, facts(c))),
      texts: LOCALES.map((l) => ({ locale: l, label: t(req).textIn(l) })),
      update: randomUUID(),
      csrf: req.csrf,
      byEmail: t(req).replyByEmail(site.replyAddress(incident.id)),
    });
  });

  app.post<{ Params: { id: string }; Body: Record<string, string | undefined> }>('/incidents/:id/updates', forRole('signed-in'), async (req, reply) => {
    const user = req.consoleUser!;
    const incident = await site.work.incident(req.params.id);
    const cases = incident ? await site.work.cases(incident.id) : [];
    if (!incident || !seesIncident(user, cases.map(facts))) return notFound(req, reply, req.params.id);
    const body = req.body ?? {};
    const token = String(body.update ?? '');
    const texts = Object.fromEntries(LOCALES.map((l) => [l, String(body[`text_${l}`] ?? '').slice(0, 20_000)]));
    const heading = t(req).incident(incident.id);
    if (!UPDATE_TOKEN.test(token) || !Object.values(texts).some((x) => x.trim())) return page(req, reply, 422, 'message', heading, { heading, text: t(req).noText, error: true });
    // The form's token makes the update's keys: sending the same form twice sends once.
    const id = createHash('sha256').update(`${user.email}\n${token}`).digest('hex').slice(0, 24);
    const outcome = await sendIncidentUpdate(
      incident.id,
      { id, by: user.email, kind: body.kind === 'resolve' ? 'resolve' : 'reply', texts, may: (c) => worksOnCase(user, facts(c)) },
      { work: site.work, applyStaffReply: site.applyStaffReply, now: site.now },
    );
    const skipped = outcome.skipped.map((s) => `${s.caseNumber} (${s.why === 'not-open' ? t(req).notOpen : t(req).notYours})`).join(', ');
    return page(req, reply, 200, 'message', heading, { heading, text: t(req).sent(outcome.sent.length, skipped) });
  });
}
