// Opens a workspace in a fresh process (maybe as another OS user) and prints, as JSON, how
// opening went through the app (AppHost) and through a bare openWorkspace, as a worker does.
// Started with: node --import tsx tests/support/open-report.ts DATA_DIR WORKSPACE
import { apiErrorOf } from '../../src-shared/errors';
import { openWorkspace } from '../../src-main/db/open-workspace';
import { AppHost } from '../../src-main/workspace/app-host';

const [dataDir, workspace] = process.argv.slice(2) as [string, string];
function attempt(open: () => void): string {
  try {
    open();
    return 'ok';
  } catch (err) {
    return apiErrorOf(err).code;
  }
}
const host = new AppHost({ dataDir, shell: 'browser' });
const app = attempt(() => host.open(workspace));
host.dispose();
const worker = attempt(() => openWorkspace(workspace).close());
process.stdout.write(`${JSON.stringify({ app, worker })}\n`);
