// Pairs of mails that differ in what makes a case urgent (how many are hit, whether the
// service itself is down, whose data or money): one customer's own trouble stays medium,
// the same trouble for many, or for someone else's data or money, is high, with the
// signals named in the reason. Also tone: anger, courtesy, questions in three scripts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLabelledMails } from '../../src/adapters/files/labelledMailFiles.js';
import { buildClassifier } from '../../src/domain/classify/classifier.js';
import { ANGER_THRESHOLD, screen } from '../../src/domain/classify/screen.js';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));
const corpus = readLabelledMails('data/classify/train');
const classifier = buildClassifier(config, corpus.map((e) => ({ text: `${e.subject}\n${e.text}`, category: e.category, priority: e.priority, sentiment: e.sentiment, tags: e.tags })));
const run = (text: string) => screen(classifier, '', text);

describe('priority: one customer against many, or against someone else', () => {
  const pairs: Array<[string, string, RegExp]> = [
    ['I cannot log in, the app shows error code 1043 since yesterday.', 'Nobody in our office (about 40 people) can log in since 9am, everyone gets error 1043.', /many users affected/],
    ['更新完之後 app 一開就 crash，閃一下就回到桌面了。', '更新後 app 一開就 crash，我身邊朋友全部都一樣，已經兩天不能用了。', /many users affected/],
    ['我的帳號登入一直顯示錯誤代碼 E-1043，同事們都可以正常用，只有我不行。', '我們全公司三十幾個人都登不進你們的系統，一直跳 502 Bad Gateway。', /system down for everyone/],
    ['我的账号登录一直提示错误码 1021，别人都正常，麻烦看看。', '你们的服务器是不是崩了？整个部门都打不开后台，一直报 503。', /system down for everyone/],
    ['The password reset link you emailed me gives error 500 every time I click it.', 'Your API is down: we get 503s on every single endpoint since 14:05 UTC.', /system down for everyone/],
    ['我的包裹延遲了三天，還在轉運中，可以幫我查一下嗎？', '整棟大樓七十幾件包裹全部顯示已配達，但沒有任何一件送到，住戶都在問。', /many users affected/],
    ['The left earbud crackles after a few minutes. Can you replace it?', 'Of the 20 dehumidifiers of lot DH-2410B we bought, 14 have failed; the whole batch is bad.', /many users affected/],
    ['How do I change the delivery address on my account?', 'My order page shows three orders that are not mine, with another customer\'s name, phone and address.', /privacy breach/],
    ['How do I update the card on my subscription?', 'I was charged twice for the same annual plan, $149 x 2.', /payment failure/],
    ['我想問一下取消訂閱要在哪裡操作？', '我上個月就取消了訂閱，這個月信用卡還是被扣了 NT$390。', /payment failure/],
  ];
  for (const [own, many, reason] of pairs) {
    it(`keeps "${own.slice(0, 40)}" below high and raises "${many.slice(0, 40)}"`, () => {
      const low = run(own);
      expect(low.priority, own).not.toBe('high');
      expect(low.priorityReasons[0], own).toMatch(/learned priority model/);
      const high = run(many);
      expect(high.priority, many).toBe('high');
      expect(high.priorityReasons[0], many).toMatch(reason);
    });
  }

  it('raises a calm urgent report by its signal: a swollen battery, an expired certificate, lost photos, stuck orders', () => {
    for (const text of [
      "The battery on my son's tablet has swollen so much the screen is lifting. How do I dispose of it?",
      '今天打開你們的會員網站，瀏覽器一直跳 NET::ERR_CERT_DATE_INVALID，憑證昨天就到期了。',
      '昨天云备份同步之后，相册里三年的照片全部没了，云端也看不到。',
      'Hundreds of our shop\'s orders are stuck in "processing" since yesterday.',
      '我们店里的订单几百单都卡住了，发不了货。',
      '收到的包裹裡有一張出貨單，上面是另外一位客人的姓名、電話、地址跟訂單內容。',
      '你們的雲端同步把我的文件全覆蓋成舊版本了，一週的工作全沒了。',
      'The courier photographed my ID card with his own phone and my passport number is now on his screen.',
      'Every self check-in kiosk at Terminal 2 running your software is frozen on a loading screen.',
    ]) {
      const s = run(text);
      expect(s.priority, text).toBe('high');
      expect(s.priorityReasons[0], text).toMatch(/learned priority model.*signals: /);
    }
  });

  it('reads "not urgent" as the opposite of a request for urgent help', () => {
    for (const text of ['Hi, just flagging that the invoice PDF shows the wrong date format. Not urgent. Thanks!', '報表的圖例有點重疊，不緊急，有空再修就好。']) {
      const s = run(text);
      expect(s.priority, text).not.toBe('high');
      expect(s.priorityReasons[0], text).not.toMatch(/asks for urgent help/);
    }
  });
});

