// Attachment names come from the sender and are shown to staff and used in downloads:
// keep only the last path segment, drop control, format (bidi) and reserved characters,
// bound the length.

const MAX_LENGTH = 120;

export function safeAttachmentName(raw: string | undefined, index: number, contentType: string): string {
  const base = (raw ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '') // Cf: a right-to-left override makes "fdp.exe" read "exe.pdf"
    .replace(/^[.\s]+/, '')
    .trim();
  if (base) {
    if (base.length <= MAX_LENGTH) return base;
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
    return base.slice(0, MAX_LENGTH - ext.length) + ext;
  }
  const subtype = contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '').slice(0, 10) || 'bin';
  return `attachment-${index + 1}.${subtype}`;
}
