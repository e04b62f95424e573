// Personal data in customer text (P-10): payment card numbers (Luhn-checked, so order
// and tracking numbers are left alone), mainland China resident ID numbers and Taiwan
// ID numbers (both checksum-verified). Found numbers make the case `sensitive`; every
// copy of the text that leaves the case (routing mails, reports) is masked first.

export type SensitiveKind = 'card' | 'cn-id' | 'tw-id';

interface Finding {
  kind: SensitiveKind;
  start: number;
  end: number;
}

const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const CN_ID = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const TW_ID = /(?<![A-Za-z\d])[A-Za-z][12489]\d{8}(?!\d)/g;

function findSensitive(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(CN_ID)) if (validCnId(m[0])) found.push({ kind: 'cn-id', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(TW_ID)) if (validTwId(m[0])) found.push({ kind: 'tw-id', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, '');
    const overlaps = found.some((f) => f.start < m.index + m[0].length && m.index < f.end);
    if (!overlaps && luhn(digits)) found.push({ kind: 'card', start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with every sensitive number masked except its last four characters. */
export function maskSensitive(text: string): string {
  let out = '';
  let at = 0;
  for (const f of findSensitive(text)) {
    const value = text.slice(f.start, f.end);
    let keep = 4;
    // Mask from the right: keep the last 4 digits/letters and the separators' layout.
    const masked = [...value]
      .reverse()
      .map((ch) => (/[\dA-Za-z]/.test(ch) ? (keep-- > 0 ? ch : '*') : ch))
      .reverse()
      .join('');
    out += text.slice(at, f.start) + masked;
    at = f.end;
  }
  return out + text.slice(at);
}

export function sensitiveKinds(text: string): SensitiveKind[] {
  return [...new Set(findSensitive(text).map((f) => f.kind))];
}

function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function validCnId(id: string): boolean {
  const sum = CN_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

// Taiwan: the letter stands for a two-digit area code (A=10 ... Z=33, in this order).
const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
function validTwId(id: string): boolean {
  const n = TW_LETTERS.indexOf(id[0]!.toUpperCase()) + 10;
  const digits = [Math.floor(n / 10), n % 10, ...id.slice(1).split('').map(Number)];
  const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];
  return digits.reduce((s, d, i) => s + d * weights[i]!, 0) % 10 === 0;
}

// Personal data at stake, as the customer describes it rather than as a number in the
// text: an ID card or passport, medical records, a home address or phone number handed
// to someone, an account taken over, someone's salary, a request about one's personal
// data. Read on normalised text (lower case, Simplified); each kind names what matched.
export interface PersonalDataHit {
  kind: string;
  matched: string;
}

export const PERSONAL_DATA_REQUEST = 'personal data request';

const PERSONAL_DATA: Array<[string, RegExp]> = [
  [
    'identity document',
    /(?:拍|拍了|复印|影印|留存|外泄|泄露|看到|见到|睇到|看得到|寄了|传给)[^。!?]{0,6}(?:我的|他的|她的|别人的|客户的)?身[份分]证|身[份分]证(?:号|字号|号码)?[^。!?]{0,12}(?:后四码|末四码|看得到|都看得到|外泄|泄露|被(?:人|拍|看)|寄给|给了|都能看|曝光)|护照(?:号|号码|照片|资料)[^。!?]{0,12}(?:外泄|泄露|被|寄给|看到)|\b(?:photograph(?:ed|s)?|took (?:a )?(?:photo|picture)s? of|cop(?:ied|y of)|scann?(?:ed)?)\b[^.!?]{0,20}\b(?:my|our|his|her|their|a customer's) (?:id(?: card)?|passport|driver'?s licen[cs]e|identity card)\b|\b(?:left|dropped)\b[^.!?]{0,10}\b(?:my|our|his|her) (?:passport|id card|identity card)\b|\b(?:passport (?:number|scan|copy|details)|national id|social security (?:number|no)|ssn)\b[^.!?]{0,60}\b(?:leak|expos|visible|sent|shown|stranger|someone|another)/,
  ],
  [
    'medical records',
    /病历|病史|病例资料|验身报告|体检报告|检验报告|抽血报告|血液检查|处方(?:笺|资料|内容)|就诊(?:记录|纪录)|过敏资料|\b(?:medical (?:records?|history|information|info|details|data|reports?)|health (?:data|records?|information)|prescription (?:details|history|information)|test results|blood test results)\b/,
  ],
  [
    'address or contact details given out',
    /(?:地址|住址|电话|手机号|手机号码|生日|出生日期|姓名)[^。!?]{0,12}(?:告诉|透露|给了|外泄|泄露|公开|被看到|看得到|都能看|显示在|卖给)|(?:告诉|透露|给了|卖给)[^。!?]{0,10}(?:我的)?(?:地址|住址|电话|手机号|个人资料|资料)|\b(?:home address|phone number|personal details|full name)\b[^.!?]{0,60}\b(?:public|visible|shown|appear|exposed|gave|given|told|shared|sold|leaked|stranger|anyone)|\b(?:gave|given|told|shared|sold|leaked|read out)\b[^.!?]{0,30}\b(?:my|our) (?:new |home |current |private )?(?:address|phone number|details|data|information)/,
  ],
  [
    'account taken over',
    /(?:账号|帐号|账户|帐户)[^。!?]{0,6}(?:被盗|被黑|被人登录|被入侵|被盗用|被盗刷|被人用)|盗用我的(?:账号|帐号|账户|帐户)|(?:用|拿)我的(?:账号|帐号|账户|帐户)(?:登录|下单|订|买|发)|异地登录|陌生(?:设备|装置)登录|被(?:人)?(?:登录|登入)(?:了)?[^。!?]{0,10}(?:改|买|刷)|\baccount (?:(?:was|has been|got|is) )?(?:hacked|compromised|taken over|broken into)|\b(?:someone|somebody|a stranger) (?:got|logged|signed|has been logging) (?:into|in to|in)\b|\bhacked\b[^.!?]{0,20}\baccount/,
  ],
  ['salary', /薪资单|薪资明细|薪水明细|薪资条|工资单|工资条|薪水多少|\bpayslips?\b|\bsalaries of\b|\b(?:my|our|their|his|her) salar(?:y|ies)\b[^.!?]{0,40}\b(?:sent|visible|leaked|see|saw|shown|exposed)/],
  [
    PERSONAL_DATA_REQUEST,
    /个资|个人资料保护|个人信息保护|个人隐私|隐私权|删除我(?:的)?(?:所有)?(?:个人)?(?:资料|信息|帐号|账号|数据)|(?:资料|信息)(?:给|卖给|提供给)(?:了)?第三方|\b(?:gdpr|subject access request|data protection|personal (?:data|information)|privacy)\b|\bdelete (?:all )?(?:of )?my (?:personal )?(?:data|information|account and)/,
  ],
  ['location shared', /\blocation (?:sharing|history|data)\b|\bknows? (?:exactly )?where i (?:am|live)|定位(?:分享|共享|资料|记录)|知道我(?:住|在)(?:哪|那)/],
];

// Items of personal data; a mail that lists two or more of them within a few words
// ("姓名、身分證後四碼、地址跟電話", "full names, phone numbers and home addresses")
// is telling what was exposed.
const PII_ITEM = /姓名|名字|全名|身[份分]证(?:号|字号|号码)?|护照号?|住址|(?<!收件|送货|寄送|配送|收货)地址|电话(?:号码)?|手机号(?:码)?|生日|出生日期|信用卡(?:号|末四码|后四码)|卡号|银行(?:账号|帐号)|病历|病史|过敏资料|薪资|\bfull names?\b|\b(?:home )?addresses\b|\bhome address\b|\bphone numbers?\b|\bdates? of birth\b|\bbirthdays?\b|\bcard numbers?\b|\blast (?:four|4) digits\b|\bid numbers?\b|\bpassport numbers?\b|\bmedical (?:details|history|records?)\b|\bsalar(?:y|ies)\b|\bemail addresses\b/g;
const PII_WINDOW = 40;

// Contact details alone (an address and a phone number) are what every delivery mail
// mentions: they count as a list only with a third item or a stronger one.
const WEAK_ITEM = /^(?:地址|住址|电话|手机|名字|生日|address|phone|birthday)$/;

function listedPersonalData(normalized: string): PersonalDataHit | null {
  const items = [...normalized.matchAll(PII_ITEM)];
  for (let i = 0; i < items.length; i++) {
    const first = items[i]!;
    const kinds = new Set([kindOf(first[0])]);
    for (let j = i + 1; j < items.length && items[j]!.index - first.index <= PII_WINDOW; j++) {
      const next = items[j]!;
      if (/[。!?\n]/.test(normalized.slice(first.index, next.index))) break;
      kinds.add(kindOf(next[0]));
      if (kinds.size >= 3 || (kinds.size === 2 && [...kinds].some((k) => !WEAK_ITEM.test(k)))) return { kind: 'personal data listed', matched: normalized.slice(first.index, next.index + next[0].length).trim() };
    }
  }
  return null;
}

const kindOf = (item: string) =>
  item
    .replace(/(?:号码|字号|号|numbers?|es|s)$/, '')
    .replace(/^(?:full |home )/, '')
    .replace(/^(?:姓名|全名|name)$/, '名字')
    .replace(/^(?:手机|phone)$/, 'phone');

/** The first kind of personal data the mail says is at stake, with the words that said it. */
export function personalDataAtStake(normalized: string): PersonalDataHit | null {
  for (const [kind, re] of PERSONAL_DATA) {
    const m = re.exec(normalized);
    if (m) return { kind, matched: m[0].trim() };
  }
  return listedPersonalData(normalized);
}
