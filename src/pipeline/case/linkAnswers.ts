// The customer's answers by a signed link (domain/case/consentLink): to a proposed
// solution, accept or refuse (with their words); to being named publicly as an adopted
// suggestion's author, agree (with the name to show) or withdraw. Opening a link (GET, which mail
// scanners do) records nothing: the page shows what is answered and a Confirm button.
// Confirming (POST) stores the answer; a proposal's under an id made from the case and
// the proposal, so a link confirmed twice records it once (a recognition's answers may
// change: each is stored, and the last applied wins), and queues it to be applied
// under the case's lock, as a reply with the same answer would be.
import { stampOf, verifyConsentLink, type ConsentLink } from '../../domain/case/consentLink.js';
import type { Proposal } from '../../domain/case/consent.js';
import type { CaseWorkDeps } from './caseWorkDeps.js';
import { recordConsent } from './applyConsent.js';
import { recordRecognition } from './recognize.js';
import { displayName } from '../../domain/case/recognition.js';
import { randomUUID } from 'node:crypto';
import { openedLink, type PortalCase, type PortalDeps } from './linkPortal.js';

export interface LinkAnswer {
  id: string;
  caseId: string;
  purpose: ConsentLink['purpose'];
  choice: ConsentLink['choice'];
  stamp: number;
  /** The customer's own words (a refusal's reason), as typed. */
  words: string;
  at: Date;
}

export interface LinkAnswerStore {
  get(id: string): Promise<LinkAnswer | null>;
  /** Stores the answer; false when one with its id exists. */
  put(answer: LinkAnswer): Promise<boolean>;
}

/** What a link's page shows of its case. */
export interface LinkCase extends PortalCase {
  proposal: Pick<Proposal, 'text' | 'at' | 'state'> | null;
  /** An adopted suggestion: when, the plan, and the name offered by default (the initials). */
  adopted: { at: Date; plan: string; initials: string } | null;
}

export type LinkPortalDeps = PortalDeps<LinkCase, LinkAnswerStore>;

export type LinkOpened =
  | { state: 'forged' | 'expired' }
  /** ok: waiting for this answer; answered: answered already (`same`: with this link's choice); stale: a newer proposal replaced it. */
  | { state: 'ok' | 'stale'; case: LinkCase; link: ConsentLink }
  | { state: 'answered'; case: LinkCase; link: ConsentLink; same: boolean };

export type LinkConfirmed = LinkOpened | { state: 'recorded'; case: LinkCase; link: ConsentLink };

const MAX_WORDS = 4000;

export const linkAnswerId = (link: ConsentLink, caseId: string) => `${link.purpose === 'proposal' ? 'consent' : link.purpose}:${caseId}:${link.stamp}`;

export async function openLink(token: string, deps: LinkPortalDeps): Promise<LinkOpened> {
  const opened = await openedLink(token, verifyConsentLink, deps);
  if (opened.state !== 'verified') return opened;
  const { case: c, link } = opened;
  if (!c) return { state: 'forged' };
  if (link.purpose === 'credit') return c.adopted && stampOf(new Date(c.adopted.at)) === link.stamp ? { state: 'ok', case: c, link } : { state: 'stale', case: c, link };
  const p = c.proposal;
  if (!p || stampOf(new Date(p.at)) !== link.stamp) return { state: 'stale', case: c, link };
  if (p.state !== 'awaiting') return { state: 'answered', case: c, link, same: p.state === (link.choice === 'accept' ? 'accepted' : 'refused') };
  return { state: 'ok', case: c, link };
}

export async function confirmLink(form: { token?: string; words?: string; name?: string }, deps: LinkPortalDeps): Promise<LinkConfirmed> {
  const opened = await openLink(form.token ?? '', deps);
  if (opened.state !== 'ok') return opened;
  const { case: c, link } = opened;
  const id = link.purpose === 'credit' ? `credit:${c.caseId}:${randomUUID()}` : linkAnswerId(link, c.caseId);
  const words = link.purpose === 'credit' ? (link.choice === 'agree' ? displayName(form.name ?? '') : '') : (form.words ?? '').slice(0, MAX_WORDS).trim();
  if (!(await deps.answers.put({ id, caseId: c.caseId, purpose: link.purpose, choice: link.choice, stamp: link.stamp, words, at: deps.now() }))) {
    const earlier = await deps.answers.get(id);
    return { state: 'answered', case: c, link, same: earlier?.choice === link.choice };
  }
  await deps.apply(c.caseId, id);
  return { state: 'recorded', case: c, link };
}

/** Applies a confirmed link answer to its case (the answer job, for ids this module made). */
export async function applyLinkAnswer(caseId: string, answerId: string, deps: CaseWorkDeps & { links: LinkAnswerStore }): Promise<void> {
  const recognitions = deps.recognitions;
  await deps.lock(caseId, async () => {
    const [a, ctx] = await Promise.all([deps.links.get(answerId), deps.work.context(caseId)]);
    if (!a || !ctx) return;
    if (a.purpose === 'proposal') {
      // Only the proposal the link was made for: a newer one waits for its own answer.
      if (!ctx.proposal || stampOf(new Date(ctx.proposal.at)) !== a.stamp) return;
      await recordConsent(ctx, answerId, a.choice === 'accept' ? 'accepted' : 'refused', a.words, 'link', deps);
    }
    if (a.purpose === 'credit' && recognitions) await recordRecognition(caseId, answerId, a.choice === 'agree' ? 'agreed' : 'withdrawn', a.words || null, 'link', { ...deps, recognitions });
  });
}

/** Whether an answer job's id is a link answer of this module. */
export const isLinkAnswer = (answerId: string) => answerId.startsWith('consent:') || answerId.startsWith('credit:');
