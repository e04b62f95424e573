// The customer writes on a resolved or closed case (P-20 to P-22). A score ("2"), "not
// fixed" or "solved" in a reply counts as the survey answer; other text on a resolved
// case goes to the department; any text on a closed case (within the re-open window,
// which intake checked) re-opens it, unless it was closed as junk; mail on a closed
// duplicate joins the case it was merged into, as if written there. Whatever re-opens the case is also forwarded.
import { readAnswer, outcomeOf } from '../../domain/survey/feedback.js';
import { forwardCustomerReply } from '../case/forwardCustomerReply.js';
import { isOpen } from '../../domain/case/lifecycle.js';
import type { SurveyDeps } from './ports.js';
import { applyAnswer } from './applyAnswer.js';
import { readRecognitionReply } from '../../domain/case/recognition.js';
import { recordRecognition } from '../case/recognize.js';

export async function lateCustomerMail(caseId: string, key: string, deps: SurveyDeps): Promise<void> {
  const [msg, ctx] = await Promise.all([deps.work.customerReply(key), deps.work.context(caseId)]);
  // Junk stays closed: more of it is kept on the case, and nobody is told.
  if (!msg || msg.automated || !ctx || ctx.closeReason === 'spam') return;
  if (ctx.closeReason === 'duplicate' && ctx.duplicateOf) return joinKeptCase(caseId, ctx.duplicateOf, key, deps);
  const text = deps.replyText(msg.text) || msg.text;
  // 「同意」 / "agree" to the question in an adopted suggestion's outcome mail (公開表彰).
  const credit = deps.recognitions ? readRecognitionReply(text) : null;
  if (credit && deps.recognitions) {
    const s = await deps.recognitions.suggestionOf(caseId);
    if (s?.outcome && !s.recognition && (await recordRecognition(caseId, key, credit, null, 'reply', { ...deps, recognitions: deps.recognitions }))) return;
  }
  const read = readAnswer(text);
  const answer = read ?? (ctx.status === 'closed' ? { kind: 'not-fixed' as const } : null);
  if (answer && (ctx.status === 'resolved' || outcomeOf(answer) === 'reopen')) {
    await deps.answers.put({ id: key, caseId, answer, comment: read ? text.split('\n').slice(1).join('\n').trim() || (read.kind === 'score' ? '' : text) : text, source: 'reply', at: deps.now() });
    await applyAnswer(caseId, key, deps);
  }
  if (!answer || outcomeOf(answer) === 'reopen') await forwardCustomerReply(caseId, key, deps);
}

async function joinKeptCase(duplicateId: string, keptNumber: string, key: string, deps: SurveyDeps): Promise<void> {
  const keptId = (await deps.work.caseIdsByNumbers([keptNumber]))[keptNumber];
  const kept = keptId ? await deps.work.context(keptId) : null;
  if (!kept) return;
  await deps.work.moveMessages(duplicateId, { caseId: kept.caseId, caseNumber: kept.caseNumber });
  if (isOpen(kept.status)) await forwardCustomerReply(kept.caseId, key, deps);
  // A kept case closed as a duplicate itself is not followed further: no chain, no loop.
  else if (kept.closeReason !== 'duplicate') await lateCustomerMail(kept.caseId, key, deps);
}
