// Screening in worker threads: the threads load the TypeScript sources under any loader
// (here vitest's), screen as the main thread would, and a task past the time limit is
// stopped and rejected with ScreeningTimeout while the event loop stays free. Training,
// which takes far longer than one mail, is not held to a mail's limit.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ScreeningPool } from '../../src/adapters/worker/screeningPool.js';
import { buildClassifier } from '../../src/domain/classify/classifier.js';
import { parseScreeningConfig } from '../../src/domain/settings/screeningConfig.js';
import { ScreeningTimeout } from '../../src/pipeline/classify/ports.js';
import { screenText } from '../../src/pipeline/classify/screenText.js';

const config = parseScreeningConfig(JSON.parse(readFileSync('config/screening.json', 'utf8')));
const examples = readFileSync('data/classify/train/seed.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { subject: string; text: string; category: string })
  .map((e) => ({ text: `${e.subject}\n${e.text}`, category: e.category }));
const training = { key: 'test/1', config, examples };
const pools: ScreeningPool[] = [];
const pool = (size: number, limitMs: number) => {
  const p = new ScreeningPool(size, limitMs);
  pools.push(p);
  return p;
};

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('ScreeningPool', () => {
  it('screens in a thread as the main thread does', async () => {
    const subject = 'App crashes on login';
    const body = 'Since the update the app crashes every time I log in. Please fix it.';
    const inThread = await pool(1, 30_000).screen(training, subject, body);
    const here = screenText(buildClassifier(config, examples), subject, body);
    expect(inThread).toEqual(JSON.parse(JSON.stringify(here)));
  }, 60_000);

  it('stops a task past its time limit, keeps the event loop free meanwhile, and serves the next task', async () => {
    const p = pool(1, 1000);
    await p.screen(training, 'warm-up', 'first task');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    // The pool itself reads whatever it is given: a subject of three million characters
    // (the pipeline cuts it to the text budget first) takes far longer than a second.
    const slow = p.screen(training, '订单'.repeat(1_500_000), 'body').catch((e: unknown) => e);
    const started = Date.now();
    const err = await slow;
    clearInterval(ticker);
    expect(err).toBeInstanceOf(ScreeningTimeout);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ticks).toBeGreaterThan(5);
    expect((await p.screen(training, 'App crashes', 'The app crashes.')).screening.category.category).toBeTruthy();
  }, 60_000);

  it("trains outside a mail's time limit, and again when the training changes", async () => {
    // Every labelled mail: training on them takes seconds, screening one mail a millisecond.
    const all = readdirSync('data/classify/train')
      .flatMap((f) => readFileSync(`data/classify/train/${f}`, 'utf8').split('\n').filter(Boolean))
      .map((l) => JSON.parse(l) as { subject: string; text: string; category: string })
      .map((e) => ({ text: `${e.subject}\n${e.text}`, category: e.category }));
    const trainedKeys: string[] = [];
    const p = new ScreeningPool(1, 300, (key) => trainedKeys.push(key));
    pools.push(p);
    const started = Date.now();
    const first = await p.screen({ key: 'all/1', config, examples: all }, 'App crashes', 'The app crashes at start.');
    expect(Date.now() - started).toBeGreaterThan(300);
    expect(first.screening.category.category).toBe('technical');
    // Prepared ahead, with no task waiting: the next task finds it trained.
    p.prepare({ key: 'all/2', config, examples: all });
    await vi.waitFor(() => expect(trainedKeys).toEqual(['all/1', 'all/2']), { timeout: 60_000, interval: 50 });
    await p.screen({ key: 'all/2', config, examples: all }, 'Parcel', 'My parcel has not arrived.');
    expect(trainedKeys).toHaveLength(2);
    await p.screen({ key: 'seed/3', config, examples }, 'Parcel', 'My parcel has not arrived.');
    expect(trainedKeys).toEqual(['all/1', 'all/2', 'seed/3']);
  }, 120_000);
});
