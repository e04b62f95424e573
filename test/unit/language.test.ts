import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../src/domain/intake/language.js';

describe('detectLocale', () => {
  it('tells Traditional from Simplified Chinese and from English', () => {
    expect(detectLocale('我的軟件總是閃退，太影響工作了')).toBe('zh-Hant');
    expect(detectLocale('我的软件总是闪退，太影响工作了，请尽快处理这个问题')).toBe('zh-Hans');
    expect(detectLocale('The app crashes every time I upload a photo')).toBe('en');
  });

  it('goes by the main language of mixed text', () => {
    expect(detectLocale('Order #12345 的貨品還沒到，請幫我查一下物流')).toBe('zh-Hant');
    expect(detectLocale('Hi team, my order (訂單) has not arrived after two weeks, please check it')).toBe('en');
  });

  it('falls back to English for empty or symbol-only text', () => {
    expect(detectLocale('')).toBe('en');
    expect(detectLocale('!!! ???')).toBe('en');
  });
});
