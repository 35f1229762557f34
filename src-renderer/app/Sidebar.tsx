import { useTranslation } from 'react-i18next';
import { useApp, type Screen } from './app-store';

const ITEMS: { id: Screen; label: string; icon: string }[] = [
  { id: 'customers', label: 'nav.customers', icon: '▤' },
  { id: 'employees', label: 'nav.employees', icon: '👥' },
];

export function Sidebar() {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const setScreen = useApp((s) => s.setScreen);
  return (
    <nav className="sidebar">
      {ITEMS.map((item) => (
        <button
          key={item.id}
          type="button"
          className={`nav-item${screen === item.id ? ' active' : ''}`}
          data-testid={`nav-${item.id}`}
          aria-current={screen === item.id ? 'page' : undefined}
          onClick={() => setScreen(item.id)}
        >
          <span className="nav-icon">{item.icon}</span>
          <span className="nav-label">{t(item.label)}</span>
        </button>
      ))}
    </nav>
  );
}
