// The console's stores on MongoDB: accounts and sessions (users, sessions), the audit
// trail (audit), and the board's cases with their messages, timeline and attachments.
import type { Role } from '../../domain/console/access.js';
import type { AccountStore, AuditEntry, AuditLog, CaseBoard, ConsoleCase } from '../http/console/ports.js';
import { addConsoleCommands, boardColumns, caseByNumber, caseTimeline } from './boardStore.js';
import { openFile } from './gridfs.js';
import { AuditModel } from './models/auditModel.js';
import { SessionModel, UserModel } from './models/consoleModels.js';

export class MongoAccountStore implements AccountStore {
  async saveUser(u: { email: string; name: string; role: Role; departments: string[]; passwordHash: string }): Promise<void> {
    await UserModel.updateOne({ _id: u.email }, { $set: { name: u.name, role: u.role, departments: u.departments, passwordHash: u.passwordHash } }, { upsert: true });
  }

  async user(email: string) {
    const u = await UserModel.findById(email).lean();
    return u ? { email: u._id, name: u.name, role: u.role as Role, departments: u.departments ?? [], passwordHash: u.passwordHash } : null;
  }

  async users() {
    const users = await UserModel.find({}, { passwordHash: 0 }).sort({ _id: 1 }).lean();
    return users.map((u) => ({ email: u._id, name: u.name, role: u.role as Role, departments: u.departments ?? [] }));
  }

  async createSession(s: { id: string; email: string; csrf: string; expiresAt: Date }): Promise<void> {
    await SessionModel.create({ _id: s.id, userId: s.email, csrf: s.csrf, expiresAt: s.expiresAt });
  }

  async session(id: string) {
    const s = await SessionModel.findById(id).lean();
    return s ? { email: s.userId, csrf: s.csrf, expiresAt: s.expiresAt } : null;
  }

  async deleteSession(id: string): Promise<void> {
    await SessionModel.deleteOne({ _id: id });
  }

  async deleteSessions(email: string): Promise<void> {
    await SessionModel.deleteMany({ userId: email });
  }
}

export class MongoAuditLog implements AuditLog {
  async record(e: AuditEntry): Promise<void> {
    const { id, ...rest } = e;
    await AuditModel.create({ _id: id, ...rest });
  }

  async latest(what: string, limit: number): Promise<AuditEntry[]> {
    const rows = await AuditModel.find({ what }).sort({ at: -1 }).limit(limit).lean();
    return rows.map((r) => ({
      id: String(r._id),
      what: r.what ?? what,
      by: r.by ?? '',
      at: r.at ?? new Date(0),
      ...(r.version != null ? { version: r.version } : {}),
      ...(r.diff != null ? { diff: r.diff } : {}),
      ...(r.case != null ? { case: r.case } : {}),
      ...(r.restricted != null ? { restricted: r.restricted } : {}),
    }));
  }
}

export class MongoCaseBoard implements CaseBoard {
  columns = boardColumns;
  timeline = caseTimeline;

  async byNumber(number: string): Promise<ConsoleCase | null> {
    return caseByNumber(number);
  }

  addCommands(c: ConsoleCase, from: string, text: string, at: Date): Promise<string> {
    return addConsoleCommands(c, from, text, at);
  }

  attachment(fileId: string) {
    return openFile('attachments', fileId);
  }
}
