import { describe, expect, it } from 'vitest';
import { changeLog } from '../../../src-main/db/schema/change-log';
import { CHANGE_OPS } from '../../../src-shared/domain/change-log';

// ChangeOp is defined once (src-shared/domain/change-log.ts); the drizzle column still spells the
// list out, so this keeps the two from drifting.
describe('change log ops', () => {
  it('the schema column allows exactly the shared ops', () => {
    expect(changeLog.op.enumValues).toEqual([...CHANGE_OPS]);
  });
});
