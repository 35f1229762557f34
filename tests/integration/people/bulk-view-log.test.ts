import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src-main/db/workspace';
import { BulkViewLog } from '../../../src-main/people/bulk-views';
import { tempWorkspace, testUser } from '../../support/temp-workspace';

// The customer list's audit row: one per launch within ten minutes, and a launch whose row could
// not be written (the file busy, the write retried) still gets its row on the next try.
let made: ReturnType<typeof tempWorkspace>;
let ws: Workspace;
beforeEach(() => {
  made = tempWorkspace();
  ws = made.ws;
});
afterEach(() => made.cleanup());

const viewed = () => ws.db.prepare("SELECT COUNT(*) FROM audit_events WHERE action = 'customersViewed'").pluck().get() as number;

describe('BulkViewLog', () => {
  it('writes one row per launch within the window and another after it', () => {
    const log = new BulkViewLog();
    const t0 = Date.parse('2026-12-07T08:00:00Z');
    log.note(ws, testUser, 'customerList', '张', 12, t0);
    log.note(ws, testUser, 'customerList', '张', 12, t0 + 60_000);
    expect(viewed()).toBe(1);
    log.note(ws, testUser, 'customerList', '李', 3, t0 + 60_000);
    log.note(ws, testUser, 'customerList', '张', 12, t0 + 11 * 60_000);
    expect(viewed()).toBe(3);
  });

  it('does not count a launch whose audit row failed to be written', () => {
    const log = new BulkViewLog();
    const t0 = Date.parse('2026-12-07T08:00:00Z');
    ws.db.exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'busy'); END");
    expect(() => log.note(ws, testUser, 'query', 'q1', 5, t0)).toThrow('busy');
    ws.db.exec('DROP TRIGGER refuse_audit');
    log.note(ws, testUser, 'query', 'q1', 5, t0 + 1000);
    expect(viewed()).toBe(1);
  });
});
