// The priority decision (P-8): the urgency signals of the text, the category and the
// sentiment, weighed by a model learned from labelled mails; configured rules that set
// a priority still apply on top. The model reads the signals, not the words: words
// carry the voice of whoever wrote the training mails, the signals carry the meaning
// (5-fold cross-validation: the same recall of urgent cases with fewer false alarms). Without a trained model (no labelled priorities yet),
// a signal that is urgent on its own makes a case high and otherwise the category's
// usual priority holds. Each step leaves a reason for the timeline.
import { mostUrgent, type Priority } from '../sla/priorityPolicy.js';
import type { RuleHit } from './keywordRules.js';
import { predictLogistic, strongestFor, trainLogistic, type LogisticModel, type LogisticOptions } from './logistic.js';
import { prioritySignals, type SignalHit } from './prioritySignals.js';
import type { Sentiment } from './sentiment.js';

/** A case is high when the model gives high at least this probability: a missed urgent case costs more than a false alarm. */
export const HIGH_THRESHOLD = 0.08;
const PRIORITY_LABELS: Priority[] = ['high', 'medium', 'low'];
/** Fewer labelled mails than this, or none of some priority, and the model is not trusted. */
const MIN_EXAMPLES = 50;
// Stronger regularisation than the sentiment model's: urgency rests on a few signals, and
// a word that happened to appear in some urgent training mails should not decide (chosen
// by 5-fold cross-validation over the training mails).
const OPTIONS: LogisticOptions = { epochs: 8, learningRate: 0.3, l2: 0.003 };

export interface PriorityEvidence {
  signals: SignalHit[];
  category: string;
  sentiment: Pick<Sentiment, 'label' | 'strong'>;
}

export interface PriorityDecision {
  priority: Priority;
  reasons: string[];
  /** The learned model's probability of high, when a model decided. */
  highProbability?: number;
}

export function priorityEvidence(normalized: string, category: string, sentiment: Pick<Sentiment, 'label' | 'strong'>): PriorityEvidence {
  return { signals: prioritySignals(normalized), category, sentiment };
}

/** What the priority model reads: the signals alone, in pairs and with the category, and the sentiment. */
function modelFeatures(e: PriorityEvidence): string[] {
  const ids = e.signals.map((s) => s.signal.id);
  // A signal that is urgent on its own (data lost or exposed, money, safety, security, the
  // law) speaks for itself: the category and tone around it do not weigh it down, so a
  // calm question about a swollen battery or a public album stays urgent.
  const alone = e.signals.some((s) => s.signal.urgentAlone);
  const out = alone ? ['urgent-alone'] : [`cat:${e.category}`, `sent:${e.sentiment.label}`];
  if (e.sentiment.strong) out.push('sent:strong');
  for (const s of e.signals) {
    out.push(`sig:${s.signal.id}`);
    if (!alone) out.push(`sig:${s.signal.id}|cat:${e.category}`);
  }
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push(`sig:${ids[i]}+${ids[j]}`);
  if (!ids.length) out.push('sig:none');
  return out;
}

export function trainPriorityModel(examples: ReadonlyArray<{ evidence: PriorityEvidence; priority: string }>): LogisticModel | null {
  const labelled = examples.filter((e) => (PRIORITY_LABELS as string[]).includes(e.priority));
  if (labelled.length < MIN_EXAMPLES || PRIORITY_LABELS.some((p) => !labelled.some((e) => e.priority === p))) return null;
  return trainLogistic(
    labelled.map((e) => ({ label: e.priority, features: modelFeatures(e.evidence) })),
    PRIORITY_LABELS,
    OPTIONS,
  );
}

export function decidePriority(model: LogisticModel | null, e: PriorityEvidence, categoryPriority: Priority, ruleHits: readonly RuleHit[]): PriorityDecision {
  const signalText = e.signals.map((s) => `${s.signal.reason} ("${s.matched}")`).join(', ');
  let priority: Priority;
  let highProbability: number | undefined;
  const reasons: string[] = [];
  if (model) {
    const feats = modelFeatures(e);
    const p = predictLogistic(model, feats);
    const high = p.get('high')!;
    highProbability = high;
    priority = high >= HIGH_THRESHOLD ? 'high' : p.get('medium')! >= p.get('low')! ? 'medium' : 'low';
    const evidence = strongestFor(model, feats, priority, 4).map(describeFeature);
    reasons.push(
      `${priority}: learned priority model (high ${round(high)}, which is high from ${HIGH_THRESHOLD}; medium ${round(p.get('medium')!)}, low ${round(p.get('low')!)})` +
        (signalText ? `; signals: ${signalText}` : '') +
        (evidence.length ? `; strongest evidence: ${evidence.join(', ')}` : ''),
    );
  } else {
    priority = categoryPriority;
    reasons.push(`${categoryPriority}: usual priority of category ${e.category}`);
    const urgent = e.signals.filter((s) => s.signal.urgentAlone);
    const many = e.signals.some((s) => s.signal.id === 'many') && e.signals.some((s) => s.signal.id === 'unavailable' || s.signal.id === 'outage');
    if (urgent.length || many) {
      priority = 'high';
      reasons.push(`high: ${signalText}`);
    }
  }
  for (const h of ruleHits) {
    if (h.rule.priority && mostUrgent(h.rule.priority, priority) !== priority) {
      priority = h.rule.priority;
      reasons.push(`${priority}: ${h.rule.reason} (rule ${h.rule.id}, "${h.matched}")`);
    }
  }
  return { priority, reasons, highProbability };
}

function describeFeature(f: string): string {
  if (f === 'sig:none') return 'no urgency signal';
  if (f.startsWith('sig:')) return f.slice(4).replace('|cat:', ' in ').replace('+', ' with ');
  if (f === 'urgent-alone') return 'a signal urgent on its own';
  if (f.startsWith('cat:')) return `category ${f.slice(4)}`;
  return `sentiment ${f.slice(5)}`;
}

const round = (x: number) => Math.round(x * 100) / 100;
