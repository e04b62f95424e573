import { describe, expect, it } from 'vitest';
import { incidentCommand, isIncidentId, textFor, updateKey } from '../../src/domain/incident/incidentUpdate.js';
import { maskAddress, seesIncident, worksOnCase } from '../../src/domain/incident/incidentAccess.js';

const staff = { email: 'li@example.test', name: 'Li', role: 'staff' as const, departments: ['tech'] };
const techCase = { department: 'tech', departments: ['tech'], restricted: false, assignee: null };
const shopCase = { department: 'logistics', departments: ['logistics'], restricted: false, assignee: null };

describe('incident updates', () => {
  it("gives each case the text of its language, else the other Chinese script's, else the first given", () => {
    const all = { en: 'fixed', 'zh-Hant': '已修復', 'zh-Hans': '已修复' };
    expect(textFor('zh-Hans', all)).toBe('已修复');
    expect(textFor('zh-Hans', { en: 'fixed', 'zh-Hant': '已修復' })).toBe('已修復');
    expect(textFor('en', { 'zh-Hans': '已修复' })).toBe('已修复');
    expect(textFor('en', { en: '  ', 'zh-Hant': '' })).toBeNull();
  });

  it('carries the update as a staff command under a key fixed by the update and the case', () => {
    expect(incidentCommand('resolve', 'Renewed.')).toBe('resolve: Renewed.');
    expect(updateKey('u1', 'c1')).toBe(updateKey('u1', 'c1'));
    expect(updateKey('u1', 'c1')).not.toBe(updateKey('u1', 'c2'));
    expect(isIncidentId('INC-CS-2026-000001')).toBe(true);
    expect(isIncidentId('CS-2026-000001')).toBe(false);
  });

  it('lets staff see an incident with a case of theirs and work only their cases; masks addresses', () => {
    expect(seesIncident(staff, [shopCase, techCase])).toBe(true);
    expect(seesIncident(staff, [shopCase])).toBe(false);
    expect(worksOnCase(staff, techCase)).toBe(true);
    expect(worksOnCase(staff, shopCase)).toBe(false);
    expect(worksOnCase({ ...staff, role: 'supervisor', departments: [] }, shopCase)).toBe(true);
    expect(maskAddress('alice@example.test')).toBe('a***@example.test');
  });
});
