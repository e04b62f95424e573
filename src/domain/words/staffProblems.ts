// What went wrong with a line of a department's reply, said back to the sender in the
// department's language. The domain records a problem as its key and arguments (stored
// with the reply's plan, so a retry says the same thing); the words are chosen when the
// notice is written.
import type { CaseStatus } from '../case/case.js';
import type { Locale } from '../intake/language.js';
import { defineWords } from './words.js';
import rows from './staffProblems.json' with { type: 'json' };

const COMPENSATION_HELP = 'write it as "compensation: refund 200 TWD" (refund, replacement, coupon, fee waiver; 退款, 換貨, 優惠券, 減免)';
const label = (status: CaseStatus) => String(status).replace('_', ' ');

// Staff write these status words back in commands, so they name the statuses here.
const HANT_STATUS: Record<CaseStatus, string> = { new: '新案件', acknowledged: '已確認收到', reopened: '已重新開啟', pending: '待處理', in_progress: '處理中', in_test: '測試中', resolved: '已解決', closed: '已關閉' };
const HANS_STATUS: Record<CaseStatus, string> = { new: '新案件', acknowledged: '已确认收到', reopened: '已重新开启', pending: '待处理', in_progress: '处理中', in_test: '测试中', resolved: '已解决', closed: '已关闭' };
const hant = (s: CaseStatus) => HANT_STATUS[s] ?? String(s);
const hans = (s: CaseStatus) => HANS_STATUS[s] ?? String(s);
const HANT_COMPENSATION_HELP = '請寫成「補償：退款 200 TWD」（退款、換貨、優惠券、減免；refund, replacement, coupon, fee waiver）';
const HANS_COMPENSATION_HELP = '请写成“补偿：退款 200 TWD”（退款、换货、优惠券、减免；refund, replacement, coupon, fee waiver）';

