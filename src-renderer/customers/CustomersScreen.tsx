import { useCallback, useState } from 'react';
import { useCan } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import { useDataVersion } from '../app/app-store';
import { CustomerCardPanel } from '../card/CustomerCardPanel';
import { useCard } from '../card/card-store';
import { ColumnChooser } from './ColumnChooser';
import { CustomerGroupBar, CustomerGroups } from './CustomerGroups';
import { useCustomerGroups } from './group-store';
import { CustomerGrid } from './CustomerGrid';
import { CustomerTable } from './CustomerTable';
import { useListSettings } from './list-store';
import { useCustomerPages } from './use-customer-pages';
import { useListSearch } from './list-search-store';
import './customers.css';
import { Icon } from '../components/Icon';
import { WelcomePanel } from '../app/WelcomePanel';

/** Customers: toolbar, list or cards on the left, the open card on the right. */
export function CustomersScreen() {
  const { t } = useTranslation();
  const canCreate = useCan('customers', 'write');
  const view = useListSettings((s) => s.view);
  const setView = useListSettings((s) => s.setView);
  const sort = useListSettings((s) => s.sort);
  const dataVersion = useDataVersion((s) => s.customers);
  const search = useListSearch((s) => s.q);
  const clearSearch = useListSearch((s) => s.clear);
  const pages = useCustomerPages(sort, dataVersion, search);
  const cardOpen = useCard((s) => s.openId !== null || s.isNew);
  const openNew = useCard((s) => s.openNew);
  const [chooser, setChooser] = useState(false);
  const closeChooser = useCallback(() => setChooser(false), []);
  const groupBar = useCustomerGroups((s) => s.barOpen);
  const grouped = useCustomerGroups((s) => s.groupBy.length > 0);
  const toggleGroupBar = useCustomerGroups((s) => s.toggleBar);

  return (
    <div className={`customers-screen${cardOpen ? ' with-card' : ''}`}>
      <div className="list-pane">
        <div className="toolbar">
          {canCreate ? (
            <button type="button" className="primary" data-testid="new-customer" onClick={() => void openNew()}>
              <Icon name="plus" /> {t('toolbar.newCustomer')}
            </button>
          ) : null}
          <div className="segmented" role="group">
            <button
              type="button"
              className={view === 'list' ? 'on' : ''}
              data-testid="view-list"
              aria-pressed={view === 'list'}
              onClick={() => setView('list')}
            >
              <Icon name="list" /> {t('toolbar.list')}
            </button>
            <button
              type="button"
              className={view === 'cards' ? 'on' : ''}
              data-testid="view-cards"
              aria-pressed={view === 'cards'}
              onClick={() => setView('cards')}
            >
              <Icon name="cards" /> {t('toolbar.cards')}
            </button>
          </div>
          <div className="popover-anchor">
            <button type="button" data-testid="column-chooser" disabled={view !== 'list'} onClick={() => setChooser((v) => !v)}>
              <Icon name="columns" /> {t('toolbar.columns')}
            </button>
            {chooser && view === 'list' ? <ColumnChooser onClose={closeChooser} /> : null}
          </div>
          <button
            type="button"
            className={groupBar || grouped ? 'on' : ''}
            data-testid="customers-group-toggle"
            aria-pressed={groupBar}
            aria-expanded={groupBar}
            onClick={toggleGroupBar}
          >
            {t('extras.group.button')}
          </button>
          <span className="toolbar-spacer" />
          <span className="toolbar-count" data-testid="list-total">
            {pages.total === null ? t('common.loading') : t('toolbar.total', { n: pages.total.toLocaleString() })}
          </span>
        </div>
        {search !== null ? (
          <div className="list-search-bar" data-testid="list-search-filter" data-q={search}>
            <span>{t('ux.search.filter', { q: search })}</span>
            <button type="button" className="link-button" data-testid="list-search-clear" onClick={clearSearch}>
              {t('ux.search.clearFilter')}
            </button>
          </div>
        ) : null}
        {groupBar ? <CustomerGroupBar /> : null}
        {pages.total === 0 && !cardOpen && search === null ? (
          <WelcomePanel />
        ) : grouped && search === null ? (
          <CustomerGroups />
        ) : view === 'list' ? (
          <CustomerTable pages={pages} />
        ) : (
          <CustomerGrid pages={pages} />
        )}
      </div>
      {cardOpen ? <CustomerCardPanel /> : null}
    </div>
  );
}
