// The pure screening core: sentiment, masking, rules + model, priority, flags, incidents.
import { readFileSync } from 'node:fs';
import { readLabelledMails } from '../../src/adapters/files/labelledMailFiles.js';
import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../src/domain/classify/sentiment.js';
import { maskSensitive, personalDataAtStake, sensitiveKinds } from '../../src/domain/classify/sensitiveData.js';
import { buildClassifier } from '../../src/domain/classify/classifier.js';
import { screen } from '../../src/domain/classify/screen.js';
import { incidentFor, productOf, signature, similarity, similarPeers } from '../../src/domain/incident/incidentMatch.js';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';
import { normalizeText, ownWords } from '../../src/domain/text/normalize.js';
import { foldHan } from '../../src/domain/text/hanFold.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));
const corpus = readLabelledMails('data/classify/train');
const classifier = buildClassifier(config, corpus.map((e) => ({ text: `${e.subject}\n${e.text}`, category: e.category, priority: e.priority, sentiment: e.sentiment, tags: e.tags })));
const sentiment = (s: string) => analyzeSentiment(normalizeText(s));

describe('text normal form', () => {
  it('folds Traditional to Simplified, Taiwan phrases included, and leaves other text alone', () => {
    expect(foldHan('我的軟件總是閃退')).toBe('我的软件总是闪退');
    expect(foldHan('狀態、參數、樓上、溫度、愛用')).toBe('状态、参数、楼上、温度、爱用');
    expect(foldHan('軟體登入不了，網路連線失敗')).toBe('软件登录不了，网络连接失败');
    expect(foldHan('Error 502 on app v5.3 的 API')).toBe('Error 502 on app v5.3 的 API');
  });

  it('keeps only the customer\'s own words, not the quoted history', () => {
    expect(ownWords('Still broken.\n\nOn Mon, 16 Nov 2026 at 10:02, Support <s@x> wrote:\n> Please update.')).toBe('Still broken.');
    expect(ownWords('還是一樣。\n\n在 2026年11月16日 週一 10:02，客服 寫道：\n> 請更新')).toBe('還是一樣。');
    expect(ownWords('new line\n> quoted line\nmore')).toBe('new line\nmore');
  });

  it('keeps what the writer put below a quoted reply, and reads a bare forward as the message', () => {
    expect(ownWords('Still broken.\n\nOn Mon, 16 Nov 2026, Support wrote:\n> Please clear the cache.\n\nI did, twice.')).toBe('Still broken.\n\nI did, twice.');
    expect(ownWords('---------- Forwarded message ---------\nFrom: Shop <s@x>\nSubject: orders\n\n300 orders are stuck.')).toBe('300 orders are stuck.');
    expect(ownWords('See below.\n\n---------- 轉寄的郵件 ----------\n寄件者：店長\n\n班表全部不見')).toBe('See below.');
  });
});

describe('sentiment (P-9)', () => {
  it('reads the example from the process documents as strongly negative', () => {
    const s = sentiment('我的軟件總是閃退，太影響工作了');
    expect(s.label).toBe('negative');
    expect(s.strong).toBe(true);
  });

  it('tells positive, neutral and negative apart in English and both Chinese scripts', () => {
    expect(sentiment('Thanks to Anna, excellent and patient service!').label).toBe('positive');
    expect(sentiment('服務態度很好，謝謝').label).toBe('positive');
    expect(sentiment('表扬一下客服小王，非常满意').label).toBe('positive');
    expect(sentiment('How do I export my notes to a file?').label).toBe('neutral');
    expect(sentiment('請問路由器要怎麼恢復原廠設定？').label).toBe('neutral');
    expect(sentiment('This is unacceptable, I am furious!!!').label).toBe('negative');
    expect(sentiment('收不到验证码').label).toBe('negative'); // a negated verb reports a problem
  });

  it('reads praise next to an unfixed problem as sarcasm, and praise for a fix as sincere', () => {
    expect(sentiment('Great, the app crashed again. Just great.').label).toBe('negative');
    expect(sentiment('服务真好，发了五封邮件终于有人回了，呵呵').label).toBe('negative');
    expect(sentiment('Thanks for fixing the crash, great job!').label).toBe('positive');
  });

  it('treats question forms built on a negator as neutral', () => {
    expect(sentiment('能不能增加深色模式？').label).not.toBe('negative');
  });
});

