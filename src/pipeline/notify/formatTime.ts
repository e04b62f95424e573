// Times in mails, on the company's clock: "2026-11-23 10:00 (Asia/Taipei)".
import { wallClock } from '../../domain/sla/businessHours.js';

export function formatTime(at: Date, timeZone: string): string {
  const p = wallClock(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (${timeZone})`;
}
