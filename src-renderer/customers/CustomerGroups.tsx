import { useTranslation } from 'react-i18next';
import type { GroupRowDto } from '../../src-shared/contract/business-methods';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { useApp } from '../app/app-store';
import { GroupedTable } from '../business/GroupedTable';
import { formatMeasure, type MeasureFn } from '../business/group-options';
import { useCustomFields } from '../card/use-meta';
import { useEmployees } from '../employees/use-employees';
import { useQuery } from '../queries/query-store';
import { customerDims, customerKeyLabel, customerNums, groupDefinition } from './customer-groups';
import { useCustomerGroups } from './group-store';
import '../business/business.css';
import { useStoreSites } from '../sync/store-sites';

const FNS = ['sum', 'avg', 'min', 'max'] as const;

/** The 分组 bar under the customers toolbar: one or two levels and the totals shown per group. */
export function CustomerGroupBar() {
  const { t } = useTranslation();
  const fields = useCustomFields('customer').data ?? [];
  const { groupBy, measures, setLevel, setMeasure, clear } = useCustomerGroups();
  const inNetwork = useStoreSites().length > 0;
  const dims = customerDims(t, fields, inNetwork);
  const nums = customerNums(t, fields);
  const [first = '', second = ''] = groupBy;
  return (
    <div className="group-bar" data-testid="customers-group-bar">
      <label>
        {t('extras.group.level1')}
        <select value={first} data-testid="customers-group-1" onChange={(e) => setLevel(0, e.target.value)}>
          <option value="">{t('extras.group.noGrouping')}</option>
          {dims.map((d) => (
            <option key={d.key} value={d.key}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      {first ? (
        <label>
          {t('extras.group.level2')}
          <select value={second} data-testid="customers-group-2" onChange={(e) => setLevel(1, e.target.value)}>
            <option value="">{t('common.none')}</option>
            {dims
              .filter((d) => d.key !== first)
              .map((d) => (
                <option key={d.key} value={d.key}>
                  {d.label}
                </option>
              ))}
          </select>
        </label>
      ) : null}
      {first ? <span className="muted">{t('extras.group.measures')}：</span> : null}
      {first
        ? nums.map((n) => (
            <label key={n.key}>
              {n.label}
              <select
                value={measures[n.key] ?? ''}
                data-testid="customers-measure"
                data-field={n.key}
                onChange={(e) => setMeasure(n.key, e.target.value as MeasureFn | '')}
              >
                <option value="">{t('common.none')}</option>
                {FNS.map((fn) => (
                  <option key={fn} value={fn}>
                    {t(`cards.fn.${fn}`)}
                  </option>
                ))}
              </select>
            </label>
          ))
        : null}
      {first ? (
        <button type="button" data-testid="customers-group-off" onClick={clear}>
          {t('extras.group.off')}
        </button>
      ) : null}
    </div>
  );
}

/** lists.group of the whole customer list for a request `{ by, ms }` as JSON (a string, so re-reads follow its content); '' = not yet. */
function useGroupRows(request: string) {
  return useData(
    () => {
      if (!request) return Promise.resolve(null);
      const parsed = JSON.parse(request) as { by: string[]; ms: { field: string; fn: MeasureFn }[] };
      return api.lists.group({ source: { entity: 'customer' }, groupBy: parsed.by, measures: parsed.ms });
    },
    [request],
    // Customers and what their groups and totals read: contacts, owners, orders, receipts, custom values.
    ['customer', 'contact', 'employee', 'order', 'receipt', 'customField'],
  );
}

/** Group rows with counts, subtotals and the grand total (lists.group); a group's name opens its customers in 查询. */
export function CustomerGroups() {
  const { t } = useTranslation();
  const stores = useStoreSites();
  const fieldsLoaded = useCustomFields('customer');
  const fields = fieldsLoaded.data;
  const employees = useEmployees(true);
  const groupBy = useCustomerGroups((s) => s.groupBy);
  const measures = useCustomerGroups((s) => s.measures);
  const dims = customerDims(t, fields ?? [], stores.length > 0);
  const nums = customerNums(t, fields ?? []);
  // Only keys this workspace knows (a remembered custom column may belong to another workspace).
  const by = groupBy.filter((g) => dims.some((d) => d.key === g));
  const ms = Object.entries(measures)
    .filter(([field]) => nums.some((n) => n.key === field))
    .map(([field, fn]) => ({ field, fn }));
  const ready = fields !== null && by.length > 0;
  const groups = useGroupRows(ready ? JSON.stringify({ by, ms }) : '');

  const open = (row: GroupRowDto) => {
    useQuery.getState().run(groupDefinition(by, row, employees ?? []));
    useApp.getState().setScreen('queries');
  };

  return (
    <div className="records-body customers-grouped" data-testid="customers-groups" data-levels={by.join(',')}>
      {groups.error ? (
        <div className="banner banner-error" data-testid="customers-groups-error">
          {groups.error}
        </div>
      ) : null}
      {groups.data ? (
        <>
          <div className="muted groups-hint" data-testid="customers-groups-hint">
            {t('extras.group.hint')}
          </div>
          <GroupedTable
            testId="customers-grouped"
            rows={groups.data}
            levels={by.map((g) => dims.find((d) => d.key === g)?.label ?? g)}
            keyLabel={(level, key) => customerKeyLabel(t, fields ?? [], employees ?? [], by[level], key, stores)}
            measures={ms.map((m) => {
              const n = nums.find((x) => x.key === m.field) ?? { label: m.field, money: false, percent: false };
              return {
                id: `${m.fn}:${m.field}`,
                label: `${n.label}（${t(`cards.fn.${m.fn}`)}）`,
                format: (v: number | null) => formatMeasure(v, m.fn, n),
              };
            })}
            onOpen={open}
          />
        </>
      ) : (
        <div className="muted pad">{t('common.loading')}</div>
      )}
    </div>
  );
}
