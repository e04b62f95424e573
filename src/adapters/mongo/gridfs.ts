// GridFS buckets: attachments kept as evidence (P-2) and raw quarantined mail. Files get
// ids derived from what they belong to, so a re-run finds them by _id (the only fast
// lookup on FerretDB) instead of uploading them twice.
import { once } from 'node:events';
import mongoose from 'mongoose';
import { isDuplicateKey } from './events.js';

export type BucketName = 'attachments' | 'quarantine';

const UPLOAD_SLICE_BYTES = 1024 * 1024; // four of GridFS's 255 KB chunks

export function bucket(name: BucketName): mongoose.mongo.GridFSBucket {
  return new mongoose.mongo.GridFSBucket(mongoose.connection.db!, { bucketName: name });
}

/** Stores the file under this id unless it is stored already. */
export async function putFile(name: BucketName, id: string, filename: string, content: Buffer, metadata: Record<string, unknown>): Promise<void> {
  const files = mongoose.connection.db!.collection(`${name}.files`);
  if (await files.findOne({ _id: id as never }, { projection: { _id: 1 } })) return;
  try {
    await upload(name, id, filename, content, metadata);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Chunks left by an upload that crashed before its files entry: remove, then redo.
    await mongoose.connection.db!.collection(`${name}.chunks`).deleteMany({ files_id: id as never });
    await upload(name, id, filename, content, metadata);
  }
}

async function upload(name: BucketName, id: string, filename: string, content: Buffer, metadata: Record<string, unknown>): Promise<void> {
  const stream = bucket(name).openUploadStreamWithId(id as never, filename, { metadata });
  const finished = new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.once('finish', () => resolve());
  });
  finished.catch(() => undefined); // awaited below; an error between two writes is not unhandled
  // The driver inserts every chunk of one write at once, each with a copy of its bytes:
  // 25 MB written whole held 50 MB more until all were in. A slice at a time, in turn.
  for (let at = 0; at < content.length; at += UPLOAD_SLICE_BYTES) {
    if (!stream.write(content.subarray(at, at + UPLOAD_SLICE_BYTES))) await Promise.race([once(stream, 'drain'), finished]);
  }
  stream.end();
  await finished;
}

/** A stored file's metadata and a stream of its bytes, or null. */
export async function openFile(name: BucketName, id: string): Promise<{ filename: string; length: number; metadata: Record<string, unknown>; stream: NodeJS.ReadableStream } | null> {
  const file = await mongoose.connection.db!.collection(`${name}.files`).findOne({ _id: id as never });
  if (!file) return null;
  return { filename: String(file.filename ?? 'attachment'), length: Number(file.length ?? 0), metadata: (file.metadata ?? {}) as Record<string, unknown>, stream: bucket(name).openDownloadStream(id as never) };
}

/** A stored file's bytes, or null if it is gone (erased with its customer). */
export async function fileContent(name: BucketName, id: string): Promise<Buffer | null> {
  const file = await openFile(name, id);
  if (!file) return null;
  const parts: Buffer[] = [];
  for await (const chunk of file.stream as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Deletes the files of a bucket whose metadata matches (chunks and all); returns how many. */
export async function deleteFiles(name: BucketName, metadata: Record<string, unknown>): Promise<number> {
  const filter = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`metadata.${k}`, v]));
  const files = await mongoose.connection.db!.collection(`${name}.files`).find(filter, { projection: { _id: 1 } }).toArray();
  for (const f of files) await bucket(name).delete(f._id as never).catch(() => undefined);
  return files.length;
}

/** Deletes one file by id, if it exists. */
export async function deleteFile(name: BucketName, id: string): Promise<void> {
  await bucket(name).delete(id as never).catch(() => undefined);
}
