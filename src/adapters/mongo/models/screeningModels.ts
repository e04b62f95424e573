// Collections of the screening stage. All hot-path reads are by _id (see lookupModels).
import mongoose, { Schema } from 'mongoose';
import { keyedSchema } from './keyedSchema.js';

/**
 * Settings documents by name: "screening" holds the validated configuration, "classifier"
 * the version of the labelled examples. A version bump makes every worker reload.
 */
export const SettingModel = mongoose.model('Setting', keyedSchema({ collection: 'settings' }, { value: { type: Schema.Types.Mixed }, version: { type: Number, required: true }, updatedAt: { type: Date, required: true }, updatedBy: { type: String, required: true } }));

/**
 * Texts with a known category: the seed corpus, and every staff correction. Seed mails
 * also carry their priority and sentiment, and tagged ones their tags ("angry"), which
 * the screening models learn from.
 */
export const LabelledExampleModel = mongoose.model('LabelledExample', keyedSchema({ collection: 'labelled_examples' }, {
  text: { type: String, required: true },
  category: { type: String, required: true },
  priority: { type: String },
  sentiment: { type: String },
  tags: { type: [String], default: undefined },
  source: { type: String, enum: ['seed', 'correction'], required: true },
  caseId: { type: String },
  by: { type: String },
  at: { type: Date, required: true },
}));

/**
 * One problem reported by many customers, for a batch notice later: written once, when
 * it is recognised. Its cases are those whose incidentId names it.
 */
export const IncidentModel = mongoose.model('Incident', keyedSchema({ collection: 'incidents' }, {
  product: { type: String, required: true },
  /** The arrival of the earliest case it was recognised in. */
  firstAt: { type: Date, required: true },
  /** When staff resolved it, or when its last open case was found closed; a new member opens it again. */
  resolvedAt: { type: Date },
  resolvedBy: { type: String },
}));

/**
 * The cases of an incident, by the incident's _id: its page reads them by _id (FerretDB
 * scans the cases collection for any other filter). Kept apart from the incident so that
 * a surge's additions never rewrite the incident itself.
 */
export const IncidentMemberModel = mongoose.model('IncidentMember', keyedSchema({ collection: 'incident_members' }, { caseIds: { type: [String], default: [] } }));
