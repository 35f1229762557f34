import { useState } from 'react';
import { useCanBusiness } from '../people/session-store';
import { useTranslation } from 'react-i18next';
import type { BusinessRecord, BusinessType } from '../../src-shared/domain/business';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useData } from '../api/use-data';
import { useBusinessTypes, useCustomFields } from '../card/use-meta';
import { Icon } from '../components/Icon';
import { toast } from '../components/toast-store';
import { useEmployees } from '../employees/use-employees';
import { chosen, recordColumns } from '../sales/related-columns';
import { RelatedTable } from '../sales/RelatedTable';
import { ColumnsPicker } from '../settings/ColumnsPicker';
import { useBusinessNav } from './business-nav';
import { GroupedTable } from './GroupedTable';
import { formatMeasure, recordDims, recordKeyLabel, recordNums, type MeasureFn } from './group-options';
import { RecordDialog } from './RecordDialog';
import './business.css';

/** What a record row shows: the record, its expense total, its customer's and staff's names, its custom values. */
const RECORD_ENTITIES = ['businessRecord', 'expense', 'customer', 'employee', 'customField'] as const;

/** One business type's own list: columns, list / card view, grouping with subtotals. */
export function RecordsScreen() {
  const typeId = useBusinessNav((s) => s.typeId);
  const type = (useBusinessTypes().data ?? []).find((x) => x.id === typeId);
  if (!type) return <div className="muted pad">…</div>;
  return <RecordsList key={type.id} type={type} />;
}

