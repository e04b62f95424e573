// Delivers one raw message file over LMTP, from its own process: the bench measures the
// memory the app needs for a large mail, not the memory its sender needs to build it.
// Usage: tsx scripts/bench/deliverFile.ts <file> <to> <from>
import { readFile } from 'node:fs/promises';
import { closeTransports, deliverRaw } from '../lib/devMailbox.js';

const [file, to, from] = process.argv.slice(2);
if (!file || !to || !from) throw new Error('usage: deliverFile.ts <file> <to> <from>');
await deliverRaw([to], await readFile(file), from);
closeTransports();
