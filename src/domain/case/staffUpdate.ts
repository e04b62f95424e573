// What a department's reply does to a case (P-13 to P-15, P-17, P-19): the commands,
// checked against the case's state and the sender's role, become one set of changes,
// the timeline entries, and the mails to send. Pure: the caller stores and sends.
import type { ScreeningConfig } from '../settings/screeningConfig.js';
import { dueTimes, type DueTimes, type Priority } from '../sla/priorityPolicy.js';
import type { CaseStatus } from './case.js';
import { transitionProblem } from './lifecycle.js';
import { staffProblem, type StaffProblem } from '../words/staffProblems.js';
import type { CloseReason, Compensation, StaffCommand } from './staffCommands.js';
import type { Assessment, Cause, JointHandling, ProductTag } from './processCommands.js';
import { isOpen } from './lifecycle.js';
import type { Proposal } from './consent.js';
import { event, type TimelineEntry } from './timelineEvents.js';

export interface CaseState {
  status: CaseStatus;
  priority: Priority;
  category: string | null;
  department: string | null;
  /** The departments allowed to write to the case. */
  departments: string[];
  receivedAt: Date;
  eta: Date | null;
  expectedBy: Date | null;
  pendingResolution: ProposedResolution | null;
  /** When the customer first heard from a department (a reply, a question, the solution). */
  firstResponseAt?: Date | null;
  /** The cause recorded so far (a preventive measure is reported under it). */
  cause?: RecordedCause | null;
  /** The solution proposed to the customer, and their answer. */
  proposal?: Proposal | null;
  joint?: JointHandling | null;
}

export interface RecordedCause extends Cause {
  /** The department the cause is attributed to: the one that analysed it. */
  department: string;
  by: string;
  at: Date;
}

/** A suggestion's outcome (003, 004): adopted into a plan, or declined with the reason. */
export interface SuggestionOutcome {
  kind: 'adopted' | 'declined';
  text: string;
  by: string;
  at: Date;
}

export interface Prevention {
  text: string;
  by: string;
  at: Date;
}

export interface Actor {
  address: string;
  role: 'staff' | 'supervisor';
  department: string;
}

export interface ProposedResolution {
  text: string;
  /** What happens next (P-19), from `follow-up:`. */
  followUp: string | null;
  by: string;
  at: Date;
  compensations: Compensation[];
}

export interface Resolution extends ProposedResolution {
  approvedBy: string | null;
}

export interface CaseChanges {
  status?: CaseStatus;
  priority?: Priority;
  due?: DueTimes;
  eta?: Date;
  expectedBy?: Date;
  delayReason?: string;
  assignee?: string;
  category?: string;
  department?: string;
  departments?: string[];
  awaitingCustomer?: boolean;
  lastQuestion?: string;
  pendingResolution?: ProposedResolution | null;
  resolution?: Resolution;
  cause?: RecordedCause;
  prevention?: Prevention;
  assessment?: Assessment & { by: string; at: Date };
  suggestionOutcome?: SuggestionOutcome;
  proposal?: Proposal;
  joint?: JointHandling;
  product?: ProductTag;
  closeReason?: CloseReason;
  duplicateOf?: string;
  firstResponseAt?: Date;
  /** Since when the case waits for the customer's answer (the SLA clock is paused). */
  waitingSince?: Date;
}

/** The other cases a reply names (`close: duplicate of ...`), found by the caller. */
export interface NamedCases {
  /** The case the reply is about. */
  caseNumber: string;
  /** Case number -> case id, for the named cases that exist. */
  byNumber: Record<string, string>;
}

/** A case closed without a resolution: nothing goes to the customer. */
export interface Closure {
  reason: CloseReason;
  /** For a duplicate: the case that is kept, which takes over the messages. */
  kept: { caseId: string; caseNumber: string } | null;
}

export interface StaffUpdate {
  changes: CaseChanges;
  events: TimelineEntry[];
  compensations: Compensation[];
  /** Mails to the customer. */
  progress: { stage: CaseStatus | null; text: string | null } | null;
  question: string | null;
  resolution: Resolution | null;
  /** Mails to staff. */
  approvalRequest: ProposedResolution | null;
  rejection: { reason: string; proposedBy: string } | null;
  /** The department that takes the case over (it gets the routing mail). */
  reroute: string | null;
  /** A solution put to the customer for their consent. */
  proposal: string | null;
  /** Departments that join the case to assist (each gets the routing mail). */
  assisting: string[];
  /** An assisting department's report on its part, for the lead department. */
  partReport: { department: string; text: string; lead: string } | null;
  /** The suggestion's outcome, told to its author. */
  suggestionOutcome: SuggestionOutcome | null;
  /** A category correction the classifier learns from. */
  correction: string | null;
  closure: Closure | null;
  problems: StaffProblem[];
}

