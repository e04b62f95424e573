// customer_contacts: a phone number a customer gave on the form or through the API, by
// their address, for notices by SMS or app (pipeline/notify/otherChannels). Only for
// cases that came through those channels and mails to that customer.
import mongoose from 'mongoose';
import { keyedSchema } from './models/keyedSchema.js';
import type { ContactBook } from '../../pipeline/notify/otherChannels.js';
import { CaseModel } from './models/caseModel.js';

const ContactModel = mongoose.model('Contact', keyedSchema({ collection: 'customer_contacts' }, { phone: String, at: Date }));

/** Forgets a customer's phone (their data is erased: retention or a request to forget). */
export async function forgetContact(email: string): Promise<void> {
  await ContactModel.deleteOne({ _id: email.trim().toLowerCase() });
}

export class MongoContactStore implements ContactBook {
  async save(email: string, phone: string, at: Date): Promise<void> {
    await ContactModel.updateOne({ _id: email.toLowerCase() }, { $set: { phone, at } }, { upsert: true });
  }

  async phoneFor(caseId: string, to: string): Promise<string | null> {
    const c = await CaseModel.findById(caseId, { channel: 1, customer: 1 }).lean();
    if (!c || c.channel === 'email' || c.customer.email.toLowerCase() !== to.toLowerCase()) return null;
    return (await ContactModel.findById(to.toLowerCase()).lean())?.phone ?? null;
  }
}
