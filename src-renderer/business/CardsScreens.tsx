import type { Screen } from '../app/app-store';
import { SettingsScreen } from '../settings/SettingsScreen';
import { ExpensesScreen } from './ExpensesScreen';
import { RecordsScreen } from './RecordsScreen';

/** The screens of custom cards and business types: a business type's list, 费用明细, 设置. */
export function CardsScreens({ screen }: { screen: Screen }) {
  if (screen === 'records') return <RecordsScreen />;
  if (screen === 'expenses') return <ExpensesScreen />;
  if (screen === 'settings') return <SettingsScreen />;
  return null;
}