/** What the commands of one reply do, in their order, from the case's current state. */
export function planStaffUpdate(state: CaseState, commands: StaffCommand[], actor: Actor, now: Date, config: ScreeningConfig, named: NamedCases = { caseNumber: '', byNumber: {} }): StaffUpdate {
  const u: StaffUpdate = { changes: {}, events: [], compensations: [], progress: null, question: null, resolution: null, approvalRequest: null, rejection: null, reroute: null, correction: null, closure: null, assisting: [], partReport: null, proposal: null, suggestionOutcome: null, problems: [] };
  const ch = u.changes;
  const current = () => ({
    status: ch.status ?? state.status,
    priority: ch.priority ?? state.priority,
    department: ch.department ?? state.department,
    pending: ch.pendingResolution === undefined ? state.pendingResolution : ch.pendingResolution,
  });
  const setStatus = (to: CaseStatus): boolean => {
    const from = current().status;
    if (from === to) return true;
    const problem = transitionProblem(from, to);
    if (problem) {
      u.problems.push(problem);
      return false;
    }
    ch.status = to;
    u.events.push(event('status.changed', { from, to }));
    return true;
  };
  const progress = (p: { stage?: CaseStatus; text?: string }) => {
    u.progress = { stage: p.stage ?? u.progress?.stage ?? null, text: p.text ?? u.progress?.text ?? null };
  };
  const resolve = (proposal: ProposedResolution, approvedBy: string | null) => {
    if (!setStatus('resolved')) return;
    ch.resolution = { ...proposal, approvedBy };
    ch.pendingResolution = null;
    ch.awaitingCustomer = false;
    u.resolution = ch.resolution;
    u.events.push(event('case.resolved', { solution: proposal.text, by: proposal.by, approvedBy, compensations: proposal.compensations.length }));
  };
  const resolvesInThisMail = commands.some((c) => c.name === 'resolve');
  const followUp = commands.find((c) => c.name === 'followup');

  for (const c of commands) {
    switch (c.name) {
      case 'note':
        u.events.push(event('note.added', { text: c.text }));
        break;
      case 'followup':
        if (!resolvesInThisMail) u.problems.push(staffProblem('followUpAlone'));
        u.events.push(event(resolvesInThisMail ? 'followup.set' : 'note.added', { text: c.text }));
        break;
      case 'status':
        if (c.status === 'resolved') {
          if (!resolvesInThisMail) u.problems.push(staffProblem('resolvedNeedsSolution'));
          break;
        }
        if (setStatus(c.status) && c.status !== 'closed' && current().priority === 'high') progress({ stage: c.status });
        break;
      case 'eta':
        ch.eta = c.at;
        ch.expectedBy = c.at;
        u.events.push(event('eta.set', { eta: c.at }));
        break;
      case 'reason':
        ch.delayReason = c.text;
        u.events.push(event('delay_reason.set', { reason: c.text }));
        break;
      case 'reply':
        progress({ text: c.text });
        u.events.push(event('customer.updated', { text: c.text }));
        break;
      case 'ask':
        if (!['resolved', 'closed'].includes(current().status)) {
          ch.awaitingCustomer = true;
          ch.waitingSince = now;
        }
        u.question = c.text;
        ch.lastQuestion = c.text;
        u.events.push(event('customer.asked', { question: c.text }));
        break;
      case 'compensation':
        u.compensations.push(c.compensation);
        u.events.push(event('compensation.recorded', { ...c.compensation }));
        break;
      case 'resolve': {
        const team = ch.joint ?? state.joint;
        if (team && actor.department !== team.lead && actor.role !== 'supervisor') {
          u.problems.push(staffProblem('leadResolves', team.lead));
          break;
        }
        const asked = ch.proposal ?? state.proposal;
        if (asked && asked.state !== 'accepted') {
          u.problems.push(staffProblem(asked.state === 'awaiting' ? 'proposalAwaiting' : 'proposalRefused'));
          break;
        }
        const proposal: ProposedResolution = { text: c.text, followUp: followUp && 'text' in followUp ? followUp.text : null, by: actor.address, at: now, compensations: u.compensations };
        if (current().priority === 'high' && actor.role !== 'supervisor') {
          const problem = transitionProblem(current().status, 'resolved');
          if (problem) {
            u.problems.push(problem);
            break;
          }
          ch.pendingResolution = proposal;
          u.approvalRequest = proposal;
          u.events.push(event('resolution.proposed', { solution: c.text, by: actor.address }));
        } else {
          resolve(proposal, actor.role === 'supervisor' && current().priority === 'high' ? actor.address : null);
        }
        break;
      }
      case 'approve': {
        const pending = current().pending;
        if (actor.role !== 'supervisor') u.problems.push(staffProblem('onlySupervisorApproves'));
        else if (!pending) u.problems.push(staffProblem('nothingToApprove'));
        else resolve(pending, actor.address);
        break;
      }
      case 'reject': {
        const pending = current().pending;
        if (actor.role !== 'supervisor') u.problems.push(staffProblem('onlySupervisorRejects'));
        else if (!pending) u.problems.push(staffProblem('nothingToApprove'));
        else {
          ch.pendingResolution = null;
          u.rejection = { reason: c.text, proposedBy: pending.by };
          u.events.push(event('resolution.rejected', { reason: c.text, proposedBy: pending.by }));
        }
        break;
      }
      case 'priority': {
        if (c.priority === current().priority) break;
        const due = dueTimes(state.receivedAt, c.priority, config.priorityPolicy);
        u.events.push(event('priority.changed', { from: current().priority, to: c.priority, due }));
        ch.priority = c.priority;
        ch.due = due;
        // The expected time follows the new target unless the department gave an ETA, and
        // never moves into the past (that would send a delay notice at once).
        if (!(ch.eta ?? state.eta) && due.resolveBy > now) ch.expectedBy = due.resolveBy;
        break;
      }
      case 'category': {
        const to = config.routing[c.category]!;
        u.correction = c.category;
        ch.category = c.category;
        u.events.push(event('category.corrected', { from: state.category, to: c.category }));
        if (to !== current().department) moveTo(to);
        break;
      }
      case 'close': {
        const from = current().status;
        const kept = c.reason === 'duplicate' ? named.byNumber[c.of] : undefined;
        if (from === 'closed') u.problems.push(staffProblem('alreadyClosed'));
        else if (c.reason === 'duplicate' && c.of === named.caseNumber) u.problems.push(staffProblem('duplicateSelf'));
        else if (c.reason === 'duplicate' && !kept) u.problems.push(staffProblem('duplicateMissing', c.of));
        else {
          // Closing junk or a duplicate skips the resolution, its mail and the survey:
          // any open state may close this way.
          ch.status = 'closed';
          ch.closeReason = c.reason;
          ch.awaitingCustomer = false;
          ch.pendingResolution = null;
          if (c.reason === 'duplicate') ch.duplicateOf = c.of;
          u.closure = { reason: c.reason, kept: c.reason === 'duplicate' ? { caseId: kept!, caseNumber: c.of } : null };
          u.events.push(event('status.changed', { from, to: 'closed' }));
          u.events.push(event('case.closed', { reason: c.reason, ...(c.reason === 'duplicate' ? { duplicateOf: c.of } : {}) }));
        }
        break;
      }
      case 'cause':
        ch.cause = { ...c.cause, department: actor.department, by: actor.address, at: now };
        u.events.push(event('cause.set', { kind: c.cause.kind, text: c.cause.text, department: actor.department }));
        break;
      case 'prevent':
        ch.prevention = { text: c.text, by: actor.address, at: now };
        u.events.push(event('prevention.set', { text: c.text, cause: (ch.cause ?? state.cause)?.kind ?? null }));
        break;
      case 'propose':
        if (!isOpen(current().status)) {
          u.problems.push(staffProblem('noProposal', current().status));
          break;
        }
        ch.proposal = { text: c.text, by: actor.address, at: now, state: 'awaiting' };
        ch.awaitingCustomer = true;
        ch.lastQuestion = c.text;
        u.proposal = c.text;
        u.events.push(event('solution.proposed', { solution: c.text }));
        break;
      case 'lead': {
        const team = joint();
        if (c.department === team.lead) break;
        const from = current().department;
        ch.department = c.department;
        ch.departments = [...new Set([c.department, ...(ch.departments ?? state.departments)])];
        ch.joint = { ...team, lead: c.department, assists: [...new Set([...team.assists, ...(from ? [from] : [])])].filter((d) => d !== c.department) };
        u.reroute = c.department;
        u.events.push(event('joint.lead', { from, to: c.department }));
        break;
      }
      case 'assist': {
        const team = joint();
        if (c.department === team.lead || team.assists.includes(c.department)) break;
        ch.departments = [...new Set([...(ch.departments ?? state.departments), c.department])];
        ch.joint = { ...team, assists: [...team.assists, c.department] };
        u.assisting.push(c.department);
        u.events.push(event('joint.assist', { department: c.department, lead: team.lead }));
        break;
      }
      case 'part': {
        const team = ch.joint ?? state.joint;
        if (!team || !team.assists.includes(actor.department)) {
          u.problems.push(staffProblem('partNotJoint'));
          u.events.push(event('note.added', { text: c.text }));
          break;
        }
        ch.joint = { ...team, parts: { ...team.parts, [actor.department]: { text: c.text, by: actor.address, at: now } } };
        u.partReport = { department: actor.department, text: c.text, lead: team.lead };
        u.events.push(event('joint.part_reported', { department: actor.department, text: c.text }));
        break;
      }
      case 'product':
        ch.product = c.product;
        u.events.push(event('product.set', { product: c.product.name, module: c.product.module }));
        break;
      case 'assess':
        if (!isSuggestion(c.name)) break;
        ch.assessment = { ...c.assessment, by: actor.address, at: now };
        u.events.push(event('suggestion.assessed', { ...c.assessment }));
        break;
      case 'adopt':
      case 'decline': {
        if (!isSuggestion(c.name)) break;
        const outcome: SuggestionOutcome = { kind: c.name === 'adopt' ? 'adopted' : 'declined', text: c.text, by: actor.address, at: now };
        ch.suggestionOutcome = outcome;
        u.suggestionOutcome = outcome;
        u.events.push(event(`suggestion.${outcome.kind}`, { text: c.text }));
        // The outcome is the suggestion's answer: the case is resolved with it, and the
        // author's mail about the outcome stands in for the resolution mail.
        if (isOpen(current().status) && setStatus('resolved')) {
          ch.resolution = { text: c.text, followUp: null, by: actor.address, at: now, compensations: [], approvedBy: null };
          ch.awaitingCustomer = false;
        }
        break;
      }
      case 'assign': {
        const owner = config.departments.find((d) => d.id === current().department);
        const isOwnerStaff = owner && (owner.email.toLowerCase() === c.address || owner.supervisor.toLowerCase() === c.address || owner.members.some((m) => m.toLowerCase() === c.address));
        const other = config.departments.find((d) => d.email.toLowerCase() === c.address || d.members.some((m) => m.toLowerCase() === c.address));
        if (!isOwnerStaff && !other) {
          u.problems.push(staffProblem('notStaff', c.address));
          break;
        }
        ch.assignee = c.address;
        u.events.push(event('case.assigned', { to: c.address }));
        if (!isOwnerStaff && other) moveTo(other.id);
        break;
      }
      default: {
        // Every command is handled above: a new one fails to compile here until it is.
        const unhandled: never = c;
        throw new Error(`no plan for the staff command ${JSON.stringify(unhandled)}`);
      }
    }
  }
  if (u.closure && (u.progress || u.question || u.resolution || u.approvalRequest)) {
    u.problems.push(staffProblem('closedNoMail', u.closure.reason));
    u.progress = null;
    u.question = null;
    u.resolution = null;
    u.approvalRequest = null;
  }
  if ((u.progress || u.question || u.resolution) && !state.firstResponseAt) ch.firstResponseAt = now;
  return u;

  /** The case's joint handling so far; a case not yet joint is led by its department. */
  function joint(): JointHandling {
    return ch.joint ?? state.joint ?? { lead: current().department ?? '', assists: [], parts: {} };
  }

  function isSuggestion(command: string): boolean {
    const category = ch.category ?? state.category;
    if (category === 'suggestion') return true;
    u.problems.push(staffProblem('notSuggestion', command, category ?? null));
    return false;
  }

  function moveTo(department: string): void {
    const from = current().department;
    ch.department = department;
    ch.departments = [department, ...(ch.departments ?? state.departments).filter((d) => d !== from && d !== department)];
    u.reroute = department;
    u.events.push(event('case.rerouted', { from, to: department }));
  }
}
