// Labelled mails, one JSON object a line (the format of data/classify/): what the
// classifier learns from and what the evaluation scores against.

export interface LabelledMail {
  id: string;
  locale?: string;
  subject: string;
  text: string;
  category: string;
  priority?: string;
  sentiment?: string;
  tags?: string[];
}

/** Parses JSONL text; `source` names the file in messages ("data/x.jsonl:12: ..."). */
export function parseLabelledMails(jsonl: string, source: string): LabelledMail[] {
  const out: LabelledMail[] = [];
  const lines = jsonl.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let e: Partial<LabelledMail>;
    try {
      e = JSON.parse(line) as Partial<LabelledMail>;
    } catch (err) {
      throw new Error(`${source}:${i + 1}: not a JSON object (${(err as Error).message}); each line must be one labelled mail`, { cause: err });
    }
    if (!e.id || !e.text || !e.category) throw new Error(`${source}:${i + 1}: every line needs "id", "text" and "category"`);
    out.push({ ...e, id: e.id, subject: e.subject ?? '', text: e.text, category: e.category });
  }
  return out;
}
