// GridFS buckets: attachments kept as evidence (P-2) and raw quarantined mail.
import mongoose from 'mongoose';

export type BucketName = 'attachments' | 'quarantine';

export function bucket(name: BucketName): mongoose.mongo.GridFSBucket {
  return new mongoose.mongo.GridFSBucket(mongoose.connection.db!, { bucketName: name });
}

export async function putFile(name: BucketName, filename: string, content: Buffer, metadata: Record<string, unknown>): Promise<mongoose.Types.ObjectId> {
  const upload = bucket(name).openUploadStream(filename, { metadata });
  await new Promise<void>((resolve, reject) => {
    upload.once('error', reject);
    upload.once('finish', () => resolve());
    upload.end(content);
  });
  return upload.id as mongoose.Types.ObjectId;
}
