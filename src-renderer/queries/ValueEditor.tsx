import { useTranslation } from 'react-i18next';
import type { QueryFieldDto } from '../../src-shared/contract/query-methods';
import type { ConditionNode } from '../../src-shared/query/query-tree';
import { optionText, type FieldScope } from './field-meta';
import { NumberInput } from './NumberInput';
import { OptionChips } from './OptionChips';
import { useQueriesData } from './queries-data';
import { RegionValue } from './RegionValue';

interface Props {
  node: ConditionNode;
  field: QueryFieldDto;
  scope: FieldScope;
  onChange(node: ConditionNode): void;
}

type Scalar = string | number;

function without<K extends keyof ConditionNode>(node: ConditionNode, key: K): ConditionNode {
  const copy = { ...node };
  delete copy[key];
  return copy;
}

/** Sets or (for an empty box) drops one value of the condition, so an unfilled value reads as missing. */
function withValue(node: ConditionNode, key: 'value' | 'value2', v: Scalar | undefined): ConditionNode {
  return v === undefined || v === '' ? without(node, key) : { ...node, [key]: v };
}

function splitList(text: string): string[] {
  return text
    .split(/[,，;；、]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The value part of a condition row, shaped by the field's type and the chosen operator. */
export function ValueEditor({ node, field, scope, onChange }: Props) {
  const { t } = useTranslation();
  const employees = useQueriesData((s) => s.employees);
  const folders = useQueriesData((s) => s.folders);
  const statusLabels = useQueriesData((s) => s.statusLabels);
  const op = node.operator;

  if (op === 'empty' || op === 'notEmpty') return null;
  if (op === 'relative') {
    if (node.period !== 'lastNDays' && node.period !== 'nextNDays') return null;
    return <DaysInput node={node} onChange={onChange} />;
  }
  if (op === 'anniversaryWithin') return <DaysInput node={node} onChange={onChange} />;
  // 省份 / 城市: picked from the division list; contains/begins-with stay free text.
  const regionKey = scope === 'customer' && (field.key === 'province' || field.key === 'city') ? field.key : null;
  if (regionKey && (op === 'eq' || op === 'neq' || op === 'in' || op === 'notIn'))
    return <RegionValue node={node} regionKey={regionKey} onChange={onChange} />;

  const dateLike = field.type === 'date' || field.type === 'datetime';
  const one = (key: 'value' | 'value2', testId: string) => {
    const v = node[key];
    if (dateLike) {
      return (
        <input
          type="date"
          className="qb-date"
          data-testid={testId}
          value={typeof v === 'string' ? v.slice(0, 10) : ''}
          onChange={(e) => onChange(withValue(node, key, e.target.value))}
        />
      );
    }
    if (field.type === 'number') {
      return (
        <NumberInput
          testId={testId}
          value={typeof v === 'number' ? v : undefined}
          money={field.money}
          onChange={(n) => onChange(withValue(node, key, n))}
        />
      );
    }
    return (
      <input
        className="qb-text"
        data-testid={testId}
        value={v === undefined ? '' : String(v)}
        onChange={(e) => onChange(withValue(node, key, e.target.value))}
      />
    );
  };
  const unit = field.money ? <span className="muted">{t('qb.yuan')}</span> : null;

  if (op === 'between') {
    return (
      <span className="qb-value">
        {one('value', 'qb-value')}
        <span className="muted">{t('qb.to')}</span>
        {one('value2', 'qb-value2')}
        {unit}
      </span>
    );
  }

  if (op === 'in' || op === 'notIn') {
    const selected = node.values ?? [];
    const setValues = (values: Scalar[]) => onChange(values.length ? { ...node, values } : without(node, 'values'));
    let options: { value: Scalar; label: string }[] | null = null;
    if (field.type === 'enum') options = (field.options ?? []).map((o) => ({ value: o, label: optionText(t, scope, field, o, statusLabels) }));
    else if (field.type === 'staff')
      options = employees.map((e) => ({ value: e.id, label: e.active ? e.name : `${e.name}（${t('employees.inactive')}）` }));
    else if (field.type === 'folder') {
      options = folders.filter((f) => f.entity === (scope === 'contact' ? 'contact' : 'customer')).map((f) => ({ value: f.id, label: f.name }));
    }
    if (options) return <OptionChips options={options} selected={selected} onChange={setValues} />;
    const numeric = field.type === 'number';
    return (
      <input
        className="qb-text wide"
        data-testid="qb-values"
        placeholder={t('qb.valuesHint')}
        defaultValue={selected.map((v) => (numeric && field.money ? Number(v) / 100 : v)).join(', ')}
        onChange={(e) => {
          const parts = splitList(e.target.value);
          setValues(
            numeric
              ? parts
                  .map(Number)
                  .filter((n) => !Number.isNaN(n))
                  .map((n) => (field.money ? Math.round(n * 100) : n))
              : parts,
          );
        }}
      />
    );
  }

  if (field.type === 'enum' || field.type === 'staff') {
    const options =
      field.type === 'enum'
        ? (field.options ?? []).map((o) => ({ value: String(o), label: optionText(t, scope, field, o, statusLabels) }))
        : employees.map((e) => ({ value: e.id, label: e.name }));
    const numeric = (field.options ?? []).some((o) => typeof o === 'number');
    return (
      <select
        className="qb-select"
        data-testid="qb-value"
        value={node.value === undefined ? '' : String(node.value)}
        onChange={(e) => onChange(withValue(node, 'value', e.target.value === '' ? undefined : numeric ? Number(e.target.value) : e.target.value))}
      >
        <option value="">{t('qb.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }

  return (
    <span className="qb-value">
      {one('value', 'qb-value')}
      {unit}
    </span>
  );
}

function DaysInput({ node, onChange }: { node: ConditionNode; onChange(node: ConditionNode): void }) {
  const { t } = useTranslation();
  return (
    <span className="qb-value">
      <NumberInput
        testId="qb-days"
        integer
        min={0}
        value={node.days}
        onChange={(n) => onChange(n === undefined ? without(node, 'days') : { ...node, days: Math.max(0, Math.min(3660, n)) })}
      />
      <span className="muted">{t('qb.days')}</span>
    </span>
  );
}
