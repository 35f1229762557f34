import { KecardError } from '../../src-shared/errors';
import type { CallContext } from '../changelog/call-context';

/**
 * What no adjustable role may do whatever the matrix grants it: change the rules or the managers,
 * and turn a workspace's encryption on or off (directly, or by restoring a plain backup over it).
 */
export function managersOnly(ctx: CallContext): void {
  if (ctx.role !== 'manager' && ctx.role !== 'admin') {
    throw new KecardError('FORBIDDEN', 'Only a manager can do this.', { reason: 'managersOnly' });
  }
}