describe('personal data (P-10)', () => {
  it('masks Luhn-valid card numbers and checksum-valid ID numbers, keeping the last four', () => {
    expect(maskSensitive('card 4111 1111 1111 1111 charged')).toBe('card **** **** **** 1111 charged');
    expect(maskSensitive('身份證 A123456789')).toBe('身份證 ******6789');
    expect(maskSensitive('身份证 11010519491231002X')).toBe('身份证 **************002X');
    expect(sensitiveKinds('4111 1111 1111 1111, A123456789, 11010519491231002X').sort()).toEqual(['card', 'cn-id', 'tw-id']);
  });

  it('leaves order, tracking and phone numbers alone', () => {
    const text = 'order 20261105-7781, tracking 1234567890123, phone 0912345678, card 4111 1111 1111 1112';
    expect(maskSensitive(text)).toBe(text);
    expect(sensitiveKinds(text)).toEqual([]);
  });

  it('names personal data at stake as the customer describes it, not in delivery or contact details', () => {
    const at = (t: string) => personalDataAtStake(normalizeText(t))?.kind ?? null;
    expect(at('App 顯示別人的抽血報告，請馬上檢查')).toBe('medical records');
    expect(at('你們門市人員把我新家地址告訴自稱家人的人')).toBe('address or contact details given out');
    expect(at('我的帳號今天凌晨被盜，改了手機號碼')).toBe('account taken over');
    expect(at('I see orders from other people with their full names, phone numbers and home addresses.')).toBe('personal data listed');
    expect(at('依照個資法，請刪除我在貴公司的所有個人資料')).toBe('personal data request');
    expect(at('我只是要改帳單地址，電話被轉了四個部門')).toBeNull();
    expect(at('Please update the delivery address and phone number on order 7781.')).toBeNull();
    expect(at('看到贵司招聘客服主管，想了解一下薪资范围')).toBeNull();
  });
});

describe('screening decisions (P-7 to P-11)', () => {
  it('classifies, prioritises and routes the example from the process documents', () => {
    const s = screen(classifier, '軟件閃退', '我的軟件總是閃退，太影響工作了');
    expect(s.category.category).toBe('technical');
    expect(s.priority).toBe('high');
    expect(s.priorityReasons.join(' | ')).toMatch(/learned priority model.*sentiment strong/);
    expect(s.department).toBe('tech');
    // Before any labelled priorities exist, P-9's rule raises it as written.
    const untrained = screen(buildClassifier(config, []), '軟件閃退', '我的軟件總是閃退，太影響工作了');
    expect(untrained.priority).toBe('high');
    expect(untrained.priorityReasons.at(-1)).toMatch(/raised one step, strongly negative/);
  });

  it('raises data loss, security, outage, payment and many-users reports to high with the reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['After the update all my files disappeared, I lost all my data', /data loss/],
      ['Someone hacked my account and changed the password', /security/],
      ['官網宕機了，所有人都打不開', /system down/],
      ['I was charged twice for one order', /payment failure/],
      ['我们全公司都登录不了', /many users/],
    ];
    for (const [text, reason] of cases) {
      const s = screen(classifier, '', text);
      expect(s.priority, text).toBe('high');
      expect(s.priorityReasons.join(' | '), text).toMatch(reason);
    }
  });

  it('flags a legal threat, routes legal as well, and flags personal data', () => {
    const s = screen(classifier, 'Refund', 'Refund my card 4111 1111 1111 1111 now or my lawyer will take legal action.');
    expect(s.flags).toEqual(expect.arrayContaining(['legal', 'sensitive']));
    expect(s.alsoDepartments).toEqual(['legal']);
    expect(s.flagReasons.legal).toMatch(/legal threat/);
    expect(screen(classifier, 'Card 4111 1111 1111 1111 charged', 'Please refund.').flags).toContain('sensitive');
  });

  it('sends a case it is unsure about to the triage department flagged needs_triage', () => {
    const s = screen(classifier, '', 'ok');
    expect(s.category.confidence).toBeLessThan(config.classifier.confidenceThreshold);
    expect(s.flags).toContain('needs_triage');
    expect(s.department).toBe(config.triageDepartment);
  });

  it('lets the rules decide when the model has learned nothing, and the model when no rule matches', () => {
    const rulesOnly = buildClassifier(config, []);
    expect(screen(rulesOnly, '', 'The courier lost my parcel').category).toMatchObject({ category: 'delivery', source: 'rules' });
    const s = screen(classifier, '', 'Our distributor in Malaysia would like to discuss selling your devices');
    expect(s.category.source).toBe('model');
  });
});

