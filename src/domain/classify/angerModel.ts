// The angry flag (P-10) learned from the writers' "angry" tags on top of the cue rules:
// a binary logistic regression over the sentiment lexicon's cues, the words
// of anger and contempt (angerCues), and the shape of the mail: capitals, rows of "!"
// or "?", a threat to leave or to go public, a customer fed up, a problem met again.
// Anger is written in many ways a word list does not hold (「你估我好得閒呀」, "It's NOT
// resolved", 傻眼); the model weighs them together, and the timeline names the features
// that raised the probability. It does not read the mail's other words: they carry the
// topics and the voice of whoever wrote the tagged mails (with them, cross-validation
// found fewer tagged mails and flagged more untagged ones). Mails written without tags
// teach it nothing either way.
import { predictLogistic, strongestFor, trainLogistic, type LogisticModel } from './logistic.js';
import { mailShape } from './mailShape.js';
import type { SignalHit } from './prioritySignals.js';
import { angerCues, type Sentiment } from './sentiment.js';

const MIN_EXAMPLES = 50;
const MIN_ANGRY = 10;
const LABELS = ['angry', 'calm'];

// Signals of the priority model that carry the customer's temper.
const TEMPER_SIGNALS = new Set(['fed-up', 'public', 'legal', 'urgent', 'no-answer']);
// Shapes of an angry mail beside its words, read on normalised text.
const SHAPES: Array<[string, RegExp]> = [
  ['shape:??', /[?？]{2,}/],
  ['shape:?!', /[?？][!！]|[!！][?？]/],
  ['shape:rhetorical', /\bwhat (?:the|is wrong|are you)|\bhow (?:hard|difficult) (?:is|can) it|\bare you (?:kidding|serious|joking)|\bseriously\b|\bdo you (?:even|actually|people)|\bis anyone (?:there|reading|working)|到底|究竟|凭什么|什么意思|是在|难道|还有没有|有没有人|是不是(?:当|觉得)|你估|点解|搞到|咩(?:意思|服务)|然后呢|又怎样|干嘛/],
  ['shape:leave', /\b(?:cancel(?:ling)? (?:my|our|the) (?:subscription|account|membership|contract)|switch(?:ing)? to|never (?:again|buy|order|use)|last time (?:i|we)|won't (?:be )?(?:buy|order|use|com)|take my business|moving to (?:a )?competitor)|转用|换(?:一)?家|不会再|再也不|最后一次|永远不|退订|销户|取消(?:会员|订阅|合约)/],
  ['shape:demand', /\bimmediately\b|\bright now\b|\bat once\b|\bi (?:demand|expect|want) (?:a |an |my |the |to )|\bor else\b|马上|立刻|立即|即刻|限你|给(?:我)?(?:个)?(?:说法|交代|交待)|否则|不然(?:我)?(?:就|只能)/],
  ['shape:second-person-blame', /\byou (?:people|guys)\b|\byour (?:so-called|incompetent|useless)|你们(?:家)?(?:的)?(?:客服|服务|公司|态度)?(?:是|到底|根本|就是|都)|你哋/],
];

export interface AngerReading {
  probability: number;
  /** The features that raised the probability most, for the timeline. */
  evidence: string[];
}

/** What the anger model reads. `raw` is the customer's own text before lower-casing (for capitals). */
export function angerFeatures(normalized: string, raw: string, lexicon: Sentiment, signals: readonly SignalHit[]): string[] {
  const out = [`lex:${lexicon.label}`, `lexscore:${Math.round(lexicon.score * 4)}`];
  if (lexicon.strong) out.push('lex:strong');
  for (const c of lexicon.cues) out.push(`cue:${c}`);
  for (const a of angerCues(normalized)) out.push(a.startsWith('irony') ? 'anger:irony' : `anger:${a}`);
  for (const s of signals) if (TEMPER_SIGNALS.has(s.signal.id)) out.push(`sig:${s.signal.id}`);
  out.push(...mailShape(normalized));
  for (const [name, re] of SHAPES) if (re.test(normalized)) out.push(name);
  // Shouting: whole words in capitals ("NOT resolved"), not acronyms alone (API, VPN).
  const shouted = (raw.match(/\b[A-Z]{3,}\b/g) ?? []).filter((w) => !/^(?:API|VPN|USB|SMS|URL|PDF|APP|IOS|CEO|GPS|LED|SSD|DNS|SSL|TLS|HTTP|HTTPS|WIFI|ATM|VIP|ETA|FAQ|NAS|PIN|OTP|QR|CPU|GPU|RAM|TV|PC|ID|HR|IT|UPS|DHL|EMS|SKU|RMA|CO|CD|DVD|HDMI|LCD|OLED|AC|DC|BTW|FYI|ASAP|AM|PM|USA|UK|EU|NFC|SIM|ISP|POS|CRM|ERP|SLA|MFA|SSO|IP|TWD|HKD|RMB|USD|NTD)$/.test(w));
  if (shouted.length) out.push(shouted.length >= 3 ? 'shape:caps3' : 'shape:caps');
  const bangs = (normalized.match(/[!！]/g) ?? []).length;
  if (bangs >= 2) out.push('shape:bangs2');
  return out;
}

export function trainAngerModel(examples: ReadonlyArray<{ features: string[]; tags?: readonly string[] }>): LogisticModel | null {
  const tagged = examples.filter((e) => e.tags !== undefined);
  const angry = tagged.filter((e) => e.tags!.includes('angry')).length;
  if (tagged.length < MIN_EXAMPLES || angry < MIN_ANGRY) return null;
  return trainLogistic(
    tagged.map((e) => ({ label: e.tags!.includes('angry') ? 'angry' : 'calm', features: e.features })),
    LABELS,
  );
}

export function readAnger(model: LogisticModel, features: string[]): AngerReading {
  const probability = predictLogistic(model, features).get('angry') ?? 0;
  const evidence = strongestFor(model, features, 'angry', 4).map((f) => f.replace(/^#/, ''));
  return { probability: Math.round(probability * 1000) / 1000, evidence };
}
