// Words the customer and staff mails share: stage and compensation names per language.
import type { CaseStatus } from '../../domain/case/case.js';
import type { Compensation, CompensationKind } from '../../domain/case/staffCommands.js';
import type { Locale } from '../../domain/intake/language.js';

const STAGES: Record<Locale, Partial<Record<CaseStatus, string>>> = {
  en: { new: 'new', acknowledged: 'acknowledged', reopened: 're-opened', pending: 'on hold', in_progress: 'in progress', in_test: 'testing the fix', resolved: 'resolved', closed: 'closed' },
  'zh-Hant': { new: '新案件', acknowledged: '已確認收到', reopened: '已重新開啟', pending: '暫緩處理', in_progress: '處理中', in_test: '正在測試修正', resolved: '已解決', closed: '已結案' },
  'zh-Hans': { new: '新案件', acknowledged: '已确认收到', reopened: '已重新开启', pending: '暂缓处理', in_progress: '处理中', in_test: '正在测试修正', resolved: '已解决', closed: '已结案' },
};

const COMPENSATIONS: Record<Locale, Record<CompensationKind, string>> = {
  en: { refund: 'Refund', replacement: 'Replacement', coupon: 'Coupon', fee_waiver: 'Fee waiver' },
  'zh-Hant': { refund: '退款', replacement: '換貨', coupon: '優惠券', fee_waiver: '費用減免' },
  'zh-Hans': { refund: '退款', replacement: '换货', coupon: '优惠券', fee_waiver: '费用减免' },
};

export function stageName(status: CaseStatus, locale: Locale): string {
  return STAGES[locale][status] ?? status.replace('_', ' ');
}

export function describeCompensation(c: Compensation, locale: Locale): string {
  const kind = COMPENSATIONS[locale][c.kind];
  return c.amount !== null ? `${kind}${locale === 'en' ? ': ' : '：'}${c.amount} ${c.currency ?? ''}`.trim() : kind;
}
