/*
 * Reads the embedded mailbox (issue 14): `npm run mailbox` lists the messages, newest last;
 * `npm run mailbox -- show <id|last>` prints one with its headers and decoded Vietnamese text;
 * `npm run mailbox -- sms` prints the SMS sink.
 */
import { processConfig } from '@motcua/config';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listMailboxIds, readMailboxMessage } from './mailbox';

async function main(): Promise<void> {
  const directory = processConfig().MAILBOX_DIR;
  const [command = 'list', argument] = process.argv.slice(2);
  const ids = await listMailboxIds(directory);
  if (command === 'list') {
    if (ids.length === 0) console.log(`(no messages in ${directory})`);
    for (const id of ids.slice(-100)) {
      const message = await readMailboxMessage(directory, id);
      if (message) console.log(`${id}  ${message.date ?? ''}  ${message.to}  ${message.subject}`);
    }
    return;
  }
  if (command === 'show') {
    const id = argument === 'last' || argument === undefined ? ids[ids.length - 1] : argument;
    const message = id ? await readMailboxMessage(directory, id) : null;
    if (!message) throw new Error(`no message ${argument ?? ''} in ${directory}`);
    // Decoded (the raw headers carry RFC 2047 encoded words for Vietnamese text).
    console.log(`Message-ID: ${message.messageId ?? ''}\nDate: ${message.date ?? ''}\nFrom: ${message.from}`);
    console.log(`To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}`);
    return;
  }
  if (command === 'sms') {
    console.log(await readFile(join(directory, 'sms.log'), 'utf8').catch(() => '(no SMS yet)'));
    return;
  }
  throw new Error(`usage: npm run mailbox [-- list | show <id|last> | sms]`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
