// Reads labelled mails from a JSONL file or from every *.jsonl file of a directory
// (data/classify/train/ holds the seed corpus and the written training sets side by side).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseLabelledMails, type LabelledMail } from '../../domain/classify/labelledMail.js';

/** The files a path stands for: itself, or a directory's *.jsonl files in name order. */
export function labelledMailFiles(fileOrDir: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(fileOrDir).isDirectory();
  } catch (err) {
    throw new Error(`cannot read the labelled mails ${fileOrDir}: ${(err as Error).message}; give a .jsonl file or a directory of them`, { cause: err });
  }
  if (!isDir) return [fileOrDir];
  const files = readdirSync(fileOrDir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(fileOrDir, f));
  if (!files.length) throw new Error(`${fileOrDir} holds no .jsonl files of labelled mails`);
  return files;
}

export function readLabelledMails(fileOrDir: string): LabelledMail[] {
  const mails = labelledMailFiles(fileOrDir).flatMap((f) => parseLabelledMails(readFileSync(f, 'utf8'), f));
  const seen = new Set<string>();
  for (const m of mails) {
    if (seen.has(m.id)) throw new Error(`${fileOrDir}: the id "${m.id}" is used twice; every labelled mail needs its own id`);
    seen.add(m.id);
  }
  return mails;
}
