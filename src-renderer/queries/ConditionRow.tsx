import { useTranslation } from 'react-i18next';
import type { ConditionNode } from '../../src-shared/query/query-tree';
import { problemAt, problemText, type Scope } from './builder-context';
import { applyChoice, choiceOf, choiceText, fieldText, freshCondition, operatorChoices } from './field-meta';
import { useQuery } from './query-store';
import { pathKey, type Path } from './tree-ops';
import { ValueEditor } from './ValueEditor';

/** One condition: field, operator, value, remove; a broken one says what is wrong. */
export function ConditionRow({ node, path, scope }: { node: ConditionNode; path: Path; scope: Scope }) {
  const { t } = useTranslation();
  const replace = useQuery((s) => s.replace);
  const key = pathKey(path);
  const problem = useQuery((s) => problemAt(s.problems, key));
  const field = scope.fields.find((f) => f.key === node.field);
  const label = fieldText(t, scope.scope, field, node.field);
  const set = (next: ConditionNode) => replace(path, next);
  // Classes of classification snapshots (one field per scheme and period) are listed apart.
  const plain = scope.fields.filter((f) => !f.snapshot);
  const snapshots = scope.fields.filter((f) => f.snapshot);
  const severity = problem ? (problem.code === 'missingValue' ? 'incomplete' : 'broken') : undefined;

  return (
    <div
      className={`qb-condition${severity ? ` ${severity}` : ''}`}
      data-testid="qb-condition"
      data-path={key}
      data-field={node.field}
      data-problem={problem?.code}
    >
      <select
        className="qb-field"
        data-testid="qb-field"
        value={field ? node.field : ''}
        onChange={(e) => {
          const f = scope.fields.find((x) => x.key === e.target.value);
          if (f) set(freshCondition(f));
        }}
      >
        {!field ? <option value="">{label}</option> : null}
        {plain.map((f) => (
          <option key={f.key} value={f.key}>
            {fieldText(t, scope.scope, f, f.key)}
          </option>
        ))}
        {snapshots.length > 0 ? (
          <optgroup label={t('qb.snapshotGroup')}>
            {snapshots.map((f) => (
              <option key={f.key} value={f.key}>
                {fieldText(t, scope.scope, f, f.key)}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {field ? (
        <>
          <select className="qb-operator" data-testid="qb-operator" value={choiceOf(node)} onChange={(e) => set(applyChoice(node, e.target.value))}>
            {operatorChoices(field).map((c) => (
              <option key={c} value={c}>
                {choiceText(t, c)}
              </option>
            ))}
          </select>
          <ValueEditor node={node} field={field} scope={scope.scope} onChange={set} />
        </>
      ) : null}
      <span className="toolbar-spacer" />
      {problem ? (
        <span className={`qb-problem ${severity ?? ''}`} data-testid="qb-problem" data-code={problem.code}>
          {problemText(t, problem, label)}
        </span>
      ) : null}
      <button
        type="button"
        className="icon qb-remove"
        title={t('qb.remove')}
        data-testid="qb-remove"
        data-path={key}
        onClick={() => replace(path, null)}
      >
        ✕
      </button>
    </div>
  );
}
