import { useTranslation } from 'react-i18next';
import { useApp, type Screen } from '../app/app-store';
import { useBusinessTypes } from '../card/use-meta';
import { useBusinessNav } from './business-nav';
import { useCan, useSession } from '../people/session-store';
import { allows } from '../../src-shared/domain/permissions';

/** Sidebar entries of this area: one list per business type, 费用明细, 设置. */
export function BusinessNav() {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const setScreen = useApp((s) => s.setScreen);
  const typeId = useBusinessNav((s) => s.typeId);
  const setType = useBusinessNav((s) => s.setType);
  const rules = useSession((s) => s.access?.rules ?? null);
  // A business type whose records the role cannot read is not listed (its own level may differ from 业务).
  const types = (useBusinessTypes().data ?? []).filter((bt) => rules !== null && allows(rules, 'business', 'read', bt.id));
  const expenses = useCan('expenses', 'read');
  const settings = useCan('settings', 'read');
  const item = (id: string, label: string, icon: string, active: boolean, go: () => void, testId: string, extra?: Record<string, string>) => (
    <button
      key={id}
      type="button"
      className={`nav-item${active ? ' active' : ''}`}
      data-testid={testId}
      aria-current={active ? 'page' : undefined}
      onClick={go}
      {...extra}
    >
      <span className="nav-icon nav-glyph">{icon}</span>
      <span className="nav-label">{label}</span>
    </button>
  );
  const go = (s: Screen) => () => setScreen(s);
  return (
    <>
      {types.map((bt) =>
        item(
          bt.id,
          bt.name,
          bt.name.slice(0, 1),
          screen === 'records' && typeId === bt.id,
          () => {
            setType(bt.id);
            setScreen('records');
          },
          'nav-business-type',
          { 'data-id': bt.id, 'data-name': bt.name },
        ),
      )}
      {expenses ? item('expenses', t('cards.nav.expenses'), '¥', screen === 'expenses', go('expenses'), 'nav-expenses') : null}
      {settings ? item('settings', t('cards.nav.settings'), '⚙', screen === 'settings', go('settings'), 'nav-settings') : null}
    </>
  );
}
