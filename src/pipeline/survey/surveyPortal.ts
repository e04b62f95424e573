// The survey page behind each link (P-20). Opening a link (GET, which mail scanners do)
// records nothing: it shows the score chosen and a Confirm button carrying a one-time
// nonce. Confirming (POST) stores the answer under that nonce, so a replayed form
// records nothing, and queues it to be applied. Forged and expired links, and links of a
// closed case, record nothing and say so.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifySurveyLink } from '../../domain/survey/surveyLink.js';
import { openedLink, type PortalCase, type PortalDeps } from '../case/linkPortal.js';
import type { AnswerStore } from './ports.js';

export interface SurveyCase extends PortalCase {
  /** Whether the case was sent its survey: links for any other case are refused. */
  surveySent: boolean;
}

/** The current key also signs the confirm form's nonce. */
export type SurveyPortalDeps = PortalDeps<SurveyCase, AnswerStore>;

export type Opened =
  | { state: 'ok'; case: SurveyCase; score: number; nonce: string }
  | { state: 'forged' | 'expired' }
  | { state: 'closed'; case: SurveyCase };

export type Confirmed = { state: 'recorded'; case: SurveyCase; reopens: boolean } | { state: 'replay' | 'forged' | 'expired' | 'invalid'; case?: SurveyCase } | { state: 'closed'; case: SurveyCase };

const nonceMac = (secret: string, token: string, nonce: string) => createHmac('sha256', secret).update(`nonce\n${token}\n${nonce}`).digest('base64url').slice(0, 22);

export async function openSurvey(token: string, deps: SurveyPortalDeps): Promise<Opened> {
  const opened = await openedLink(token, verifySurveyLink, deps);
  if (opened.state !== 'verified') return opened;
  const c = opened.case;
  if (!c?.surveySent) return { state: 'forged' };
  if (c.status === 'closed') return { state: 'closed', case: c };
  const nonce = randomBytes(12).toString('base64url');
  return { state: 'ok', case: c, score: opened.link.score, nonce: `${nonce}.${nonceMac(deps.keys.current, token, nonce)}` };
}

export async function confirmSurvey(form: { token?: string; nonce?: string; score?: string; comment?: string }, deps: SurveyPortalDeps): Promise<Confirmed> {
  const opened = await openedLink(form.token ?? '', verifySurveyLink, deps);
  if (opened.state !== 'verified') return opened;
  const c = opened.case;
  if (!c?.surveySent) return { state: 'forged' };
  const [nonce, sig] = (form.nonce ?? '').split('.');
  const expected = nonce ? Buffer.from(nonceMac(deps.keys.current, form.token!, nonce)) : Buffer.alloc(0);
  if (!nonce || !sig || expected.length !== Buffer.from(sig).length || !timingSafeEqual(expected, Buffer.from(sig))) return { state: 'forged', case: c };
  const score = Number(form.score);
  if (!Number.isInteger(score) || score < 1 || score > 5) return { state: 'invalid', case: c };
  if (c.status === 'closed') return { state: 'closed', case: c };
  const id = `link:${nonce}`;
  const stored = await deps.answers.put({ id, caseId: c.caseId, answer: { kind: 'score', score }, comment: (form.comment ?? '').slice(0, 4000).trim(), source: 'link', at: deps.now() });
  if (!stored) return { state: 'replay', case: c };
  await deps.apply(c.caseId, id);
  return { state: 'recorded', case: c, reopens: score <= 2 && c.status === 'resolved' };
}