export const staffProblemWords = defineWords({
  ...rows.staffProblemWords,
  noText: {
    en: (command: string) => `"${command}:" has no text; write it after the colon`,
    'zh-Hant': (command) => `「${command}：」沒有內容；請寫在冒號之後`,
    'zh-Hans': (command) => `“${command}：”没有内容；请写在冒号之后`,
  },
  unknownCommand: {
    en: (word: string) => `unknown command "${word}:"; the line was kept as an internal note`,
    'zh-Hant': (word) => `無法辨識的指令「${word}：」；該行已記為內部備註`,
    'zh-Hans': (word) => `无法识别的指令“${word}：”；该行已记为内部备注`,
  },
  unknownName: { en: (name: string) => `unknown command "${name}"`, 'zh-Hant': (name) => `無法辨識的指令「${name}」`, 'zh-Hans': (name) => `无法识别的指令“${name}”` },
  badStatus: {
    en: (value: string) => `status "${value}" is not one of: pending, in progress, in test, resolved, closed (待處理, 處理中, 測試中, 已解決, 已關閉)`,
    'zh-Hant': (value) => `狀態「${value}」不是下列之一：待處理、處理中、測試中、已解決、已關閉（pending, in progress, in test, resolved, closed）`,
    'zh-Hans': (value) => `状态“${value}”不是下列之一：待处理、处理中、测试中、已解决、已关闭（pending, in progress, in test, resolved, closed）`,
  },
  badPriority: {
    en: (value: string) => `priority "${value}" is not one of: high, medium, low (高, 中, 低)`,
    'zh-Hant': (value) => `優先級「${value}」不是下列之一：高、中、低（high, medium, low）`,
    'zh-Hans': (value) => `优先级“${value}”不是下列之一：高、中、低（high, medium, low）`,
  },
  badCategory: {
    en: (value: string, ids: string) => `category "${value}" is not one of: ${ids}`,
    'zh-Hant': (value, ids) => `類別「${value}」不是下列之一：${ids}`,
    'zh-Hans': (value, ids) => `类别“${value}”不是下列之一：${ids}`,
  },
  etaNotDate: {
    en: (value: string, timeZone: string) => `eta "${value}" is not a date and time; write it as YYYY-MM-DD HH:MM on ${timeZone} time, like "eta: 2026-12-01 18:00"`,
    'zh-Hant': (value, timeZone) => `預計完成「${value}」不是日期時間；請寫成 YYYY-MM-DD HH:MM（${timeZone} 時間），例如「預計完成：2026-12-01 18:00」`,
    'zh-Hans': (value, timeZone) => `预计完成“${value}”不是日期时间；请写成 YYYY-MM-DD HH:MM（${timeZone} 时间），例如“预计完成：2026-12-01 18:00”`,
  },
  etaNotReal: {
    en: (value: string, timeZone: string) => `eta "${value}" is not a real date and time; write it as YYYY-MM-DD HH:MM on ${timeZone} time, like "eta: 2026-12-01 18:00"`,
    'zh-Hant': (value, timeZone) => `預計完成「${value}」不是有效的日期時間；請寫成 YYYY-MM-DD HH:MM（${timeZone} 時間），例如「預計完成：2026-12-01 18:00」`,
    'zh-Hans': (value, timeZone) => `预计完成“${value}”不是有效的日期时间；请写成 YYYY-MM-DD HH:MM（${timeZone} 时间），例如“预计完成：2026-12-01 18:00”`,
  },
  etaPast: {
    en: (value: string) => `eta "${value}" is in the past; give a time still to come`,
    'zh-Hant': (value) => `預計完成「${value}」已經過去；請填寫未來的時間`,
    'zh-Hans': (value) => `预计完成“${value}”已经过去；请填写未来的时间`,
  },
  closeUnclear: {
    en: (value: string) => `close "${value}" says neither spam nor which case it duplicates; write "close: spam" or "close: duplicate of CS-2026-000123" (關閉：垃圾郵件, 關閉：重複 CS-2026-000123)`,
    'zh-Hant': (value) => `關閉「${value}」既非垃圾郵件，也沒有指明與哪個案件重複；請寫「關閉：垃圾郵件」或「關閉：重複 CS-2026-000123」`,
    'zh-Hans': (value) => `关闭“${value}”既非垃圾邮件，也没有指明与哪个案件重复；请写“关闭：垃圾邮件”或“关闭：重复 CS-2026-000123”`,
  },
  compensationNoKind: {
    en: (value: string) => `compensation "${value}" names no kind; ${COMPENSATION_HELP}`,
    'zh-Hant': (value) => `補償「${value}」沒有指明種類；${HANT_COMPENSATION_HELP}`,
    'zh-Hans': (value) => `补偿“${value}”没有指明种类；${HANS_COMPENSATION_HELP}`,
  },
  compensationNoAmount: {
    en: (value: string) => `compensation "${value}" needs an amount; ${COMPENSATION_HELP}`,
    'zh-Hant': (value) => `補償「${value}」需要金額；${HANT_COMPENSATION_HELP}`,
    'zh-Hans': (value) => `补偿“${value}”需要金额；${HANS_COMPENSATION_HELP}`,
  },
  compensationNoCurrency: {
    en: (value: string) => `compensation "${value}" needs a currency code after the amount (TWD, CNY, USD...); ${COMPENSATION_HELP}`,
    'zh-Hant': (value) => `補償「${value}」的金額後需要幣別代碼（TWD、CNY、USD…）；${HANT_COMPENSATION_HELP}`,
    'zh-Hans': (value) => `补偿“${value}”的金额后需要币种代码（TWD、CNY、USD…）；${HANS_COMPENSATION_HELP}`,
  },
  causeNoKind: {
    en: (value: string) => `cause "${value}" names no kind; write it as "cause: system fault <what happened>" (operator error, system fault, product defect, service, third party; 操作失誤, 系統故障, 產品缺陷, 服務, 第三方)`,
    'zh-Hant': (value) => `根本原因「${value}」沒有指明種類；請寫成「根本原因：系統故障 <發生了什麼>」（操作失誤、系統故障、產品缺陷、服務、第三方）`,
    'zh-Hans': (value) => `根本原因“${value}”没有指明种类；请写成“根本原因：系统故障 <发生了什么>”（操作失误、系统故障、产品缺陷、服务、第三方）`,
  },
  assessUnclear: {
    en: (value: string) => `assess "${value}" gives no value, cost or demand; write it as "assess: value high, cost low, demand high, <notes>" (價值高，成本低，需求高)`,
    'zh-Hant': (value) => `評估「${value}」沒有寫出價值、成本或需求；請寫成「評估：價值高，成本低，需求高，<說明>」`,
    'zh-Hans': (value) => `评估“${value}”没有写出价值、成本或需求；请写成“评估：价值高，成本低，需求高，<说明>”`,
  },
  notAProduct: {
    en: (value: string) => `product "${value}" is not a product and module; write it as "product: App / Login" (產品：App／登入), the module optional`,
    'zh-Hant': (value) => `產品「${value}」不是產品與模組；請寫成「產品：App／登入」，模組可省略`,
    'zh-Hans': (value) => `产品“${value}”不是产品与模块；请写成“产品：App／登录”，模块可省略`,
  },
  notADepartment: {
    en: (command: string, value: string, ids: string) => `${command} "${value}" is not a department; write one of: ${ids}`,
    'zh-Hant': (command, value, ids) => `${command}「${value}」不是部門；請寫下列之一：${ids}`,
    'zh-Hans': (command, value, ids) => `${command}“${value}”不是部门；请写下列之一：${ids}`,
  },
  transition: {
    en: (from: CaseStatus, to: CaseStatus, allowed: CaseStatus[] | null) =>
      `cannot change status from ${label(from)} to ${label(to)}: ${
        allowed === null ? 'a resolved case is re-opened by the customer' : allowed.length ? `from ${label(from)} it can go to ${allowed.map(label).join(', ')}` : `a ${label(from)} case does not change status`
      }`,
    'zh-Hant': (from, to, allowed) =>
      `無法將狀態從「${hant(from)}」改為「${hant(to)}」：${
        allowed === null ? '已解決的案件由客戶重新開啟' : allowed.length ? `「${hant(from)}」可以改為 ${allowed.map(hant).join('、')}` : `「${hant(from)}」的案件不能變更狀態`
      }`,
    'zh-Hans': (from, to, allowed) =>
      `无法将状态从“${hans(from)}”改为“${hans(to)}”：${
        allowed === null ? '已解决的案件由客户重新开启' : allowed.length ? `“${hans(from)}”可以改为 ${allowed.map(hans).join('、')}` : `“${hans(from)}”的案件不能变更状态`
      }`,
  },
  leadResolves: {
    en: (lead: string) => `${lead} leads this case and resolves it; report your department's part with "part: <what you did>"`,
    'zh-Hant': (lead) => `本案件由 ${lead} 主辦並負責解決；請以「協辦回報：<您的處理>」回報貴部門的部分`,
    'zh-Hans': (lead) => `本案件由 ${lead} 主办并负责解决；请以“协办回报：<您的处理>”报告贵部门的部分`,
  },
  duplicateMissing: {
    en: (of: string) => `case ${of} does not exist; name the case to keep, like "close: duplicate of CS-2026-000123"`,
    'zh-Hant': (of) => `案件 ${of} 不存在；請寫出要保留的案件，例如「關閉：重複 CS-2026-000123」`,
    'zh-Hans': (of) => `案件 ${of} 不存在；请写出要保留的案件，例如“关闭：重复 CS-2026-000123”`,
  },
  noProposal: {
    en: (status: CaseStatus) => `a ${status} case takes no proposal; the customer re-opens it if the problem returns`,
    'zh-Hant': (status) => `「${hant(status)}」的案件不能提出建議方案；問題再次出現時客戶會重新開啟案件`,
    'zh-Hans': (status) => `“${hans(status)}”的案件不能提出建议方案；问题再次出现时客户会重新开启案件`,
  },
  notStaff: {
    en: (address: string) => `${address} is not on the staff of any department; add the address to departments[].members in the configuration`,
    'zh-Hant': (address) => `${address} 不屬於任何部門；請在設定的 departments[].members 中加入此地址`,
    'zh-Hans': (address) => `${address} 不属于任何部门；请在设置的 departments[].members 中加入此地址`,
  },
  closedNoMail: {
    en: (reason: 'spam' | 'duplicate') => `the case was closed as ${reason}: the customer gets no mail, so reply:, ask: and resolve: in the same reply were not sent`,
    'zh-Hant': (reason) => `案件已以${reason === 'spam' ? '垃圾郵件' : '重複案件'}結案：客戶不會收到郵件，因此同一封回覆中的「回覆：」、「詢問：」與「解決：」都未寄出`,
    'zh-Hans': (reason) => `案件已以${reason === 'spam' ? '垃圾邮件' : '重复案件'}结案：客户不会收到邮件，因此同一封回复中的“回复：”、“询问：”与“解决：”都未发出`,
  },
  notSuggestion: {
    en: (command: string, category: string | null) => `"${command}:" is for suggestions and this case is in category "${category ?? 'none'}"; if it is a suggestion, write "category: suggestion" above it`,
    'zh-Hant': (command, category) => `「${command}：」只用於建議類案件，而此案件的類別是「${category ?? '無'}」；若這是建議，請在上方寫「分類：suggestion」`,
    'zh-Hans': (command, category) => `“${command}：”只用于建议类案件，而此案件的类别是“${category ?? '无'}”；若这是建议，请在上方写“分类：suggestion”`,
  },
});
export type StaffProblemWords = (typeof staffProblemWords)['en'];

type ProblemKey = keyof StaffProblemWords;

/** A phrase's arguments; a plain word (a row of the JSON file) takes none. */
type ArgsOf<W> = W extends (...args: infer A) => string ? A : [];

/** A problem with a reply, as the domain records it: which one, and its arguments. */
export type StaffProblem = { [K in ProblemKey]: { problem: K; args: ArgsOf<StaffProblemWords[K]> } }[ProblemKey];

export function staffProblem<K extends ProblemKey>(problem: K, ...args: ArgsOf<StaffProblemWords[K]>): StaffProblem {
  return { problem, args } as StaffProblem;
}

/** A problem in words; a plan stored by an older version holds its problems as English text. */
export function problemText(p: StaffProblem | string, locale: Locale): string {
  if (typeof p === 'string') return p;
  const say: unknown = staffProblemWords[locale][p.problem];
  return typeof say === 'string' ? say : (say as (...args: unknown[]) => string)(...p.args);
}
