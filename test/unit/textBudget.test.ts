// Per-mail text work is bounded: the analyses read a prefix of the text, and the
// segmenter, quote stripping and the reply parser stay linear on shapes that made them
// take minutes (one endless line, megabytes of blank lines, Chinese without punctuation).
import { describe, expect, it } from 'vitest';
import { replyText } from '../../src/adapters/mail/replyText.js';
import { sanitizeHtml } from '../../src/adapters/mail/sanitizeHtml.js';
import { TEXT_BUDGET, withinBudget } from '../../src/domain/text/budget.js';
import { words } from '../../src/domain/text/features.js';
import { ownWords } from '../../src/domain/text/normalize.js';

const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const timed = <T>(f: () => T): [T, number] => {
  const started = performance.now();
  const out = f();
  return [out, performance.now() - started];
};

describe('text budget', () => {
  it('cuts at the budget without splitting a surrogate pair', () => {
    expect(withinBudget('abc', 10)).toBe('abc');
    expect(withinBudget('ab😀c', 3)).toBe('ab');
    expect(withinBudget('ab😀c', 4)).toBe('ab😀');
  });

  it('segments 300,000 Chinese characters without punctuation in linear time, word for word as in short pieces', () => {
    const zh = fill('我的订单快递一直没到退款申请被拒绝', 300_000);
    // Unbounded, Intl.Segmenter took over a minute on 200,000 characters.
    const [ws, ms] = timed(() => words(zh));
    expect(ms).toBeLessThan(15_000);
    expect(ws.length).toBeGreaterThan(100_000);
    const piece = '手机 闪退，无法登录。';
    expect(words(piece.repeat(500))).toEqual(Array.from({ length: 500 }, () => words(piece)).flat());
  });

  it('strips quotes and replies from megabytes of blank lines and long lines in moments', () => {
    for (const text of [fill('\n', 2_000_000) + 'the end', fill(' \n', 2_000_000), fill('On ', 2_000_000), fill('sat on a mat at noon ', 2_000_000)]) {
      const [own, ownMs] = timed(() => ownWords(text));
      const [reply, replyMs] = timed(() => replyText(text));
      expect(own.length).toBeLessThanOrEqual(TEXT_BUDGET);
      expect(reply.length).toBeLessThanOrEqual(TEXT_BUDGET + TEXT_BUDGET / 100);
      expect(Math.max(ownMs, replyMs)).toBeLessThan(5_000);
    }
    expect(replyText('Fixed now.\n\n\n\n\nOn Mon, 16 Nov 2026 at 10:02, Support <s@x> wrote:\n> Please update.')).toBe('Fixed now.');
  });

  it('strips a budget full of quoted replies, each with words below it, in one walk', () => {
    expect(ownWords('On x wrote:\n> a\nmine\n'.repeat(3))).toBe('mine\n\nmine\n\nmine');
    for (const unit of ['On x wrote:\n>\n', '在x寫道：\n>\n', 'On x wrote:\n> a\nmine\n']) {
      // Searched again from each reply's start, these took 0.3 to 1.8 s on the event loop.
      const [own, ms] = timed(() => ownWords(fill(unit, TEXT_BUDGET)));
      expect(own.length).toBeLessThan(TEXT_BUDGET);
      expect(ms).toBeLessThan(200);
    }
  });

  it('sanitises a bounded prefix of a huge page', () => {
    const [html, ms] = timed(() => sanitizeHtml(fill('<div>', 5_000_000)));
    expect(html.length).toBeLessThan(5_000_000);
    expect(ms).toBeLessThan(10_000);
  });
});