function RecordsList({ type }: { type: BusinessType }) {
  const { t } = useTranslation();
  const canWrite = useCanBusiness(type.id, 'write');
  const fields = useCustomFields('record', type.id).data ?? [];
  const employees = useEmployees(true) ?? [];
  const records = useData(() => api.records.list({ typeId: type.id, limit: 500 }), [type.id], RECORD_ENTITIES).data;
  const [view, setView] = useState<'list' | 'cards'>('list');
  const [chooser, setChooser] = useState(false);
  const [group1, setGroup1] = useState('');
  const [group2, setGroup2] = useState('');
  const nums = recordNums(t, fields);
  const [measures, setMeasures] = useState<Record<string, MeasureFn | ''>>({ expenseTotalFen: 'sum' });
  const [editing, setEditing] = useState<BusinessRecord | 'new' | null>(null);
  const groupBy = [group1, group2].filter(Boolean);
  const measureList = nums.filter((n) => measures[n.key]).map((n) => ({ field: n.key, fn: measures[n.key] as MeasureFn }));
  const groups = useData(
    () => {
      const by = [group1, group2].filter(Boolean);
      const ms = Object.entries(measures).flatMap(([field, fn]) => (fn ? [{ field, fn }] : []));
      return by.length ? api.lists.group({ source: { entity: 'record', typeId: type.id }, groupBy: by, measures: ms }) : Promise.resolve([]);
    },
    [group1, group2, measures, type.id],
    RECORD_ENTITIES,
  );
  const columns = chosen(
    recordColumns(t, type, fields),
    type.listColumns.length ? type.listColumns : ['title', 'status', 'customerName', 'employeeName', 'expenseTotalFen'],
  );
  const dims = recordDims(t, fields);

  const saveColumns = (listColumns: string[]) => {
    api.businessTypes.update({ id: type.id, patch: { listColumns } }).catch((err: unknown) => toast.error(errorText(t, err)));
  };

  return (
    <div className="records-screen" data-testid="records-screen" data-type-id={type.id}>
      <div className="toolbar">
        <b className="screen-title">{type.name}</b>
        {canWrite ? (
          <button type="button" className="primary" data-testid="records-new" onClick={() => setEditing('new')}>
            ＋ {t('cards.biz.newRecord', { type: type.name })}
          </button>
        ) : null}
        <div className="segmented" role="group">
          <button
            type="button"
            className={view === 'list' ? 'on' : ''}
            aria-pressed={view === 'list'}
            data-testid="records-view-list"
            onClick={() => setView('list')}
          >
            <Icon name="list" /> {t('toolbar.list')}
          </button>
          <button
            type="button"
            className={view === 'cards' ? 'on' : ''}
            aria-pressed={view === 'cards'}
            data-testid="records-view-cards"
            onClick={() => setView('cards')}
          >
            <Icon name="cards" /> {t('toolbar.cards')}
          </button>
        </div>
        <div className="popover-anchor">
          <button type="button" data-testid="records-columns" onClick={() => setChooser((v) => !v)}>
            <Icon name="columns" /> {t('toolbar.columns')}
          </button>
          {chooser ? (
            <div className="popover columns-popover">
              <ColumnsPicker
                choices={recordColumns(t, type, fields)}
                value={columns.map((c) => c.key)}
                onChange={saveColumns}
                testId="records-columns-picker"
              />
            </div>
          ) : null}
        </div>
        <span className="toolbar-spacer" />
        <span className="toolbar-count" data-testid="records-total">
          {t('cards.biz.count', { n: records?.total ?? 0 })}
        </span>
      </div>
      <div className="group-bar" data-testid="records-group-bar">
        <label>
          {t('cards.lists.groupBy')}
          <select value={group1} data-testid="records-group-1" onChange={(e) => setGroup1(e.target.value)}>
            <option value="">{t('cards.lists.noGrouping')}</option>
            {dims.map((d) => (
              <option key={d.key} value={d.key}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        {group1 ? (
          <label>
            {t('cards.lists.thenBy')}
            <select value={group2} data-testid="records-group-2" onChange={(e) => setGroup2(e.target.value)}>
              <option value="">{t('common.none')}</option>
              {dims
                .filter((d) => d.key !== group1)
                .map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.label}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
        {group1
          ? nums.map((n) => (
              <label key={n.key}>
                {n.label}
                <select
                  value={measures[n.key] ?? ''}
                  data-testid="records-measure"
                  data-field={n.key}
                  onChange={(e) => setMeasures({ ...measures, [n.key]: e.target.value as MeasureFn | '' })}
                >
                  <option value="">{t('common.none')}</option>
                  {(['sum', 'avg', 'min', 'max'] as const).map((fn) => (
                    <option key={fn} value={fn}>
                      {t(`cards.fn.${fn}`)}
                    </option>
                  ))}
                </select>
              </label>
            ))
          : null}
      </div>
      <div className="records-body">
        {groupBy.length && groups.data ? (
          <GroupedTable
            testId="records-grouped"
            rows={groups.data}
            levels={groupBy.map((g) => dims.find((d) => d.key === g)?.label ?? g)}
            keyLabel={(level, key) => recordKeyLabel(t, type, fields, employees, groupBy[level], key)}
            measures={measureList.map((m) => {
              const n = nums.find((x) => x.key === m.field) ?? { label: m.field, money: false, percent: false };
              return { id: `${m.fn}:${m.field}`, label: `${n.label}（${t(`cards.fn.${m.fn}`)}）`, format: (v) => formatMeasure(v, m.fn, n) };
            })}
          />
        ) : view === 'list' ? (
          <RelatedTable
            testId="records-list"
            rowTestId="records-list-row"
            columns={columns}
            rows={records?.rows ?? []}
            rowKey={(r) => r.id}
            onOpen={(r) => setEditing(r)}
          />
        ) : (
          <div className="record-cards" data-testid="records-cards">
            {(records?.rows ?? []).map((r) => (
              <button key={r.id} type="button" className="record-card" data-testid="records-card" data-id={r.id} onClick={() => setEditing(r)}>
                {columns.map((c) => (
                  <div key={c.key} className={c.key === 'title' ? 'record-card-title' : 'record-card-line'}>
                    {c.key === 'title' ? null : <span className="muted">{c.label}：</span>}
                    {c.cell(r)}
                  </div>
                ))}
              </button>
            ))}
          </div>
        )}
      </div>
      {editing ? <RecordDialog type={type} customer={null} record={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
