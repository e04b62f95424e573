// The words of the incident pages in English and Chinese (Traditional and Simplified).
import type { Locale } from '../../../domain/intake/language.js';

const en = {
  incidents: 'Incidents',
  openIncidents: 'Open incidents',
  incident: (id: string) => `Incident ${id}`,
  noIncidents: 'No open incident.',
  product: 'Product',
  since: 'Since',
  cases: 'Cases',
  openCases: 'Open',
  resolvedAt: (at: string, by: string) => `Resolved ${at} by ${by}.`,
  case: 'Case',
  customer: 'Customer',
  language: 'Language',
  status: 'Status',
  department: 'Department',
  sendTitle: 'Answer every customer',
  sendHint: 'One message to the customer of every open case you may work, each in their own case and mail language. Write the text in one language or in each; a customer gets the text of their language, else the nearest one given.',
  kindReply: 'Update (reply:), the cases stay open',
  kindResolve: 'Resolution (resolve:), resolves every case; surveys follow',
  textIn: (l: string) => `Text (${l})`,
  send: 'Send to all',
  sent: (n: number, skipped: string) => `Sent to ${n} case(s); they are being applied, reload to see them.${skipped ? ` Not sent: ${skipped}.` : ''}`,
  notOpen: 'closed already',
  notYours: 'not your department',
  noText: 'Write the text in at least one language.',
  noSuchIncident: (id: string) => `There is no incident ${id} you may see.`,
  replyByEmail: (address: string) => `Departments answer all customers by email too: a reply to ${address} with reply: or resolve: applies to every case of the incident.`,
};

export type IncidentText = typeof en;

const zhHant: IncidentText = {
  incidents: '事件',
  openIncidents: '未解決的事件',
  incident: (id) => `事件 ${id}`,
  noIncidents: '沒有未解決的事件。',
  product: '產品',
  since: '開始於',
  cases: '案件',
  openCases: '未結',
  resolvedAt: (at, by) => `已於 ${at} 由 ${by} 解決。`,
  case: '案件',
  customer: '客戶',
  language: '語言',
  status: '狀態',
  department: '部門',
  sendTitle: '回覆所有客戶',
  sendHint: '一則訊息寄給您可處理的每個未結案件的客戶，各自歸入其案件、以其語言寄出。可只寫一種語言或每種都寫；客戶收到其語言的文字，否則收到最接近的一種。',
  kindReply: '進度更新（回覆：），案件保持未結',
  kindResolve: '解決方案（解決：），解決所有案件；隨後寄出滿意度調查',
  textIn: (l) => `文字（${l}）`,
  send: '寄給所有客戶',
  sent: (n, skipped) => `已寄往 ${n} 個案件，正在套用，重新整理即可看到。${skipped ? `未寄出：${skipped}。` : ''}`,
  notOpen: '已結案',
  notYours: '非您的部門',
  noText: '請至少以一種語言填寫文字。',
  noSuchIncident: (id) => `沒有您可查看的事件 ${id}。`,
  replyByEmail: (address) => `部門也可用郵件回覆所有客戶：寄往 ${address}，以「回覆：」或「解決：」開頭，即套用到事件的每個案件。`,
};

const zhHans: IncidentText = {
  incidents: '事件',
  openIncidents: '未解决的事件',
  incident: (id) => `事件 ${id}`,
  noIncidents: '没有未解决的事件。',
  product: '产品',
  since: '开始于',
  cases: '案件',
  openCases: '未结',
  resolvedAt: (at, by) => `已于 ${at} 由 ${by} 解决。`,
  case: '案件',
  customer: '客户',
  language: '语言',
  status: '状态',
  department: '部门',
  sendTitle: '回复所有客户',
  sendHint: '一条消息发给您可处理的每个未结案件的客户，各自归入其案件、以其语言发出。可只写一种语言或每种都写；客户收到其语言的文字，否则收到最接近的一种。',
  kindReply: '进度更新（回复：），案件保持未结',
  kindResolve: '解决方案（解决：），解决所有案件；随后发出满意度调查',
  textIn: (l) => `文字（${l}）`,
  send: '发给所有客户',
  sent: (n, skipped) => `已发往 ${n} 个案件，正在应用，刷新即可看到。${skipped ? `未发出：${skipped}。` : ''}`,
  notOpen: '已结案',
  notYours: '非您的部门',
  noText: '请至少以一种语言填写文字。',
  noSuchIncident: (id) => `没有您可查看的事件 ${id}。`,
  replyByEmail: (address) => `部门也可用邮件回复所有客户：发往 ${address}，以「回复：」或「解决：」开头，即应用到事件的每个案件。`,
};

const TEXT: Record<Locale, IncidentText> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export function incidentText(locale: Locale): IncidentText {
  return TEXT[locale];
}
