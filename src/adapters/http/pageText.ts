// The words of the public pages (survey, feedback form) in the three languages.
import type { Locale } from '../../domain/intake/language.js';

const en = {
  surveyTitle: 'How did we do?',
  surveyIntro: 'Please rate how we handled your case',
  scoreLabel: 'Your score (1 = very poor, 5 = excellent)',
  scoreHint: 'Choose a score, add a comment if you like, and press Confirm. Nothing is recorded until you do.',
  commentLabel: 'Comment (optional)',
  confirm: 'Confirm',
  thanksTitle: 'Thank you',
  thanksText: 'Your answer is recorded.',
  reopenedText: 'We are sorry it is not solved. Your case is open again and the team is working on it.',
  replayTitle: 'Already recorded',
  replayText: 'This answer was recorded before. To change your score, open the link in the email again.',
  forgedTitle: 'This link is not valid',
  forgedText: 'The link is damaged or was changed. Please use the link exactly as it is in our email.',
  expiredTitle: 'This link has expired',
  expiredText: 'Survey links work for a limited time. You can still reply to our email to tell us how we did.',
  closedTitle: 'This case is closed',
  closedText: 'Your case is closed, so answers can no longer be changed. Write to us if the problem comes back.',
  formTitle: 'Send us your feedback',
  formIntro: 'Tell us what went wrong or what we could do better. You get a case number by email at once.',
  name: 'Your name (optional)',
  email: 'Your email address',
  emailHint: 'We send the confirmation and our answers here.',
  subject: 'Subject',
  message: 'Your message',
  attachments: 'Attachments (optional)',
  attachmentsHint: 'Screenshots or documents, up to 5 files of 10 MB each.',
  send: 'Send',
  otherLanguage: '中文',
  sentTitle: 'Thank you, we have your message',
  sentText: 'Your case number is',
  sentHint: 'A confirmation is on its way to your email address.',
  tooFast: 'Please take a moment to fill in the form, then send it again.',
  invalid: 'Please check the form: an email address, a subject and a message are needed.',
  limited: 'Too many messages from your network in the last hour. Please try again later, or write to us by email.',
  badFiles: 'Up to 5 attachments of 10 MB each, please.',
  failed: 'We could not take your message. Please write to us by email.',
};

export type PageText = typeof en;

const zhHant: PageText = {
  surveyTitle: '您對我們的服務滿意嗎？',
  surveyIntro: '請為我們處理您案件的方式評分，案件',
  scoreLabel: '您的評分（1 = 非常不滿意，5 = 非常滿意）',
  scoreHint: '選擇分數，可另寫意見，然後按「確認」。按下確認前不會記錄任何內容。',
  commentLabel: '意見（選填）',
  confirm: '確認',
  thanksTitle: '謝謝您',
  thanksText: '您的回覆已記錄。',
  reopenedText: '很抱歉問題尚未解決。您的案件已重新開啟，團隊會繼續處理。',
  replayTitle: '已經記錄',
  replayText: '這份回覆先前已記錄。如要更改評分，請再次開啟郵件中的連結。',
  forgedTitle: '連結無效',
  forgedText: '連結已損壞或被修改。請使用郵件中的原始連結。',
  expiredTitle: '連結已過期',
  expiredText: '問卷連結有使用期限。您仍可直接回覆我們的郵件告訴我們您的意見。',
  closedTitle: '案件已結案',
  closedText: '您的案件已結案，回覆無法再更改。若問題再次出現，請來信告訴我們。',
  formTitle: '意見回饋',
  formIntro: '請告訴我們發生了什麼問題，或我們可以如何改進。送出後您會立即收到附有案件編號的確認信。',
  name: '您的姓名（選填）',
  email: '您的電子郵件地址',
  emailHint: '確認信與我們的回覆會寄到這裡。',
  subject: '主旨',
  message: '內容',
  attachments: '附件（選填）',
  attachmentsHint: '截圖或文件，最多 5 個檔案，每個 10 MB。',
  send: '送出',
  otherLanguage: 'English',
  sentTitle: '謝謝，我們已收到您的意見',
  sentText: '您的案件編號是',
  sentHint: '確認信已寄往您的電子郵件地址。',
  tooFast: '請花點時間填寫表單，然後再送出一次。',
  invalid: '請檢查表單：需要電子郵件地址、主旨和內容。',
  limited: '過去一小時內來自您網路的訊息過多，請稍後再試，或直接寄信給我們。',
  badFiles: '附件最多 5 個，每個 10 MB。',
  failed: '無法接收您的訊息，請直接寄信給我們。',
};

