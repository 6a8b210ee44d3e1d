import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface MailboxMessage {
  id: string;
  subject: string;
  from: string;
  to: string;
  date: string | null;
  messageId: string | null;
  text: string;
  headers: Record<string, string>;
}

const ID = /^[0-9a-z-]{1,80}$/;

/** The mailbox's log of collapsed redeliveries (one JSON line each), beside the `.eml` files. */
export const MAILBOX_REDELIVERIES_FILE = 'redeliveries.jsonl';

/** A message that arrived again with a Message-ID already stored: accepted, not stored twice. */
export interface MailboxRedelivery {
  messageId: string;
  /** The id of the copy stored the first time. */
  storedAs: string;
  at: string;
}

/** The Message-ID header of a raw message (folded lines joined), or null. */
export function messageIdOf(raw: Buffer): string | null {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const header = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:[ \t]*(.+)$/im.exec(header);
  return match ? match[1].trim() : null;
}

/** Every collapsed redelivery, oldest first. */
export async function listMailboxRedeliveries(mailboxDir: string): Promise<MailboxRedelivery[]> {
  let text: string;
  try {
    text = await readFile(join(mailboxDir, MAILBOX_REDELIVERIES_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MailboxRedelivery);
}

/** Ids of the stored messages, oldest first. */
export async function listMailboxIds(mailboxDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(mailboxDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.eml'))
    .map((name) => name.slice(0, -4))
    .sort();
}

/** One stored message, parsed (headers, Vietnamese text decoded); null for an unknown id. */
export async function readMailboxMessage(mailboxDir: string, id: string): Promise<MailboxMessage | null> {
  if (!ID.test(id)) return null;
  let raw: Buffer;
  try {
    raw = await readFile(join(mailboxDir, `${id}.eml`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Loaded on first read, not at boot: mailparser (and its charset tables) is only needed when a message is read.
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  const addresses = (value: typeof parsed.to) =>
    (Array.isArray(value) ? value : value ? [value] : []).map((entry) => entry.text).join(', ');
  return {
    id,
    subject: parsed.subject ?? '',
    from: parsed.from?.text ?? '',
    to: addresses(parsed.to),
    date: parsed.date ? parsed.date.toISOString() : null,
    messageId: parsed.messageId ?? null,
    text: parsed.text ?? '',
    headers,
  };
}

/** Every stored message, parsed, oldest first (tests and the CLI; a demo mailbox stays small). */
export async function listMailbox(mailboxDir: string): Promise<MailboxMessage[]> {
  const messages: MailboxMessage[] = [];
  for (const id of await listMailboxIds(mailboxDir)) {
    const message = await readMailboxMessage(mailboxDir, id);
    if (message) messages.push(message);
  }
  return messages;
}
