// The public pages' words: the survey and feedback form, the error page, and the
// results and FAQ pages.
import { defineWords } from './words.js';

export const pageWords = defineWords({
  surveyTitle: { en: 'How did we do?', 'zh-Hant': '您對我們的服務滿意嗎？', 'zh-Hans': '您对我们的服务满意吗？' },
  surveyIntro: { en: 'Please rate how we handled your case', 'zh-Hant': '請為我們處理您案件的方式評分，案件', 'zh-Hans': '请为我们处理您案件的方式评分，案件' },
  scoreLabel: { en: 'Your score (1 = very poor, 5 = excellent)', 'zh-Hant': '您的評分（1 = 非常不滿意，5 = 非常滿意）', 'zh-Hans': '您的评分（1 = 非常不满意，5 = 非常满意）' },
  scoreHint: {
    en: 'Choose a score, add a comment if you like, and press Confirm. Nothing is recorded until you do.',
    'zh-Hant': '選擇分數，可另寫意見，然後按「確認」。按下確認前不會記錄任何內容。',
    'zh-Hans': '选择分数，可另写意见，然后按“确认”。按下确认前不会记录任何内容。',
  },
  commentLabel: { en: 'Comment (optional)', 'zh-Hant': '意見（選填）', 'zh-Hans': '意见（选填）' },
  confirm: { en: 'Confirm', 'zh-Hant': '確認', 'zh-Hans': '确认' },
  thanksTitle: { en: 'Thank you', 'zh-Hant': '謝謝您', 'zh-Hans': '谢谢您' },
  thanksText: { en: 'Your answer is recorded.', 'zh-Hant': '您的回覆已記錄。', 'zh-Hans': '您的回复已记录。' },
  reopenedText: {
    en: 'We are sorry it is not solved. Your case is open again and the team is working on it.',
    'zh-Hant': '很抱歉問題尚未解決。您的案件已重新開啟，團隊會繼續處理。',
    'zh-Hans': '很抱歉问题尚未解决。您的案件已重新开启，团队会继续处理。',
  },
  replayTitle: { en: 'Already recorded', 'zh-Hant': '已經記錄', 'zh-Hans': '已经记录' },
  replayText: {
    en: 'This answer was recorded before. To change your score, open the link in the email again.',
    'zh-Hant': '這份回覆先前已記錄。如要更改評分，請再次開啟郵件中的連結。',
    'zh-Hans': '这份回复先前已记录。如要更改评分，请再次打开邮件中的链接。',
  },
  forgedTitle: { en: 'This link is not valid', 'zh-Hant': '連結無效', 'zh-Hans': '链接无效' },
  forgedText: {
    en: 'The link is damaged or was changed. Please use the link exactly as it is in our email.',
    'zh-Hant': '連結已損壞或被修改。請使用郵件中的原始連結。',
    'zh-Hans': '链接已损坏或被修改。请使用邮件中的原始链接。',
  },
  expiredTitle: { en: 'This link has expired', 'zh-Hant': '連結已過期', 'zh-Hans': '链接已过期' },
  expiredText: {
    en: 'Survey links work for a limited time. You can still reply to our email to tell us how we did.',
    'zh-Hant': '問卷連結有使用期限。您仍可直接回覆我們的郵件告訴我們您的意見。',
    'zh-Hans': '问卷链接有使用期限。您仍可直接回复我们的邮件告诉我们您的意见。',
  },
  closedTitle: { en: 'This case is closed', 'zh-Hant': '案件已結案', 'zh-Hans': '案件已结案' },
  closedText: {
    en: 'Your case is closed, so answers can no longer be changed. Write to us if the problem comes back.',
    'zh-Hant': '您的案件已結案，回覆無法再更改。若問題再次出現，請來信告訴我們。',
    'zh-Hans': '您的案件已结案，回复无法再更改。若问题再次出现，请来信告诉我们。',
  },
  formTitle: { en: 'Send us your feedback', 'zh-Hant': '意見回饋', 'zh-Hans': '意见反馈' },
  formIntro: {
    en: 'Tell us what went wrong or what we could do better. You get a case number by email at once.',
    'zh-Hant': '請告訴我們發生了什麼問題，或我們可以如何改進。送出後您會立即收到附有案件編號的確認信。',
    'zh-Hans': '请告诉我们发生了什么问题，或我们可以如何改进。提交后您会立即收到附有案件编号的确认邮件。',
  },
  name: { en: 'Your name (optional)', 'zh-Hant': '您的姓名（選填）', 'zh-Hans': '您的姓名（选填）' },
  email: { en: 'Your email address', 'zh-Hant': '您的電子郵件地址', 'zh-Hans': '您的电子邮件地址' },
  emailHint: { en: 'We send the confirmation and our answers here.', 'zh-Hant': '確認信與我們的回覆會寄到這裡。', 'zh-Hans': '确认邮件与我们的回复会发到这里。' },
  subject: { en: 'Subject', 'zh-Hant': '主旨', 'zh-Hans': '主题' },
  message: { en: 'Your message', 'zh-Hant': '內容', 'zh-Hans': '内容' },
  attachments: { en: 'Attachments (optional)', 'zh-Hant': '附件（選填）', 'zh-Hans': '附件（选填）' },
  attachmentsHint: { en: 'Screenshots or documents, up to 5 files of 10 MB each.', 'zh-Hant': '截圖或文件，最多 5 個檔案，每個 10 MB。', 'zh-Hans': '截屏或文档，最多 5 个文件，每个 10 MB。' },
  send: { en: 'Send', 'zh-Hant': '送出', 'zh-Hans': '提交' },
  otherLanguage: { en: '中文', 'zh-Hant': 'English', 'zh-Hans': 'English' },
  sentTitle: { en: 'Thank you, we have your message', 'zh-Hant': '謝謝，我們已收到您的意見', 'zh-Hans': '谢谢，我们已收到您的意见' },
  sentText: { en: 'Your case number is', 'zh-Hant': '您的案件編號是', 'zh-Hans': '您的案件编号是' },
  sentHint: { en: 'A confirmation is on its way to your email address.', 'zh-Hant': '確認信已寄往您的電子郵件地址。', 'zh-Hans': '确认邮件已发往您的电子邮件地址。' },
  tooFast: { en: 'Please take a moment to fill in the form, then send it again.', 'zh-Hant': '請花點時間填寫表單，然後再送出一次。', 'zh-Hans': '请花点时间填写表单，然后再提交一次。' },
  invalid: { en: 'Please check the form: an email address, a subject and a message are needed.', 'zh-Hant': '請檢查表單：需要電子郵件地址、主旨和內容。', 'zh-Hans': '请检查表单：需要电子邮件地址、主题和内容。' },
  limited: {
    en: 'Too many messages from your network in the last hour. Please try again later, or write to us by email.',
    'zh-Hant': '過去一小時內來自您網路的訊息過多，請稍後再試，或直接寄信給我們。',
    'zh-Hans': '过去一小时内来自您网络的消息过多，请稍后再试，或直接发邮件给我们。',
  },
  badFiles: { en: 'Up to 5 attachments of 10 MB each, please.', 'zh-Hant': '附件最多 5 個，每個 10 MB。', 'zh-Hans': '附件最多 5 个，每个 10 MB。' },
  failed: { en: 'We could not take your message. Please write to us by email.', 'zh-Hant': '無法接收您的訊息，請直接寄信給我們。', 'zh-Hans': '无法接收您的消息，请直接发邮件给我们。' },
});
export type PageWords = (typeof pageWords)['en'];

