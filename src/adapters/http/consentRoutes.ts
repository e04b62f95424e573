// The pages behind the consent links (pipeline/case/linkAnswers): /c/<token> shows what
// the customer answers and a Confirm button (a refusal with a box for their words; an
// agreement to be named publicly with the name to show, their initials by default);
// POST /c records it. Server-rendered, no script, never cached; in the case's language.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Locale } from '../../domain/intake/language.js';
import { confirmLink, openLink, type LinkCase, type LinkOpened, type LinkPortalDeps } from '../../pipeline/case/linkAnswers.js';
import { pageLocale, pageText } from './pageText.js';
import { renderPage, type View } from './views.js';

const en = {
  proposalTitle: 'Our proposed solution',
  proposalIntro: (n: string) => `For your case ${n} we propose:`,
  accept: 'I agree: please carry it out',
  refuse: 'I do not agree',
  wordsLabel: 'What would you prefer instead? (optional; the team reads it)',
  acceptHint: 'Press the button to agree. Nothing is recorded until you do.',
  refuseHint: 'Tell us what you would prefer and press the button. Nothing is recorded until you do.',
  acceptedTitle: 'Thank you, you agreed',
  acceptedText: 'We carry out the solution and let you know when it is done.',
  refusedTitle: 'Thank you for your answer',
  refusedText: 'The team has your words and comes back to you with another proposal.',
  answeredTitle: 'You have answered already',
  answeredSame: 'This answer was recorded before; nothing more is needed.',
  answeredOther: 'This proposal was answered already. If you changed your mind, please reply to our email.',
  staleTitle: 'This proposal was replaced',
  staleText: 'The team has sent you a newer proposal. Please answer the latest email.',
};
type ConsentText = typeof en;

// The words of the recognition links (公開表彰), apart from the proposal's.
const creditEn = {
  title: 'Public thanks for your suggestion',
  intro: (n: string) => `Your suggestion ${n} was adopted:`,
  nameLabel: 'The name to show on our page of adopted suggestions (your initials, or any name you like)',
  agree: 'Yes, thank me publicly under this name',
  withdraw: 'Take my name off the page',
  agreeHint: 'Only this name and the adopted plan are shown; never your address. You can withdraw at any time.',
  withdrawHint: 'Press the button and your suggestion no longer appears on the page.',
  agreedTitle: 'Thank you',
  agreedText: 'Your name appears on our page of adopted suggestions within an hour.',
  withdrawnTitle: 'Your name is taken off',
  withdrawnText: 'Your suggestion no longer appears on our page of adopted suggestions (within an hour everywhere).',
};
type CreditText = typeof creditEn;

const CREDIT_TEXT: Record<Locale, CreditText> = {
  en: creditEn,
  'zh-Hant': {
    title: '公開感謝您的建議',
    intro: (n) => `您的建議 ${n} 已獲採納：`,
    nameLabel: '在「已採納建議」頁面上顯示的名稱（您的姓名縮寫，或任何您喜歡的名稱）',
    agree: '同意，以此名稱公開感謝我',
    withdraw: '從頁面上移除我的名稱',
    agreeHint: '頁面只顯示此名稱與採納的方案，絕不顯示您的電子郵件。您可隨時撤回。',
    withdrawHint: '按下按鈕後，您的建議將不再出現在頁面上。',
    agreedTitle: '謝謝您',
    agreedText: '您的名稱將於一小時內出現在「已採納建議」頁面上。',
    withdrawnTitle: '已移除您的名稱',
    withdrawnText: '您的建議已不再出現在「已採納建議」頁面上（一小時內各處生效）。',
  },
  'zh-Hans': {
    title: '公开感谢您的建议',
    intro: (n) => `您的建议 ${n} 已获采纳：`,
    nameLabel: '在“已采纳建议”页面上显示的名称（您的姓名缩写，或任何您喜欢的名称）',
    agree: '同意，以此名称公开感谢我',
    withdraw: '从页面上移除我的名称',
    agreeHint: '页面只显示此名称与采纳的方案，绝不显示您的电子邮件。您可随时撤回。',
    withdrawHint: '按下按钮后，您的建议将不再出现在页面上。',
    agreedTitle: '谢谢您',
    agreedText: '您的名称将于一小时内出现在“已采纳建议”页面上。',
    withdrawnTitle: '已移除您的名称',
    withdrawnText: '您的建议已不再出现在“已采纳建议”页面上（一小时内各处生效）。',
  },
};

