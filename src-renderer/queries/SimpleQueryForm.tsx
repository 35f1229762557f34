import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIVE_PERIODS, type ConditionNode, type QueryDefinition, type RelativePeriod } from '../../src-shared/query/query-tree';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { fieldText } from './field-meta';
import { isFilled } from './form-fill';
import { useQueriesData } from './queries-data';
import { useQuery } from './query-store';
import { useChangeVersion } from './use-change-version';
import { ValueEditor } from './ValueEditor';

/** The simple query form: the fields the manager configured, each with its operator; the assistant fills values. */
export function SimpleQueryForm() {
  const { t } = useTranslation();
  const entity = useQuery((s) => s.definition.entity);
  const catalogue = useQueriesData((s) => s.catalogue);
  const formVersion = useChangeVersion(['queryForm']);
  const [nodes, setNodes] = useState<ConditionNode[] | null>(null);
  const [active, setActive] = useState<boolean[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.queryForms
      .get({ entity })
      .then((form) => {
        if (!live) return;
        setNodes(form.fields.map((f) => ({ kind: 'condition', field: f.field, operator: f.operator as ConditionNode['operator'] })));
        setActive(form.fields.map(() => false));
      })
      .catch((err: unknown) => live && setError(errorText(t, err)));
    return () => {
      live = false;
    };
  }, [entity, formVersion, t]);

  if (!catalogue || !nodes) return <div className="muted pad">{error ?? t('common.loading')}</div>;
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
        <button
          type="button"
          data-testid="simple-reset"
          onClick={() => {
            setNodes(nodes.map((n) => ({ kind: 'condition', field: n.field, operator: n.operator })));
            setActive(nodes.map(() => false));
          }}
        >
          {t('forms.reset')}
        </button>
      </div>
    </form>
  );
}
