// The parser's bounds: a parse past its time limit is refused with a reason and
// stops, instead of decoding the rest of the mail in the background.
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/adapters/mail/parseMail.js';
import { bigMail } from '../../scripts/bench/corpus.js';

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

describe('parseMail', () => {
  it('reads a complaint and its attachment, fed in slices', async () => {
    const { raw } = bigMail('support@example.test', 1);
    const mail = await parseMail(Buffer.from(raw));
    expect(mail.subject).toBe('Video of the broken blender');
    expect(mail.text).toContain('The blender broke on the first day');
    expect(mail.attachments.map((a) => [a.filename, a.content.length])).toEqual([['blender.mp4', 1024 * 1024]]);
  });

  it('abandons a parse past its time limit and stops feeding it', async () => {
    const raw = Buffer.from(bigMail('support@example.test', 40).raw);
    const started = process.cpuUsage();
    await expect(parseMail(raw, 20)).rejects.toThrow('MIME parsing took longer than 20 ms');
    const atRefusal = cpuMs(started);
    await new Promise((r) => setTimeout(r, 1500));
    // Decoding the rest of 40 MB takes about a second of CPU; a stopped parse, one slice's worth.
    expect(cpuMs(started) - atRefusal).toBeLessThan(300);
  });
});