const TEXT: Record<Locale, ConsentText> = {
  en,
  'zh-Hant': {
    proposalTitle: '我們建議的解決方案',
    proposalIntro: (n) => `針對您的案件 ${n}，我們建議：`,
    accept: '我同意，請執行',
    refuse: '我不同意',
    wordsLabel: '您希望如何處理？（選填，團隊會閱讀）',
    acceptHint: '按下按鈕即表示同意。按下前不會記錄任何內容。',
    refuseHint: '請告訴我們您希望的處理方式，然後按下按鈕。按下前不會記錄任何內容。',
    acceptedTitle: '謝謝，您已同意',
    acceptedText: '我們會執行此方案，完成後通知您。',
    refusedTitle: '謝謝您的回覆',
    refusedText: '團隊已收到您的意見，會再提出其他方案。',
    answeredTitle: '您已經回覆過了',
    answeredSame: '這個回覆先前已記錄，無需再做任何事。',
    answeredOther: '這個方案已經回覆過了。如您改變主意，請回覆我們的郵件。',
    staleTitle: '這個方案已被取代',
    staleText: '團隊已寄給您較新的方案，請回覆最新的郵件。',
  },
  'zh-Hans': {
    proposalTitle: '我们建议的解决方案',
    proposalIntro: (n) => `针对您的案件 ${n}，我们建议：`,
    accept: '我同意，请执行',
    refuse: '我不同意',
    wordsLabel: '您希望如何处理？（选填，团队会阅读）',
    acceptHint: '按下按钮即表示同意。按下前不会记录任何内容。',
    refuseHint: '请告诉我们您希望的处理方式，然后按下按钮。按下前不会记录任何内容。',
    acceptedTitle: '谢谢，您已同意',
    acceptedText: '我们会执行此方案，完成后通知您。',
    refusedTitle: '谢谢您的回复',
    refusedText: '团队已收到您的意见，会再提出其他方案。',
    answeredTitle: '您已经回复过了',
    answeredSame: '这个回复先前已记录，无需再做任何事。',
    answeredOther: '这个方案已经回复过了。如您改变主意，请回复我们的邮件。',
    staleTitle: '这个方案已被取代',
    staleText: '团队已寄给您较新的方案，请回复最新的邮件。',
  },
};

export function registerConsentLinks(app: FastifyInstance, company: string, deps: LinkPortalDeps): void {
  const page = (reply: FastifyReply, code: number, locale: Locale, view: View, title: string, data: Record<string, unknown>) =>
    reply.code(code).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'").send(renderPage(view, { lang: locale, title, company }, data));
  const message = (reply: FastifyReply, code: number, locale: Locale, heading: string, text: string, error = false) => page(reply, code, locale, 'message', heading, { heading, text, error });

  /** Every state but a page to confirm: the same words for GET and POST. */
  const outcome = (reply: FastifyReply, o: LinkOpened | { state: 'recorded'; case: LinkCase; link: { choice: string } }, acceptLanguage: string | undefined) => {
    const locale = 'case' in o ? o.case.locale : pageLocale(undefined, acceptLanguage);
    const t = TEXT[locale];
    const p = pageText(locale);
    switch (o.state) {
      case 'forged':
        return message(reply, 400, locale, p.forgedTitle, p.forgedText, true);
      case 'expired':
        return message(reply, 410, locale, p.expiredTitle, p.expiredText, true);
      case 'stale':
        return message(reply, 409, locale, t.staleTitle, t.staleText);
      case 'answered':
        return message(reply, o.same ? 200 : 409, locale, t.answeredTitle, o.same ? t.answeredSame : t.answeredOther);
      case 'recorded':
        if (o.link.choice === 'agree') return message(reply, 200, locale, CREDIT_TEXT[locale].agreedTitle, CREDIT_TEXT[locale].agreedText);
        if (o.link.choice === 'withdraw') return message(reply, 200, locale, CREDIT_TEXT[locale].withdrawnTitle, CREDIT_TEXT[locale].withdrawnText);
        return o.link.choice === 'accept' ? message(reply, 200, locale, t.acceptedTitle, t.acceptedText) : message(reply, 200, locale, t.refusedTitle, t.refusedText);
      default:
        return null;
    }
  };

  app.get<{ Params: { token: string } }>('/c/:token', async (req, reply) => {
    const opened = await openLink(req.params.token, deps);
    if (opened.state !== 'ok') return outcome(reply, opened, req.headers['accept-language']);
    if (opened.link.purpose === 'credit') {
      const ct = CREDIT_TEXT[opened.case.locale];
      const agree = opened.link.choice === 'agree';
      return page(reply, 200, opened.case.locale, 'consent', ct.title, {
        heading: ct.title,
        intro: ct.intro(opened.case.caseNumber),
        proposal: opened.case.adopted?.plan ?? '',
        token: req.params.token,
        name: agree ? ct.nameLabel : '',
        initials: opened.case.adopted?.initials ?? '',
        hint: agree ? ct.agreeHint : ct.withdrawHint,
        button: agree ? ct.agree : ct.withdraw,
      });
    }
    const t = TEXT[opened.case.locale];
    const refuse = opened.link.choice === 'refuse';
    return page(reply, 200, opened.case.locale, 'consent', t.proposalTitle, {
      heading: t.proposalTitle,
      intro: t.proposalIntro(opened.case.caseNumber),
      proposal: opened.case.proposal?.text ?? '',
      token: req.params.token,
      words: refuse ? t.wordsLabel : '',
      hint: refuse ? t.refuseHint : t.acceptHint,
      button: refuse ? t.refuse : t.accept,
    });
  });

  app.post<{ Body: { token?: string; words?: string; name?: string } }>('/c', async (req, reply) => {
    const done = await confirmLink({ token: String(req.body?.token ?? ''), words: String(req.body?.words ?? ''), name: String(req.body?.name ?? '') }, deps);
    return outcome(reply, done.state === 'ok' ? { ...done, state: 'answered', same: false } : done, req.headers['accept-language']);
  });
}
