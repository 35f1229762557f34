// A second Kecard process for tests: opens a workspace in an AppHost, as the app or the shell
// does, and obeys one command per line on stdin, answering on stdout:
//   write NAME   creates a customer through the services      → "ok ID" or "error CODE"
//   names        the customers' names as JSON                  → "names [...]"
//   begin        takes SQLite's write lock and keeps it           → "ok"
//   rollback     lets it go                                       → "ok"
//   exit         closes the workspace and exits
// Started with: node --import tsx tests/support/workspace-holder.ts DATA_DIR WORKSPACE
import { createInterface } from 'node:readline';
import { apiErrorOf } from '../../src-shared/errors';
import { createCustomer } from '../../src-main/services/customers/customer-service';
import { listCustomers } from '../../src-main/services/customers/customer-queries';
import { AppHost } from '../../src-main/workspace/app-host';

const [dataDir, workspace] = process.argv.slice(2) as [string, string];
const host = new AppHost({ dataDir, shell: 'browser' });
const say = (line: string) => process.stdout.write(`${line}\n`);
try {
  host.open(workspace);
  say(`ready ${process.pid}`);
} catch (err) {
  say(`error ${apiErrorOf(err).code}`);
  process.exit(1);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, ...rest] = line.split(' ');
  try {
    if (command === 'write') say(`ok ${createCustomer(host.workspace, host.context, { name: rest.join(' ') }).id}`);
    else if (command === 'names') say(`names ${JSON.stringify(listCustomers(host.workspace, { offset: 0, limit: 1000 }).rows.map((c) => c.name))}`);
    else if (command === 'begin' || command === 'rollback') {
      host.workspace.db.exec(command === 'begin' ? 'BEGIN IMMEDIATE' : 'ROLLBACK');
      say('ok');
    } else if (command === 'exit') {
      host.dispose();
      process.exit(0);
    }
  } catch (err) {
    say(`error ${apiErrorOf(err).code}`);
  }
});
