import { useTranslation } from 'react-i18next';
import { useApp, type Screen } from './app-store';
import { Icon, type IconName } from '../components/Icon';
import { SidebarSections } from '../queries/SidebarSections';
import { BusinessNav } from '../business/BusinessNav';
import { SyncNavItem } from '../sync/SyncNavItem';
import { PeopleNav } from '../people/PeopleNav';
import { useCan } from '../people/session-store';

const ITEMS: { id: Screen; label: string; icon: IconName }[] = [
  { id: 'customers', label: 'nav.customers', icon: 'customers' },
  { id: 'employees', label: 'nav.employees', icon: 'employees' },
  { id: 'queries', label: 'navQueries.label', icon: 'search' },
];

export function Sidebar() {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const setScreen = useApp((s) => s.setScreen);
  // What a role cannot open is not offered (main refuses it regardless).
  // Under record scope 'own' the reports are computed over the user's own customers (main's
  // analysis/customer-mask.ts), and 分析 says so (仅含我的客户).
  const reports = useCan('reports', 'read');
  const products = useCan('products', 'read');
  const sync = useCan('sync', 'read');
  return (
    <nav className="sidebar with-sections">
      {ITEMS.map((item) => (
        <button
          key={item.id}
          type="button"
          className={`nav-item${screen === item.id ? ' active' : ''}`}
          data-testid={`nav-${item.id}`}
          aria-current={screen === item.id ? 'page' : undefined}
          onClick={() => setScreen(item.id)}
        >
          <span className="nav-icon">
            <Icon name={item.icon} size={20} />
          </span>
          <span className="nav-label">{t(item.label)}</span>
        </button>
      ))}
      {reports ? (
        <button
          type="button"
          className={`nav-item${screen === 'analysis' ? ' active' : ''}`}
          data-testid="nav-analysis"
          aria-current={screen === 'analysis' ? 'page' : undefined}
          onClick={() => setScreen('analysis')}
        >
          <span className="nav-icon nav-glyph">▲</span>
          <span className="nav-label">{t('analysis.nav')}</span>
        </button>
      ) : null}
      {products ? (
        <button
          type="button"
          className={`nav-item${screen === 'products' ? ' active' : ''}`}
          data-testid="nav-products"
          aria-current={screen === 'products' ? 'page' : undefined}
          onClick={() => setScreen('products')}
        >
          <span className="nav-icon nav-glyph">品</span>
          <span className="nav-label">{t('extras.nav.products')}</span>
        </button>
      ) : null}
      <BusinessNav />
      {sync ? <SyncNavItem /> : null}
      <PeopleNav />
      <SidebarSections />
    </nav>
  );
}
