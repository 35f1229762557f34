import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIVE_PERIODS, type ConditionNode, type QueryDefinition, type RelativePeriod } from '../../src-shared/query/query-tree';
import { api } from '../api/client';
import { useData } from '../api/use-data';
import { fieldText } from './field-meta';
import { isFilled } from './form-fill';
import { useQueriesData } from './queries-data';
import { useQuery } from './query-store';
import { ValueEditor } from './ValueEditor';

/** The simple query form: the fields the manager configured, each with its operator; the assistant fills values. */
export function SimpleQueryForm() {
  const { t } = useTranslation();
  const entity = useQuery((s) => s.definition.entity);
  const catalogue = useQueriesData((s) => s.catalogue);
  const form = useData(() => api.queryForms.get({ entity }), [entity], ['queryForm']);
  // The values typed here belong to the form as it stood: a re-read that brings the same fields
  // keeps them; a form the manager changed starts empty again.
  const formKey = form.data ? `${entity}|${JSON.stringify(form.data.fields)}` : null;
  const [draft, setDraft] = useState<{ key: string; nodes: ConditionNode[]; active: boolean[] } | null>(null);
  const fresh = form.data
    ? {
        nodes: form.data.fields.map((f): ConditionNode => ({ kind: 'condition', field: f.field, operator: f.operator as ConditionNode['operator'] })),
        active: form.data.fields.map(() => false),
      }
    : null;
  const current = draft && draft.key === formKey ? draft : fresh;
  const nodes = current?.nodes ?? null;
  const active = current?.active ?? [];

  if (!catalogue || !nodes || !formKey) return <div className="muted pad">{form.error ?? t('common.loading')}</div>;
  const setNodes = (next: ConditionNode[]) => setDraft({ key: formKey, nodes: next, active });
  const setActive = (next: boolean[]) => setDraft({ key: formKey, nodes, active: next });
  const fields = entity === 'customer' ? catalogue.customer : catalogue.contact;
  const set = (i: number, n: ConditionNode) => setNodes(nodes.map((x, j) => (j === i ? n : x)));
  const search = () => {
    const children = nodes.filter((n, i) => isFilled(n, active[i] ?? false));
    const definition: QueryDefinition = { entity, where: { kind: 'group', op: 'and', children } };
    useQuery.getState().run(definition);
  };

  return (
    <form
      className="qb-simple"
      data-testid="simple-query-form"
      onSubmit={(e) => {
        e.preventDefault();
        search();
      }}
    >
      <p className="muted small">{t('forms.simpleHint')}</p>
      {nodes.map((n, i) => {
        const field = fields.find((f) => f.key === n.field);
        if (!field) return null;
        return (
          <div key={`${n.field}-${i}`} className="qb-simple-row" data-testid="simple-field" data-field={n.field}>
            <span className="qb-simple-label">{fieldText(t, entity, field, n.field)}</span>
            <span className="qb-simple-op">{t(`qb.op.${n.operator}`)}</span>
            {n.operator === 'relative' ? (
              <select
                data-testid="simple-period"
                value={n.period ?? ''}
                onChange={(e) => set(i, { ...n, period: e.target.value as RelativePeriod, days: n.days ?? 30 })}
              >
                <option value="">{t('qb.choose')}</option>
                {RELATIVE_PERIODS.map((p) => (
                  <option key={p} value={p}>
                    {t(`qb.period.${p}`)}
                  </option>
                ))}
              </select>
            ) : null}
            {n.operator === 'empty' || n.operator === 'notEmpty' ? (
              <input
                type="checkbox"
                data-testid="simple-active"
                checked={active[i] ?? false}
                onChange={(e) => setActive(active.map((a, j) => (j === i ? e.target.checked : a)))}
              />
            ) : (
              <ValueEditor node={n} field={field} scope={entity} onChange={(next) => set(i, next)} />
            )}
          </div>
        );
      })}
      <div className="qb-simple-actions">
        <button type="submit" className="primary" data-testid="simple-search">
          {t('forms.search')}
        </button>
        <button type="button" data-testid="simple-reset" onClick={() => setDraft(null)}>
          {t('forms.reset')}
        </button>
      </div>
    </form>
  );
}
