import type { MenuCommand } from '../../src-shared/contract/events';
import { useCard } from '../card/card-store';
import { focusQuickSearch } from '../customers/search-focus';
import { closeWorkspace, openDemoDialog, startPathAction } from '../workspace/workspace-actions';
import { useApp } from './app-store';
import { canNow } from '../people/session-store';

/** One place that runs a command, whether it came from our menu bar, a shortcut or Electron's menu. */
export function runCommand(command: MenuCommand): void {
  const hasWorkspace = useApp.getState().workspace !== null;
  switch (command) {
    case 'workspace.new':
      void startPathAction('create');
      break;
    case 'workspace.open':
      void startPathAction('open');
      break;
    // Electron's menu and the shortcuts offer these to everyone: a role without the area is not
    // started on a dialog main would refuse at the end.
    case 'workspace.saveCopy':
      if (hasWorkspace && canNow('backups', 'write')) void startPathAction('saveCopy');
      break;
    case 'workspace.close':
      if (hasWorkspace) void closeWorkspace();
      break;
    case 'demo.generate':
      if (hasWorkspace && canNow('import', 'write')) openDemoDialog();
      break;
    case 'customer.new':
      if (hasWorkspace && canNow('customers', 'write')) {
        useApp.getState().setScreen('customers');
        void useCard.getState().openNew();
      }
      break;
    case 'search.focus':
      if (hasWorkspace) {
        useApp.getState().setScreen('customers');
        window.setTimeout(focusQuickSearch, 0);
      }
      break;
  }
}
