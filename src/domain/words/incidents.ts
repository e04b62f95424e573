// The incident pages' words.
import { defineWords } from './words.js';

export const incidentWords = defineWords({
  incidents: { en: 'Incidents', 'zh-Hant': '事件', 'zh-Hans': '事件' },
  openIncidents: { en: 'Open incidents', 'zh-Hant': '未解決的事件', 'zh-Hans': '未解决的事件' },
  incident: { en: (id: string) => `Incident ${id}`, 'zh-Hant': (id) => `事件 ${id}`, 'zh-Hans': (id) => `事件 ${id}` },
  noIncidents: { en: 'No open incident.', 'zh-Hant': '沒有未解決的事件。', 'zh-Hans': '没有未解决的事件。' },
  product: { en: 'Product', 'zh-Hant': '產品', 'zh-Hans': '产品' },
  since: { en: 'Since', 'zh-Hant': '開始於', 'zh-Hans': '开始于' },
  cases: { en: 'Cases', 'zh-Hant': '案件', 'zh-Hans': '案件' },
  openCases: { en: 'Open', 'zh-Hant': '未結', 'zh-Hans': '未结' },
  resolvedAt: {
    en: (at: string, by: string) => `Resolved ${at} by ${by}.`,
    'zh-Hant': (at, by) => `已於 ${at} 由 ${by} 解決。`,
    'zh-Hans': (at, by) => `已于 ${at} 由 ${by} 解决。`,
  },
  case: { en: 'Case', 'zh-Hant': '案件', 'zh-Hans': '案件' },
  customer: { en: 'Customer', 'zh-Hant': '客戶', 'zh-Hans': '客户' },
  language: { en: 'Language', 'zh-Hant': '語言', 'zh-Hans': '语言' },
  status: { en: 'Status', 'zh-Hant': '狀態', 'zh-Hans': '状态' },
  department: { en: 'Department', 'zh-Hant': '部門', 'zh-Hans': '部门' },
  sendTitle: { en: 'Answer every customer', 'zh-Hant': '回覆所有客戶', 'zh-Hans': '回复所有客户' },
  sendHint: {
    en: 'One message to the customer of every open case you may work, each in their own case and mail language. Write the text in one language or in each; a customer gets the text of their language, else the nearest one given.',
    'zh-Hant': '一則訊息寄給您可處理的每個未結案件的客戶，各自歸入其案件、以其語言寄出。可只寫一種語言或每種都寫；客戶收到其語言的文字，否則收到最接近的一種。',
    'zh-Hans': '一条消息发给您可处理的每个未结案件的客户，各自归入其案件、以其语言发出。可只写一种语言或每种都写；客户收到其语言的文字，否则收到最接近的一种。',
  },
  kindReply: { en: 'Update (reply:), the cases stay open', 'zh-Hant': '進度更新（回覆：），案件保持未結', 'zh-Hans': '进度更新（回复：），案件保持未结' },
  kindResolve: { en: 'Resolution (resolve:), resolves every case; surveys follow', 'zh-Hant': '解決方案（解決：），解決所有案件；隨後寄出滿意度調查', 'zh-Hans': '解决方案（解决：），解决所有案件；随后发出满意度调查' },
  textIn: { en: (l: string) => `Text (${l})`, 'zh-Hant': (l) => `文字（${l}）`, 'zh-Hans': (l) => `文字（${l}）` },
  send: { en: 'Send to all', 'zh-Hant': '寄給所有客戶', 'zh-Hans': '发给所有客户' },
  sent: {
    en: (n: number, skipped: string) => `Sent to ${n} case(s); they are being applied, reload to see them.${skipped ? ` Not sent: ${skipped}.` : ''}`,
    'zh-Hant': (n, skipped) => `已寄往 ${n} 個案件，正在套用，重新整理即可看到。${skipped ? `未寄出：${skipped}。` : ''}`,
    'zh-Hans': (n, skipped) => `已发往 ${n} 个案件，正在应用，刷新即可看到。${skipped ? `未发出：${skipped}。` : ''}`,
  },
  notOpen: { en: 'closed already', 'zh-Hant': '已結案', 'zh-Hans': '已结案' },
  notYours: { en: 'not your department', 'zh-Hant': '非您的部門', 'zh-Hans': '非您的部门' },
  noText: { en: 'Write the text in at least one language.', 'zh-Hant': '請至少以一種語言填寫文字。', 'zh-Hans': '请至少以一种语言填写文字。' },
  noSuchIncident: { en: (id: string) => `There is no incident ${id} you may see.`, 'zh-Hant': (id) => `沒有您可查看的事件 ${id}。`, 'zh-Hans': (id) => `没有您可查看的事件 ${id}。` },
  replyByEmail: {
    en: (address: string) => `Departments answer all customers by email too: a reply to ${address} with reply: or resolve: applies to every case of the incident.`,
    'zh-Hant': (address) => `部門也可用郵件回覆所有客戶：寄往 ${address}，以「回覆：」或「解決：」開頭，即套用到事件的每個案件。`,
    'zh-Hans': (address) => `部门也可用邮件回复所有客户：发往 ${address}，以「回复：」或「解决：」开头，即应用到事件的每个案件。`,
  },
});
export type IncidentWords = (typeof incidentWords)['en'];
