import { useTranslation } from 'react-i18next';
import { useApp, type Screen } from '../app/app-store';
import { useCan } from './session-store';

/** Sidebar entries of people administration (manager): 用户管理, 权限设置. */
export function PeopleNav() {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const setScreen = useApp((s) => s.setScreen);
  // Both screens call `users` methods that need its manage level: shown only to who holds it.
  const manages = useCan('users', 'manage');
  if (!manages) return null;
  const item = (id: Screen, label: string, glyph: string) => (
    <button
      key={id}
      type="button"
      className={`nav-item${screen === id ? ' active' : ''}`}
      data-testid={`nav-${id}`}
      aria-current={screen === id ? 'page' : undefined}
      onClick={() => setScreen(id)}
    >
      <span className="nav-icon nav-glyph">{glyph}</span>
      <span className="nav-label">{label}</span>
    </button>
  );
  return (
    <>
      {item('users', t('perm.nav.users'), '人')}
      {item('permissions', t('perm.nav.permissions'), '权')}
    </>
  );
}
