// Matching a new case to the knowledge base's answers (P-25): same category and
// language family, most of the title's words present.
import { describe, expect, it } from 'vitest';
import { bestAnswer, type FaqAnswer } from '../../src/domain/knowledge/faqMatch.js';

const answers: FaqAnswer[] = [
  { id: 'a1', title: 'App crashes when uploading photos', answer: 'Update to 5.3, then clear the cache.', category: 'technical', locale: 'en' },
  { id: 'a2', title: '上傳照片時閃退', answer: '請更新到 5.3 版後清除快取。', category: 'technical', locale: 'zh-Hant' },
  { id: 'a3', title: 'Battery drains overnight', answer: 'Turn off background sync.', category: 'quality', locale: 'en' },
];

describe('knowledge-base match', () => {
  it('offers the answer whose title the case covers, in the same category and language', () => {
    expect(bestAnswer({ subject: 'Crash', text: 'The app crashes every time I try uploading photos from my gallery.', category: 'technical', locale: 'en' }, answers)?.id).toBe('a1');
    expect(bestAnswer({ subject: '问题', text: '我上传照片时应用就闪退了', category: 'technical', locale: 'zh-Hans' }, answers)?.id).toBe('a2');
  });

  it('offers nothing for another category, another language or other words', () => {
    expect(bestAnswer({ subject: 'Crash', text: 'The app crashes when uploading photos.', category: 'quality', locale: 'en' }, answers)).toBeNull();
    expect(bestAnswer({ subject: 'Login', text: 'I cannot log in, error 1043.', category: 'technical', locale: 'en' }, answers)).toBeNull();
    expect(bestAnswer({ subject: 'Crash', text: 'The app crashes when uploading photos.', category: null, locale: 'en' }, answers)).toBeNull();
  });
});
