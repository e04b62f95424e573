// The incident pages' words.
import { defineWords } from './words.js';
import rows from './incidents.json' with { type: 'json' };

export const incidentWords = defineWords({
  ...rows.incidentWords,
  incident: { en: (id: string) => `Incident ${id}`, 'zh-Hant': (id) => `事件 ${id}`, 'zh-Hans': (id) => `事件 ${id}` },
  resolvedAt: {
    en: (at: string, by: string) => `Resolved ${at} by ${by}.`,
    'zh-Hant': (at, by) => `已於 ${at} 由 ${by} 解決。`,
    'zh-Hans': (at, by) => `已于 ${at} 由 ${by} 解决。`,
  },
  textIn: { en: (l: string) => `Text (${l})`, 'zh-Hant': (l) => `文字（${l}）`, 'zh-Hans': (l) => `文字（${l}）` },
  sent: {
    en: (n: number, skipped: string) => `Sent to ${n} case(s); they are being applied, reload to see them.${skipped ? ` Not sent: ${skipped}.` : ''}`,
    'zh-Hant': (n, skipped) => `已寄往 ${n} 個案件，正在套用，重新整理即可看到。${skipped ? `未寄出：${skipped}。` : ''}`,
    'zh-Hans': (n, skipped) => `已发往 ${n} 个案件，正在应用，刷新即可看到。${skipped ? `未发出：${skipped}。` : ''}`,
  },
  noSuchIncident: { en: (id: string) => `There is no incident ${id} you may see.`, 'zh-Hant': (id) => `沒有您可查看的事件 ${id}。`, 'zh-Hans': (id) => `没有您可查看的事件 ${id}。` },
  replyByEmail: {
    en: (address: string) => `Departments answer all customers by email too: a reply to ${address} with reply: or resolve: applies to every case of the incident.`,
    'zh-Hant': (address) => `部門也可用郵件回覆所有客戶：寄往 ${address}，以「回覆：」或「解決：」開頭，即套用到事件的每個案件。`,
    'zh-Hans': (address) => `部门也可用邮件回复所有客户：发往 ${address}，以「回复：」或「解决：」开头，即应用到事件的每个案件。`,
  },
});
export type IncidentWords = (typeof incidentWords)['en'];
