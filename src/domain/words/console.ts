// The console pages' words.
import { defineWords } from './words.js';
import rows from './console.json' with { type: 'json' };

export const consoleWords = defineWords({
  ...rows.consoleWords,
  cannotOpen: { en: (n: string) => `You cannot open ${n}.`, 'zh-Hant': (n: string) => `您無法開啟 ${n}。`, 'zh-Hans': (n: string) => `您无法打开 ${n}。` },
  cannotChange: { en: (n: string) => `You cannot change ${n}.`, 'zh-Hant': (n: string) => `您無法修改 ${n}。`, 'zh-Hans': (n: string) => `您无法修改 ${n}。` },
  onlyDepartment: {
    en: (d: string, n: string) => `Only ${d} works on ${n}.`,
    'zh-Hant': (d: string, n: string) => `只有 ${d} 可以處理 ${n}。`,
    'zh-Hans': (d: string, n: string) => `只有 ${d} 可以处理 ${n}。`,
  },
  noSuchCase: { en: (n: string) => `There is no case ${n} on your board.`, 'zh-Hant': (n: string) => `您的看板上沒有案件 ${n}。`, 'zh-Hans': (n: string) => `您的看板上没有案件 ${n}。` },
  personalData: {
    en: (n: string) => `${n} holds personal data: only its department and its assignee may open it.`,
    'zh-Hant': (n: string) => `${n} 含有個人資料：只有負責部門及處理人可以開啟。`,
    'zh-Hans': (n: string) => `${n} 含有个人信息：只有负责部门及处理人可以打开。`,
  },
  diffWith: { en: (v: number) => `diff with v${v}`, 'zh-Hant': (v: number) => `與 v${v} 比較`, 'zh-Hans': (v: number) => `与 v${v} 比较` },
  useVersion: { en: (v: number) => `Use v${v}`, 'zh-Hant': (v: number) => `改用 v${v}`, 'zh-Hans': (v: number) => `改用 v${v}` },
  savedAs: { en: (v: number) => `Saved as v${v}; it is in use now.`, 'zh-Hant': (v: number) => `已儲存為 v${v}，並已啟用。`, 'zh-Hans': (v: number) => `已保存为 v${v}，并已启用。` },
  liveFailed: {
    en: (v: number, at: string, why: string) => `v${v} failed on a real case (${at}): ${why}. The built-in template was sent instead; fix the version or roll back.`,
    'zh-Hant': (v: number, at: string, why: string) => `v${v} 在實際案件中套用失敗（${at}）：${why}。已改寄內建範本；請修正此版本或回復舊版。`,
    'zh-Hans': (v: number, at: string, why: string) => `v${v} 在实际案件中套用失败（${at}）：${why}。已改寄内置模板；请修正此版本或回滚。`,
  },
  inUseAgain: { en: (v: number) => `v${v} is in use again.`, 'zh-Hant': (v: number) => `已重新啟用 v${v}。`, 'zh-Hans': (v: number) => `已重新启用 v${v}。` },
  testOnItsWay: { en: (to: string) => `A test mail is on its way to ${to}.`, 'zh-Hant': (to: string) => `測試信已寄往 ${to}。`, 'zh-Hans': (to: string) => `测试邮件已发往 ${to}。` },
  notJson: { en: (why: string) => `not valid JSON: ${why}`, 'zh-Hant': (why: string) => `不是有效的 JSON：${why}`, 'zh-Hans': (why: string) => `不是有效的 JSON：${why}` },
  rulesSaved: {
    en: (v: number) => `Saved as version ${v}; every worker uses it within two seconds.`,
    'zh-Hant': (v: number) => `已儲存為第 ${v} 版；所有工作程序會在兩秒內採用。`,
    'zh-Hans': (v: number) => `已保存为第 ${v} 版；所有工作进程会在两秒内采用。`,
  },
  queue: { en: (q: string) => `Queue “${q}”`, 'zh-Hant': (q: string) => `佇列「${q}」`, 'zh-Hans': (q: string) => `队列“${q}”` },
  jobStates: {
    en: { waiting: 'waiting', active: 'active', delayed: 'delayed', completed: 'completed', failed: 'failed' } as Record<string, string>,
    'zh-Hant': { waiting: '等待中', active: '執行中', delayed: '延後', completed: '已完成', failed: '失敗' } as Record<string, string>,
    'zh-Hans': { waiting: '等待中', active: '执行中', delayed: '延后', completed: '已完成', failed: '失败' } as Record<string, string>,
  },
  satisfactionLine: {
    en: (avg: string, answered: number, sent: number, rate: string) => `${avg} of 5 from ${answered} answers to ${sent} surveys (${rate})`,
    'zh-Hant': (avg: string, answered: number, sent: number, rate: string) => `${avg} / 5，${sent} 份問卷中 ${answered} 份回覆（${rate}）`,
    'zh-Hans': (avg: string, answered: number, sent: number, rate: string) => `${avg} / 5，${sent} 份问卷中 ${answered} 份回复（${rate}）`,
  },
});
export type ConsoleWords = (typeof consoleWords)['en'];
