// A second process writing one workspace with its wall clock set off by a given number of ms:
// `node --import tsx skewed-writer.ts FILE SKEW_MS COUNT`. Prints "done N" when its writes are committed.
import { openWorkspace } from '../../src-main/db/open-workspace';
import { createCustomer } from '../../src-main/services/customers/customer-service';

const [file, skew, count] = process.argv.slice(2);
if (!file || skew === undefined || !count) throw new Error('usage: skewed-writer FILE SKEW_MS COUNT');
const ws = openWorkspace(file, { wallClock: () => Date.now() + Number(skew) });
const ctx = { userId: `u-skew${skew}`, userName: `时钟偏移 ${skew}`, role: 'manager' as const };
for (let i = 0; i < Number(count); i += 1) createCustomer(ws, ctx, { name: `偏移${skew}客户${i}` });
ws.close();
process.stdout.write(`done ${count}\n`);
