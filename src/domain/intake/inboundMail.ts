// The shape of one received message after MIME parsing, independent of the parser.

export interface Address {
  address: string;
  name: string;
}

export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface InboundMail {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: Address | null;
  replyTo: Address | null;
  to: Address[];
  cc: Address[];
  subject: string;
  date: Date | null;
  text: string;
  /** Already sanitised: safe to show in a page. */
  html: string | null;
  /** Lower-cased header names; repeated headers joined with "\n". */
  headers: Record<string, string>;
  contentType: string;
  attachments: InboundAttachment[];
  rawSize: number;
}
