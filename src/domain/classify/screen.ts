// Screening (P-7 to P-11) of one case: category, priority, sentiment, flags and the
// departments it goes to, each with the reason, for the case timeline. Pure: the
// caller brings the text, the configuration and the trained classifier.
import type { Flag, ScreeningConfig } from '../settings/screeningConfig.js';
import { raisePriority, type Priority } from '../sla/priorityPolicy.js';
import { features } from '../text/features.js';
import { ownWords } from '../text/normalize.js';
import { angerFeatures, readAnger } from './angerModel.js';
import { classifyCategory, screeningText, type CategoryDecision, type Classifier } from './classifier.js';
import { decidePriority, priorityEvidence } from './priority.js';
import { analyzeSentiment, angerCues, type Sentiment } from './sentiment.js';
import { decideSentiment, sentimentFeatures } from './sentimentModel.js';
import { personalDataAtStake, sensitiveKinds, type SensitiveKind } from './sensitiveData.js';

export interface Screening {
  category: CategoryDecision;
  priority: Priority;
  /** Why the priority is what it is, in order of application. */
  priorityReasons: string[];
  /** The learned priority model's probability of high (absent without a model). */
  priorityHighProbability?: number;
  /** The learned anger model's probability that the customer is angry (absent without a model). */
  angerProbability?: number;
  sentiment: Sentiment;
  flags: Flag[];
  flagReasons: Partial<Record<Flag, string>>;
  sensitive: SensitiveKind[];
  /** The department that owns the case. */
  department: string;
  /** Departments that get a copy (legal for a legal threat). */
  alsoDepartments: string[];
  /** The normalised text the decisions were made on (for incident matching). */
  normalized: string;
}

/** Sentiment this negative flags the customer as angry even without angry words. */
const ANGRY_SCORE = -0.8;
/**
 * The learned anger model flags angry from this probability on (chosen by
 * cross-validation: recall of the tagged mails against flags on untagged ones).
 */
export const ANGER_THRESHOLD = 0.5;

export function screen(c: Classifier, subject: string, body: string): Screening {
  const config: ScreeningConfig = c.config;
  const normalized = screeningText(subject, body);
  const feats = features(normalized);
  const hits = c.rules(normalized);
  const category = classifyCategory(c, normalized, hits, feats);
  const lexicon = analyzeSentiment(normalized);
  const sentiment = decideSentiment(c.sentimentModel, sentimentFeatures(normalized, feats, lexicon), lexicon);
  const flags = new Set<Flag>();
  const flagReasons: Partial<Record<Flag, string>> = {};
  const flag = (f: Flag, why: string) => {
    if (!flags.has(f)) flagReasons[f] = why;
    flags.add(f);
  };

  const categoryPriority = config.categories.find((x) => x.id === category.category)?.priority ?? 'medium';
  const evidence = priorityEvidence(normalized, category.category, sentiment);
  const decided = decidePriority(c.priorityModel, evidence, categoryPriority, hits);
  let priority: Priority = decided.priority;
  const priorityReasons = decided.reasons;
  for (const h of hits) if (h.rule.flag) flag(h.rule.flag, `${h.rule.reason} (rule ${h.rule.id}, "${h.matched}")`);
  for (const s of evidence.signals) if (s.signal.id === 'legal') flag('legal', `${s.signal.reason} ("${s.matched}")`);
  // A trained priority model weighs strong negativity itself (it is one of its inputs);
  // without one, P-9's rule applies as written.
  if (!c.priorityModel && sentiment.strong && priority !== 'high') {
    priority = raisePriority(priority);
    priorityReasons.push(`${priority}: raised one step, strongly negative (${sentiment.score})`);
  }
  const signal = (id: string) => evidence.signals.find((x) => x.signal.id === id);
  const heated = signal('fed-up') ?? signal('public');
  if (sentiment.label === 'negative' && heated) flag('angry', `${heated.signal.reason} ("${heated.matched}"), sentiment negative`);
  // Strong negativity alone is not anger: a polite "太影响工作了，请尽快处理" is urgent, not
  // angry. It takes words of anger or contempt, irony or a row of exclamation marks.
  const anger = sentiment.label === 'negative' ? angerCues(normalized) : [];
  if (anger.length && sentiment.score <= ANGRY_SCORE) flag('angry', `sentiment ${sentiment.score}, angry words: ${anger.join(', ')}`);
  else if (anger.length >= 2) flag('angry', `angry words: ${anger.join(', ')}`);
  let angerProbability: number | undefined;
  if (c.angerModel) {
    const reading = readAnger(c.angerModel, angerFeatures(normalized, `${subject}\n${ownWords(body)}`, sentiment, evidence.signals));
    angerProbability = reading.probability;
    // Praise is never anger, whatever the words around it.
    if (reading.probability >= ANGER_THRESHOLD && sentiment.label !== 'positive') flag('angry', `learned anger model (angry ${reading.probability}, flagged from ${ANGER_THRESHOLD}); strongest evidence: ${reading.evidence.join(', ')}`);
  }
  const exposed = signal('exposure');
  if (exposed) flag('sensitive', `${exposed.signal.reason} ("${exposed.matched}")`);
  const personal = personalDataAtStake(normalized);
  if (personal) flag('sensitive', `personal data at stake: ${personal.kind} ("${personal.matched}")`);
  const sensitive = sensitiveKinds(`${subject}\n${body}`);
  if (sensitive.length) flag('sensitive', `personal data in the text: ${sensitive.join(', ')}`);

  let department = config.routing[category.category]!;
  if (category.confidence < config.classifier.confidenceThreshold) {
    department = config.triageDepartment;
    flag('needs_triage', `category confidence ${category.confidence} is below ${config.classifier.confidenceThreshold}`);
  }
  const alsoDepartments = flags.has('legal') && department !== config.legalDepartment ? [config.legalDepartment] : [];
  return { category, priority, priorityReasons, priorityHighProbability: decided.highProbability, angerProbability, sentiment, flags: [...flags], flagReasons, sensitive, department, alsoDepartments, normalized };
}