describe('screening learned from the labelled mails', () => {
  it('reads thanks around a complaint as negative, and a polite question as neutral, in all three scripts', () => {
    const label = (text: string) => screen(classifier, '', text).sentiment.label;
    expect(label('Hi, thanks for getting back to me. Unfortunately the replacement you sent is also broken. Regards, Tom')).toBe('negative');
    expect(label('Dear team, I appreciate your quick reply, but my refund still hasn\'t arrived after three weeks.')).toBe('negative');
    expect(label('谢谢你们的回复，可是问题还是没有解决，已经第三次了。')).toBe('negative');
    expect(label('謝謝你們的幫忙，但是這已經是第三次送錯了。')).toBe('negative');
    expect(label('Thanks in advance! Could you tell me where the export button is?')).toBe('neutral');
    expect(label('請問有沒有支援 Apple Pay？謝謝')).toBe('neutral');
    expect(label('更新真棒，現在一開就閃退，謝謝喔。')).toBe('negative');
  });

  it('raises urgent cases described by their symptoms, naming the signals', () => {
    const cases: Array<[string, RegExp]> = [
      ['Our whole office gets HTTP 502 on the portal since 9am.', /system down.*"502"/],
      ['The TLS certificate on api.example.com expired, none of our customers can connect', /system down/],
      ['我收到的包裹裡面是別人的病歷資料', /privacy breach/],
      ['同批號的平板有30台開不了機', /many users affected/],
      ['雲端相簿的照片全部不見了', /data loss/],
      ['My renewal payment failed twice and the card was charged anyway', /payment failure/],
    ];
    for (const [text, reason] of cases) {
      const s = screen(classifier, '', text);
      expect(s.priority, text).toBe('high');
      expect(s.priorityReasons[0], text).toMatch(reason);
    }
  });

  it('flags someone else\'s data as sensitive and a fed-up complaint as angry, with the reason', () => {
    const exposed = screen(classifier, '', '我收到的包裹裡面是別人的病歷資料');
    expect(exposed.flags).toContain('sensitive');
    expect(exposed.flagReasons.sensitive).toMatch(/privacy breach/);
    const fed = screen(classifier, 'Final notice', 'Three weeks and still no refund. I am fed up and will post this on social media.');
    expect(fed.flags).toContain('angry');
    expect(fed.flagReasons.angry).toMatch(/fed up/);
  });

  it('keeps one customer\'s inconvenience and questions below high', () => {
    expect(screen(classifier, '', 'How do I export my notes to a file?').priority).toBe('low');
    expect(screen(classifier, 'Left earbud crackling', 'My left earbud started crackling after six weeks. Can you replace it?').priority).toBe('medium');
  });
});

describe('incidents (P-10)', () => {
  const at = new Date('2026-11-22T10:00:00Z');
  const sig = (s: string) => signature(normalizeText(s));
  const a = { caseId: 'a', caseNumber: 'CS-2026-000001', at, customer: 'a@x', signature: sig('Since version 5.3 the app crashes when I open the camera') };
  const b = { caseId: 'b', caseNumber: 'CS-2026-000002', at: new Date(at.getTime() + 60_000), customer: 'b@x', signature: sig('Since the 5.3 update the app crashes when I open the camera') };
  const other = { caseId: 'c', caseNumber: 'CS-2026-000003', at, customer: 'c@x', signature: sig('My parcel never arrived and tracking shows nothing') };

  it('joins similar cases of different customers within the window under the earliest case', () => {
    expect(similarity(a.signature, b.signature)).toBeGreaterThan(0.45);
    expect(similarity(a.signature, other.signature)).toBeLessThan(0.2);
    expect(similarPeers(b, [other, a], 6, 0.45).map((p) => p.caseId)).toEqual(['a']);
    expect(incidentFor(b, similarPeers(b, [a, other], 6, 0.45))).toBe('INC-CS-2026-000001');
    expect(incidentFor(a, similarPeers(a, [b], 6, 0.45))).toBe('INC-CS-2026-000001');
    expect(incidentFor(b, [{ ...a, incidentId: 'INC-CS-2026-000000' }])).toBe('INC-CS-2026-000000');
  });

  it('does not join different problems, the same customer twice, or cases far apart', () => {
    expect(similarPeers(other, [a, b], 6, 0.45)).toEqual([]);
    expect(similarPeers({ ...b, customer: 'a@x' }, [a], 6, 0.45)).toEqual([]);
    expect(similarPeers({ ...b, at: new Date(at.getTime() + 7 * 3600_000) }, [a], 6, 0.45)).toEqual([]);
  });

  it('finds the product from its keywords in either script', () => {
    expect(productOf(normalizeText('我的智能手錶充不了電'), config.incident.products)).toBe('watch');
    expect(productOf(normalizeText('nothing known'), config.incident.products)).toBe('general');
  });
});
