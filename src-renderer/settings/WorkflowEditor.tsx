import { useTranslation } from 'react-i18next';
import type { WorkflowStatus } from '../../src-shared/domain/business';
import { OPTION_COLOR_NAMES } from '../card/custom-values';
import { Swatch } from '../card/CustomFieldInput';

export interface Workflow {
  statuses: WorkflowStatus[];
  transitions: Record<string, string[]>;
}

/** Statuses (add / rename / recolour / mark final / reorder) and allowed transitions as a matrix. */
export function WorkflowEditor({ value, onChange }: { value: Workflow; onChange(w: Workflow): void }) {
  const { t } = useTranslation();
  const { statuses, transitions } = value;
  const patch = (i: number, p: Partial<WorkflowStatus>) =>
    onChange({ statuses: statuses.map((s, j) => (i === j ? { ...s, ...p } : s)), transitions });
  const move = (i: number, d: number) => {
    const next = [...statuses];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + d, 0, item);
    onChange({ statuses: next, transitions });
  };
  const remove = (key: string) => {
    const next: Record<string, string[]> = {};
    for (const [from, tos] of Object.entries(transitions)) if (from !== key) next[from] = tos.filter((x) => x !== key);
    onChange({ statuses: statuses.filter((s) => s.key !== key), transitions: next });
  };
  const add = () => {
    let n = statuses.length + 1;
    while (statuses.some((s) => s.key === `s${n}`)) n += 1;
    onChange({ statuses: [...statuses, { key: `s${n}`, label: t('cards.workflow.newStatus', { n }), color: 'blue', final: false }], transitions });
  };
  const setAllowed = (from: string, to: string, on: boolean) => {
    const current = transitions[from] ?? statuses.map((s) => s.key).filter((k) => k !== from);
    const next = on ? [...current, to] : current.filter((x) => x !== to);
    onChange({ statuses, transitions: { ...transitions, [from]: statuses.map((s) => s.key).filter((k) => next.includes(k)) } });
  };
  const setAny = (from: string, any: boolean) => {
    const next = { ...transitions };
    if (any) delete next[from];
    else next[from] = [];
    onChange({ statuses, transitions: next });
  };
  return (
    <div className="workflow-editor">
      <table className="data-table" data-testid="bt-statuses">
        <thead>
          <tr>
            <th>{t('cards.workflow.label')}</th>
            <th>{t('cards.workflow.color')}</th>
            <th>{t('cards.workflow.final')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {statuses.map((s, i) => (
            <tr key={s.key} data-testid="bt-status-row" data-key={s.key}>
              <td>
                <Swatch color={s.color} />
                <input value={s.label} data-testid="bt-status-label" onChange={(e) => patch(i, { label: e.target.value })} />
              </td>
              <td>
                <select value={s.color ?? ''} data-testid="bt-status-color" onChange={(e) => patch(i, { color: e.target.value || undefined })}>
                  <option value="">{t('cards.fields.noColor')}</option>
                  {OPTION_COLOR_NAMES.map((c) => (
                    <option key={c} value={c}>
                      {t(`cards.colors.${c}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input type="checkbox" checked={s.final} data-testid="bt-status-final" onChange={(e) => patch(i, { final: e.target.checked })} />
              </td>
              <td className="row-actions">
                <button type="button" className="icon" data-testid="bt-status-up" disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className="icon" data-testid="bt-status-down" disabled={i === statuses.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
                <button
                  type="button"
                  className="icon danger-icon"
                  data-testid="bt-status-remove"
                  disabled={statuses.length === 1}
                  onClick={() => remove(s.key)}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="bt-status-add" onClick={add}>
        ＋ {t('cards.workflow.add')}
      </button>
      <h4>{t('cards.workflow.transitions')}</h4>
      <p className="muted">{t('cards.workflow.transitionsHint')}</p>
      <table className="data-table transition-matrix" data-testid="bt-transitions">
        <thead>
          <tr>
            <th>{t('cards.workflow.fromTo')}</th>
            <th>{t('cards.workflow.any')}</th>
            {statuses.map((s) => (
              <th key={s.key}>{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {statuses.map((from) => {
            const list = transitions[from.key];
            return (
              <tr key={from.key} data-testid="bt-transition-row" data-from={from.key}>
                <th>{from.label}</th>
                <td>
                  <input
                    type="checkbox"
                    checked={list === undefined}
                    data-testid="bt-any"
                    data-from={from.key}
                    onChange={(e) => setAny(from.key, e.target.checked)}
                  />
                </td>
                {statuses.map((to) => (
                  <td key={to.key}>
                    {to.key === from.key ? (
                      '—'
                    ) : (
                      <input
                        type="checkbox"
                        checked={list === undefined || list.includes(to.key)}
                        disabled={list === undefined}
                        data-testid="bt-transition"
                        data-from={from.key}
                        data-to={to.key}
                        onChange={(e) => setAllowed(from.key, to.key, e.target.checked)}
                      />
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