const zhHans: PageText = {
  ...zhHant,
  surveyTitle: '您对我们的服务满意吗？',
  surveyIntro: '请为我们处理您案件的方式评分，案件',
  scoreLabel: '您的评分（1 = 非常不满意，5 = 非常满意）',
  scoreHint: '选择分数，可另写意见，然后按“确认”。按下确认前不会记录任何内容。',
  commentLabel: '意见（选填）',
  confirm: '确认',
  thanksTitle: '谢谢您',
  thanksText: '您的回复已记录。',
  reopenedText: '很抱歉问题尚未解决。您的案件已重新开启，团队会继续处理。',
  replayTitle: '已经记录',
  replayText: '这份回复先前已记录。如要更改评分，请再次打开邮件中的链接。',
  forgedTitle: '链接无效',
  forgedText: '链接已损坏或被修改。请使用邮件中的原始链接。',
  expiredTitle: '链接已过期',
  expiredText: '问卷链接有使用期限。您仍可直接回复我们的邮件告诉我们您的意见。',
  closedTitle: '案件已结案',
  closedText: '您的案件已结案，回复无法再更改。若问题再次出现，请来信告诉我们。',
};

const TEXT: Record<Locale, PageText> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export function pageText(locale: Locale): PageText {
  return TEXT[locale];
}

/** The page language: ?lang=, else the browser's Accept-Language. */
export function pageLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  const pick = (lang ?? acceptLanguage ?? '').toLowerCase();
  if (/^zh[-_](cn|sg|hans)|^zh-hans/.test(pick)) return 'zh-Hans';
  if (/^zh/.test(pick)) return 'zh-Hant';
  return 'en';
}

// The feedback form's phone field and the choice of SMS notices (003: 短信), kept apart
// from the words above.
const phoneEn = {
  phone: 'Mobile phone (optional)',
  phoneHint: 'Only for the SMS notices below, never for marketing.',
  sms: 'Also send me the notices about my case by SMS',
  badPhone: 'Please check the phone number: digits, spaces, brackets or dashes, like +886 912 345 678.',
  phoneNeeded: 'For SMS notices, please give your mobile phone number.',
};
export type PhoneText = typeof phoneEn;

const PHONE_TEXT: Record<Locale, PhoneText> = {
  en: phoneEn,
  'zh-Hant': {
    phone: '手機號碼（選填）',
    phoneHint: '僅用於下方的簡訊通知，不作行銷用途。',
    sms: '同時以簡訊通知我案件的進度',
    badPhone: '請檢查電話號碼：只能有數字、空格、括號或連字號，例如 +886 912 345 678。',
    phoneNeeded: '如需簡訊通知，請填寫手機號碼。',
  },
  'zh-Hans': {
    phone: '手机号码（选填）',
    phoneHint: '仅用于下方的短信通知，不作营销用途。',
    sms: '同时以短信通知我案件的进度',
    badPhone: '请检查电话号码：只能有数字、空格、括号或连字号，例如 +86 138 0013 8000。',
    phoneNeeded: '如需短信通知，请填写手机号码。',
  },
};

export function phoneText(locale: Locale): PhoneText {
  return PHONE_TEXT[locale];
}
