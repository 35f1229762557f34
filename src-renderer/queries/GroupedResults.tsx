import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryDefinition } from '../../src-shared/query/query-tree';
import { api } from '../api/client';
import { QUERY_ENTITIES, useData } from '../api/use-data';
import { CUSTOMER_GROUP_KEYS, customerKeyLabel } from '../customers/customer-groups';
import { useQueriesData } from './queries-data';
import { useStoreSites } from '../sync/store-sites';

export function formatYuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

interface Props {
  definition: QueryDefinition;
}

/** 分组合计: the result grouped by one or two fields, with count and totals per group and a grand total (lists.group). */
export function GroupedResults({ definition }: Props) {
  const { t } = useTranslation();
  const stores = useStoreSites();
  const catalogue = useQueriesData((s) => s.catalogue);
  const [groupBy, setGroupBy] = useState<string[]>(['customerClass']);
  const [sums, setSums] = useState<string[]>([]);
  // Numeric user-defined fields can be totalled (money ones in yuan).
  const numeric = (catalogue?.customer ?? []).filter((f) => f.type === 'number' && f.key.startsWith('cf_'));
  const measureKey = sums.join(',');
  const groupKey = groupBy.join(',');

  const { data: rows, error } = useData(
    () => {
      const fields = measureKey ? measureKey.split(',') : [];
      return api.lists.group({
        source: { entity: 'customer', definition },
        groupBy: groupKey ? groupKey.split(',') : [],
        measures: [{ field: 'count', fn: 'count' as const }, ...fields.map((field) => ({ field, fn: 'sum' as const }))],
      });
    },
    // Running the same definition again needs no re-read: the totals follow the data already.
    [definition, groupKey, measureKey],
    QUERY_ENTITIES,
  );

  const setLevel = (i: number, field: string) => {
    const next = groupBy.slice(0, i);
    if (field) next.push(field);
    if (i === 0 && field && groupBy[1] && groupBy[1] !== field) next.push(groupBy[1]);
    setGroupBy(next);
  };
  const label = (f: string) => t(`results.groupField.${f}`);
  const measureFields = numeric.filter((f) => sums.includes(f.key));

  return (
    <div className="qb-grouped" data-testid="grouped-results">
      <div className="toolbar qb-group-bar">
        <label className="inline-field">
          {t('results.groupBy')}
          <select data-testid="group-by-1" value={groupBy[0] ?? ''} onChange={(e) => setLevel(0, e.target.value)}>
            <option value="">{t('results.noGroup')}</option>
            {CUSTOMER_GROUP_KEYS.map((f) => (
              <option key={f} value={f}>
                {label(f)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('results.thenBy')}
          <select data-testid="group-by-2" value={groupBy[1] ?? ''} disabled={!groupBy[0]} onChange={(e) => setLevel(1, e.target.value)}>
            <option value="">{t('results.noGroup')}</option>
            {CUSTOMER_GROUP_KEYS.filter((f) => f !== groupBy[0]).map((f) => (
              <option key={f} value={f}>
                {label(f)}
              </option>
            ))}
          </select>
        </label>
        {numeric.length > 0 ? <span className="muted">{t('results.measures')}:</span> : null}
        {numeric.map((f) => (
          <label key={f.key} className="check">
            <input
              type="checkbox"
              data-testid="group-measure"
              data-field={f.key}
              checked={sums.includes(f.key)}
              onChange={() => setSums(sums.includes(f.key) ? sums.filter((s) => s !== f.key) : [...sums, f.key])}
            />
            {f.label ?? f.key}
          </label>
        ))}
      </div>
      {error ? <div className="banner banner-error">{error}</div> : null}
      <div className="qb-grouped-body">
        <table className="data-table qb-group-table">
          <thead>
            <tr>
              <th>{groupBy.map(label).join(' / ') || t('results.grandTotal')}</th>
              <th className="num">{t('results.count')}</th>
              {measureFields.map((f) => (
                <th key={f.key} className="num">
                  {f.label ?? f.key}
                  {f.money ? `（${t('qb.yuan')}）` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).map((r) => {
              const total = r.level === 0;
              const sub = !total && r.level < groupBy.length;
              const field = groupBy[r.level - 1] ?? '';
              return (
                <tr
                  key={JSON.stringify(r.key) + r.level}
                  className={total ? 'grand-total' : sub ? 'subtotal' : ''}
                  data-testid={total ? 'group-total' : 'group-row'}
                  data-level={r.level}
                  data-key={r.key.map((k) => (k === null ? '' : String(k))).join('/')}
                  data-count={r.count}
                >
                  <td style={{ paddingLeft: 8 + Math.max(0, r.level - 1) * 20 }}>
                    {total ? t('results.grandTotal') : customerKeyLabel(t, [], [], field, r.key[r.level - 1] ?? null, stores)}
                    {sub ? <span className="muted small"> · {t('results.subtotal')}</span> : null}
                  </td>
                  <td className="num" data-testid="group-count">
                    {r.count.toLocaleString()}
                  </td>
                  {measureFields.map((f) => {
                    const v = r.values[`sum:${f.key}`] ?? null;
                    return (
                      <td key={f.key} className="num" data-testid="group-sum" data-field={f.key} data-value={v ?? ''}>
                        {v === null ? '' : f.money ? formatYuan(v) : v.toLocaleString()}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