export const errorWords = defineWords({
  title: { en: 'Something went wrong', 'zh-Hant': '發生錯誤', 'zh-Hans': '发生错误' },
  server: { en: 'We could not complete this request. Please try again in a moment.', 'zh-Hant': '我們無法完成這項請求，請稍後再試。', 'zh-Hans': '我们无法完成这项请求，请稍后再试。' },
  request: { en: 'This request could not be processed. Please go back and try again.', 'zh-Hant': '無法處理這項請求，請返回後再試一次。', 'zh-Hans': '无法处理这项请求，请返回后再试一次。' },
  reference: { en: 'If it happens again, tell us this reference:', 'zh-Hant': '若問題再次發生，請告訴我們這個參考編號：', 'zh-Hans': '若问题再次发生，请告诉我们这个参考编号：' },
});
export type ErrorWords = (typeof errorWords)['en'];

export const resultsWords = defineWords({
  results: { en: 'Our complaint handling results', 'zh-Hant': '意見反饋與投訴處理情況', 'zh-Hans': '意见反馈与投诉处理情况' },
  quarter: { en: 'Quarter', 'zh-Hant': '季度', 'zh-Hans': '季度' },
  show: { en: 'Show', 'zh-Hant': '查看', 'zh-Hans': '查看' },
  badQuarter: {
    en: (v: string) => `"${v}" is not a quarter; write it like 2026-Q4.`,
    'zh-Hant': (v: string) => `「${v}」不是季度，請寫成 2026-Q4。`,
    'zh-Hans': (v: string) => `“${v}”不是季度，请写成 2026-Q4。`,
  },
  received: { en: 'Messages received', 'zh-Hant': '收到的意見與投訴', 'zh-Hans': '收到的意见与投诉' },
  resolutionRate: { en: 'Resolved', 'zh-Hant': '已解決', 'zh-Hans': '已解决' },
  onTime: { en: 'Resolved within our promised time', 'zh-Hant': '於承諾時限內解決', 'zh-Hans': '于承诺时限内解决' },
  acknowledge: { en: 'Average time to confirm receipt', 'zh-Hant': '確認收到的平均時間', 'zh-Hans': '确认收到的平均时间' },
  resolve: { en: 'Average time to resolve', 'zh-Hant': '解決的平均時間', 'zh-Hans': '解决的平均时间' },
  satisfaction: { en: 'Customer satisfaction (of 5)', 'zh-Hant': '客戶滿意度（滿分 5）', 'zh-Hans': '客户满意度（满分 5）' },
  answers: { en: (n: number) => `${n} survey answers`, 'zh-Hant': (n: number) => `${n} 份問卷回覆`, 'zh-Hans': (n: number) => `${n} 份问卷回复` },
  byCategory: { en: 'By topic', 'zh-Hant': '按類別', 'zh-Hans': '按类别' },
  adopted: {
    en: (n: number) => `${n} customer suggestions adopted into our products`,
    'zh-Hant': (n: number) => `${n} 項客戶建議已被產品採納`,
    'zh-Hans': (n: number) => `${n} 项客户建议已被产品采纳`,
  },
  score: { en: 'Score', 'zh-Hant': '分數', 'zh-Hans': '分数' },
  count: { en: 'Answers', 'zh-Hant': '回覆數', 'zh-Hans': '回复数' },
  faq: { en: 'Frequently asked questions', 'zh-Hant': '常見問題', 'zh-Hans': '常见问题' },
  noFaq: { en: 'No answers are published yet.', 'zh-Hant': '目前尚無公開的解答。', 'zh-Hans': '目前尚无公开的解答。' },
  noData: { en: 'No figures for this quarter yet.', 'zh-Hant': '本季度尚無數據。', 'zh-Hans': '本季度尚无数据。' },
});
export type ResultsWords = (typeof resultsWords)['en'];
