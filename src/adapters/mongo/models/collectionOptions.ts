// The options of every collection the app declares: its name, and no mongoose version key
// (documents are written by update operators, never saved whole).
export const opts = (collection: string) => ({ collection, versionKey: false as const });