describe('flags and sentiment: anger is not urgency, courtesy is not praise', () => {
  it('does not flag a polite urgent request as angry, and does flag contempt', () => {
    const polite = screen(classifier, '軟件閃退', '我的軟件總是閃退，太影響工作了，請盡快處理');
    expect(polite.priority).toBe('high');
    expect(polite.flags).not.toContain('angry');
    const angry = run('垃圾客服，打了五次都沒人接，太離譜了！！！');
    expect(angry.flags).toContain('angry');
    expect(angry.flagReasons.angry).toMatch(/垃圾|离谱|!!!/);
  });

  it('keeps polite urgency calm and names what raised a learned anger flag', () => {
    for (const text of ['我的軟件總是閃退，太影響工作了，請盡快處理', '您好，系統從早上就登入不了，太影響工作了，請盡快處理，謝謝。', 'Hi, the export has failed three times today and it is really affecting our work. Please look into it as soon as possible. Thanks.']) {
      const s = run(text);
      expect(s.flags, text).not.toContain('angry');
      expect(s.angerProbability, text).toBeLessThan(ANGER_THRESHOLD);
    }
    const shouted = run("It's NOT resolved. Nobody contacted me, you just closed my ticket AGAIN. What is wrong with you people??");
    expect(shouted.flags).toContain('angry');
    expect(shouted.flagReasons.angry).toMatch(/evidence: .*(shape|anger|cue|sig):/);
  });

  it('reads negation, sarcasm and intensifiers in all three scripts', () => {
    const label = (t: string) => run(t).sentiment.label;
    expect(label('Honestly not happy with the office chair, the armrest wobbles already.')).toBe('negative');
    expect(label('說實話不是很好用，用一週電池就充不飽。')).toBe('negative');
    expect(label('说实话不太满意，电池一周就不行了。')).toBe('negative');
    expect(label('Wow, brilliant service. Fourth "we\'ll call you back" and still nothing.')).toBe('negative');
    expect(label('真的很謝謝你們喔，打了五次客服電話每次都等 40 分鐘然後斷線，效率真是一流。')).toBe('negative');
    expect(label('服务真好，发了五封邮件终于有人回了，呵呵')).toBe('negative');
    expect(label('Not bad at all! Your air fryer has changed how we cook. Just wanted to say thanks.')).toBe('positive');
    expect(label('非常滿意，師傅很細心，謝謝！')).toBe('positive');
  });

  it('reads a polite question as neutral and thanks around a complaint as negative', () => {
    const label = (t: string) => run(t).sentiment.label;
    expect(label('Hi! Quick question: does the extender support 5GHz? Thank you.')).toBe('neutral');
    expect(label('您好，請問電子發票可以改存手機載具嗎？謝謝。')).toBe('neutral');
    expect(label('你好，请问怎么修改绑定的手机号？谢谢')).toBe('neutral');
    expect(label('您好，不好意思打擾了。上週收到的耳機右耳完全沒有聲音，麻煩協助換貨，謝謝，祝順心。')).toBe('negative');
    expect(label("Hello, hope all is well. I'm writing again about my refund: five weeks and still nothing. Best regards")).toBe('negative');
    expect(label('Dear team, thank you for your time. Sadly the replacement charger you sent also stopped working after two days.')).toBe('negative');
    expect(label('您好，不好意思又來打擾，退款到現在還沒收到，已經五週了，麻煩再幫我查一下，謝謝！')).toBe('negative');
  });
});
