// Which of a message's attachments travel with a mail we send: in their order, as long as
// the total stays within the limit; the rest are named with a link to where they are kept.

export function fitAttachments<T extends { size: number }>(files: T[], maxBytes: number): { attached: T[]; left: T[] } {
  const attached: T[] = [];
  const left: T[] = [];
  let total = 0;
  for (const f of files) {
    if (total + f.size <= maxBytes) {
      attached.push(f);
      total += f.size;
    } else left.push(f);
  }
  return { attached, left };
}
