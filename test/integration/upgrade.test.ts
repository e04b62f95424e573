// What a start does to data of earlier versions: the markers of a case's pending
// acknowledgement and routing, kept in two collections, move into pending_openings, none
// lost or doubled; the case lists kept in incidents go (the cases name their incident).
import { afterAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { connectMongo } from '../../src/adapters/mongo/connection.js';
import { PendingOpeningModel } from '../../src/adapters/mongo/models/lookupModels.js';
import { IncidentModel } from '../../src/adapters/mongo/models/screeningModels.js';
import { uniqueDbName } from '../support/testApp.js';

const url = process.env.MONGODB_URL ?? `mongodb://127.0.0.1:27027/${uniqueDbName()}`;

afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

describe('a start on data of earlier versions', () => {
  it('move into pending_openings at start, one per case', async () => {
    await connectMongo(url);
    const since = new Date('2026-12-01T08:00:00Z');
    const before = mongoose.connection.db!;
    await before.collection<{ _id: string; since: Date }>('pending_acks').insertMany([{ _id: 'case-a', since }, { _id: 'case-b', since }]);
    await before.collection<{ _id: string; since: Date }>('pending_routes').insertMany([{ _id: 'case-b', since }, { _id: 'case-c', since }]);
    await mongoose.disconnect();

    await connectMongo(url);
    const moved = await PendingOpeningModel.find({}).sort({ _id: 1 }).lean();
    expect(moved).toEqual([{ _id: 'case-a', since }, { _id: 'case-b', since }, { _id: 'case-c', since }]);
    const after = mongoose.connection.db!;
    expect(await after.collection('pending_acks').countDocuments()).toBe(0);
    expect(await after.collection('pending_routes').countDocuments()).toBe(0);
  });

  it('incidents lose their case lists at start, and keep what they are', async () => {
    const firstAt = new Date('2026-12-01T08:00:00Z');
    await mongoose.connection.db!.collection('incidents').insertOne({ _id: 'INC-CS-2026-000007' as never, product: 'app', caseIds: ['case-a', 'case-b'], firstAt, lastAt: new Date('2026-12-01T09:00:00Z') });
    await mongoose.disconnect();

    await connectMongo(url);
    expect(await IncidentModel.findById('INC-CS-2026-000007').lean()).toEqual({ _id: 'INC-CS-2026-000007', product: 'app', firstAt });
  });
});
