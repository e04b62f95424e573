// The words the pipeline puts into customer and staff mail around the templates: stage and
// compensation names, and the titles and lines of staff notices.
import type { CaseStatus } from '../case/case.js';
import type { Compensation, CompensationKind } from '../case/staffCommands.js';
import type { Locale } from '../intake/language.js';
import { defineWords } from './words.js';

/** Why a mail that tried to change a case was refused (answered by a staff notice). */
export type RefusalReason = 'bad-reply-token' | 'unknown-case' | 'not-staff' | 'no-reply-token' | 'unproven-sender';

export const mailWords = defineWords({
  stages: {
    en: { new: 'new', acknowledged: 'acknowledged', reopened: 're-opened', pending: 'on hold', in_progress: 'in progress', in_test: 'testing the fix', resolved: 'resolved', closed: 'closed' } as Partial<Record<CaseStatus, string>>,
    'zh-Hant': { new: '新案件', acknowledged: '已確認收到', reopened: '已重新開啟', pending: '暫緩處理', in_progress: '處理中', in_test: '正在測試修正', resolved: '已解決', closed: '已結案' },
    'zh-Hans': { new: '新案件', acknowledged: '已确认收到', reopened: '已重新开启', pending: '暂缓处理', in_progress: '处理中', in_test: '正在测试修正', resolved: '已解决', closed: '已结案' },
  },
  compensations: {
    en: { refund: 'Refund', replacement: 'Replacement', coupon: 'Coupon', fee_waiver: 'Fee waiver' } as Record<CompensationKind, string>,
    'zh-Hant': { refund: '退款', replacement: '換貨', coupon: '優惠券', fee_waiver: '費用減免' },
    'zh-Hans': { refund: '退款', replacement: '换货', coupon: '优惠券', fee_waiver: '费用减免' },
  },
  /** Between a label and what follows it. */
  colon: { en: ': ', 'zh-Hant': '：', 'zh-Hans': '：' },
  submissionSubject: { en: 'your message', 'zh-Hant': '您的來信', 'zh-Hans': '您的来信' },
  rejected: { en: (n: string) => `The supervisor rejected the solution for ${n}`, 'zh-Hant': (n) => `主管駁回了案件 ${n} 的解決方案`, 'zh-Hans': (n) => `主管驳回了案件 ${n} 的解决方案` },
  notApplied: {
    en: (n: string) => `Some lines of your reply to ${n} were not applied`,
    'zh-Hant': (n) => `您對案件 ${n} 的回覆有部分未套用`,
    'zh-Hans': (n) => `您对案件 ${n} 的回复有部分未应用`,
  },
  partReported: {
    en: (from: string, n: string) => `${from} reported its part of ${n}`,
    'zh-Hant': (from, n) => `${from} 回報了案件 ${n} 的協辦部分`,
    'zh-Hans': (from, n) => `${from} 报告了案件 ${n} 的协办部分`,
  },
  consentAccepted: {
    en: (n: string) => `The customer accepted the proposed solution for ${n}: carry it out and reply "resolve: ..."`,
    'zh-Hant': (n) => `客戶同意了案件 ${n} 的建議方案，請執行並以「解決：」回覆`,
    'zh-Hans': (n) => `客户同意了案件 ${n} 的建议方案，请执行并以“解决：”回复`,
  },
  consentRefused: {
    en: (n: string) => `The customer refused the proposed solution for ${n}`,
    'zh-Hant': (n) => `客戶不同意案件 ${n} 的建議方案`,
    'zh-Hans': (n) => `客户不同意案件 ${n} 的建议方案`,
  },
  proposed: { en: (text: string) => `Proposed: ${text}`, 'zh-Hant': (text) => `建議方案：${text}`, 'zh-Hans': (text) => `建议方案：${text}` },
  customerWrote: { en: (text: string) => `The customer wrote: ${text}`, 'zh-Hant': (text) => `客戶回覆：${text}`, 'zh-Hans': (text) => `客户回复：${text}` },
  firstResponseDue: {
    en: (n: string, due: string) => `Case ${n} has no answer to the customer yet: the first answer was due ${due}`,
    'zh-Hant': (n, due) => `案件 ${n} 尚未回覆客戶：首次回覆期限是 ${due}`,
    'zh-Hans': (n, due) => `案件 ${n} 尚未回复客户：首次回复期限是 ${due}`,
  },
  firstResponseHint: {
    en: 'Write to the customer with "reply:", "ask:" or "resolve:"; the supervisor has been told.',
    'zh-Hant': '請以「回覆：」、「詢問：」或「解決：」回覆客戶；主管已收到通知。',
    'zh-Hans': '请以“回复：”、“询问：”或“解决：”回复客户；主管已收到通知。',
  },
  reopenedTitle: {
    en: (n: string) => `Case ${n} is re-opened: the customer says it is not solved`,
    'zh-Hant': (n) => `案件 ${n} 已重新開啟：客戶表示問題尚未解決`,
    'zh-Hans': (n) => `案件 ${n} 已重新开启：客户表示问题尚未解决`,
  },
  reopenedTimes: {
    en: (times: number) => `Re-opened ${times} time(s); please work on it again.`,
    'zh-Hant': (times) => `已重新開啟 ${times} 次；請繼續處理。`,
    'zh-Hans': (times) => `已重新开启 ${times} 次；请继续处理。`,
  },
  negativeCommentTitle: {
    en: (n: string) => `Follow up with the customer of ${n}: negative comment`,
    'zh-Hant': (n) => `請跟進案件 ${n} 的客戶：負面意見`,
    'zh-Hans': (n) => `请跟进案件 ${n} 的客户：负面意见`,
  },
  customerLine: { en: (email: string) => `Customer: ${email}`, 'zh-Hant': (email) => `客戶：${email}`, 'zh-Hans': (email) => `客户：${email}` },
  scored: { en: (score: number) => `the customer scored ${score} of 5`, 'zh-Hant': (score) => `客戶評分 ${score} / 5`, 'zh-Hans': (score) => `客户评分 ${score} / 5` },
  confirmedFixed: { en: 'the customer confirmed it is solved', 'zh-Hant': '客戶確認問題已解決', 'zh-Hans': '客户确认问题已解决' },
  notSolved: { en: 'the customer says it is not solved', 'zh-Hant': '客戶表示問題尚未解決', 'zh-Hans': '客户表示问题尚未解决' },
  unconfirmedDetail: {
    en: (department: string, hours: number) => `${department} has not confirmed receipt within ${hours} h, nor after a reminder`,
    'zh-Hant': (department, hours) => `${department}在 ${hours} 小時內未確認收件，提醒後仍未確認`,
    'zh-Hans': (department, hours) => `${department}在 ${hours} 小时内未确认收件，提醒后仍未确认`,
  },
  overdueDetail: {
    en: (expected: string, status: CaseStatus, next: string) => `expected by ${expected}, still ${String(status).replace('_', ' ')}; the customer was told the new time ${next}`,
    'zh-Hant': (expected, status, next) => `預計 ${expected} 完成，目前仍是「${stageName(status, 'zh-Hant')}」；已告知客戶新的時間 ${next}`,
    'zh-Hans': (expected, status, next) => `预计 ${expected} 完成，目前仍是“${stageName(status, 'zh-Hans')}”；已告知客户新的时间 ${next}`,
  },
  noFirstResponseDetail: {
    en: (due: string, priority: string) => `no reply, question or solution has reached the customer by ${due} (${priority} priority)`,
    'zh-Hant': (due, priority) => `截至 ${due}，客戶尚未收到任何回覆、提問或解決方案（優先級 ${priority}）`,
    'zh-Hans': (due, priority) => `截至 ${due}，客户尚未收到任何回复、提问或解决方案（优先级 ${priority}）`,
  },
  refusalTitle: {
    en: {
      'bad-reply-token': 'Your mail was not filed: its reply address is not one we made',
      'unknown-case': 'Your mail was not filed: the case it names does not exist',
      'not-staff': 'Your mail changed nothing: you are not on the staff of the case’s department',
      'no-reply-token': 'Your mail changed nothing: case updates only work through the case’s reply address',
      'unproven-sender': 'A mail in your name changed nothing: it did not prove it came from your mail server',
    } as Record<RefusalReason, string>,
    'zh-Hant': {
      'bad-reply-token': '您的郵件未歸檔：回覆地址無效',
      'unknown-case': '您的郵件未歸檔：所指的案件不存在',
      'not-staff': '您的郵件未套用：您不是此案件負責部門的成員',
      'no-reply-token': '您的郵件未套用：案件更新只能透過案件的回覆地址',
      'unproven-sender': '一封以您名義寄出的郵件未套用：它無法證明來自您的郵件伺服器',
    },
    'zh-Hans': {
      'bad-reply-token': '您的邮件未归档：回复地址无效',
      'unknown-case': '您的邮件未归档：所指的案件不存在',
      'not-staff': '您的邮件未应用：您不是此案件负责部门的成员',
      'no-reply-token': '您的邮件未应用：案件更新只能通过案件的回复地址',
      'unproven-sender': '一封以您名义发出的邮件未应用：它无法证明来自您的邮件服务器',
    },
  },
  refusalFix: {
    en: {
      'bad-reply-token': 'Reply to the case mail you received (its Reply-To address carries the right code).',
      'unknown-case': 'Reply to the case mail you received instead of writing a new mail.',
      'not-staff': 'Ask an admin to add your address to the department’s members, or forward the mail to the department.',
      'no-reply-token': 'Reply to the case mail you received: its Reply-To address (support+CASE.code@…) files your commands under the case.',
      'unproven-sender': 'If you sent it, ask your mail admin to DKIM-sign your domain’s outgoing mail; if you did not, someone wrote in your name: the mail is in the quarantine.',
    } as Record<RefusalReason, string>,
    'zh-Hant': {
      'bad-reply-token': '請直接回覆您收到的案件郵件（其回覆地址帶有正確的代碼）。',
      'unknown-case': '請直接回覆您收到的案件郵件，而不是另寫新郵件。',
      'not-staff': '請管理員將您的信箱加入部門成員，或把郵件轉給負責部門。',
      'no-reply-token': '請直接回覆您收到的案件郵件：其回覆地址（support+案件號.代碼@…）會把您的指令歸入案件。',
      'unproven-sender': '若是您寄出的，請郵件管理員為您網域的外寄郵件加上 DKIM 簽章；若不是，表示有人冒用您的名義：該郵件已隔離。',
    },
    'zh-Hans': {
      'bad-reply-token': '请直接回复您收到的案件邮件（其回复地址带有正确的代码）。',
      'unknown-case': '请直接回复您收到的案件邮件，而不是另写新邮件。',
      'not-staff': '请管理员将您的邮箱加入部门成员，或把邮件转给负责部门。',
      'no-reply-token': '请直接回复您收到的案件邮件：其回复地址（support+案件号.代码@…）会把您的指令归入案件。',
      'unproven-sender': '若是您发出的，请邮件管理员为您域名的外发邮件加上 DKIM 签名；若不是，表示有人冒用您的名义：该邮件已隔离。',
    },
  },
});
export type MailWords = (typeof mailWords)['en'];

export function stageName(status: CaseStatus, locale: Locale): string {
  return mailWords[locale].stages[status] ?? String(status).replace('_', ' ');
}

export function describeCompensation(c: Compensation, locale: Locale): string {
  const w = mailWords[locale];
  const kind = w.compensations[c.kind];
  return c.amount !== null ? `${kind}${w.colon}${c.amount} ${c.currency ?? ''}`.trim() : kind;
}
