import { useTranslation } from 'react-i18next';
import type { SchemeDefinition } from '../../src-shared/analysis/scheme';
import { CLASS_COLORS, resizeCuts } from './scheme-draft';

interface Props {
  definition: SchemeDefinition;
  onChange(def: SchemeDefinition): void;
}

/** The scheme's classes in order (first = best): key, label, colour; 3 to 6 of them. */
export function ClassesEditor({ definition, onChange }: Props) {
  const { t } = useTranslation();
  const classes = definition.classes;
  const setClasses = (next: SchemeDefinition['classes']) => {
    const method =
      definition.method.kind === 'contribution'
        ? { ...definition.method, cuts: resizeCuts(definition.method.cuts, next.length) }
        : { ...definition.method, rules: definition.method.rules.filter((r) => next.some((c) => c.key === r.classKey)) };
    onChange({ ...definition, classes: next, method });
  };
  const patch = (i: number, p: Partial<SchemeDefinition['classes'][number]>) => {
    const before = classes[i];
    const next = classes.map((c, j) => (j === i ? { ...c, ...p } : c));
    // A renamed key carries its rules along.
    if (p.key !== undefined && before && definition.method.kind === 'rules') {
      const rules = definition.method.rules.map((r) => (r.classKey === before.key ? { ...r, classKey: p.key ?? r.classKey } : r));
      onChange({ ...definition, classes: next, method: { ...definition.method, rules } });
    } else onChange({ ...definition, classes: next });
  };
  return (
    <div className="scheme-classes" data-testid="scheme-classes">
      <table className="data-table compact">
        <thead>
          <tr>
            <th>{t('classification.classKey')}</th>
            <th>{t('classification.classLabel')}</th>
            <th>{t('classification.classColor')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {classes.map((c, i) => (
            <tr key={i} data-testid="scheme-class-row" data-index={i}>
              <td>
                <input
                  className="class-key"
                  value={c.key}
                  maxLength={10}
                  data-testid="scheme-class-key"
                  onChange={(e) => patch(i, { key: e.target.value })}
                />
              </td>
              <td>
                <input value={c.label} maxLength={20} data-testid="scheme-class-label" onChange={(e) => patch(i, { label: e.target.value })} />
              </td>
              <td>
                <input
                  type="color"
                  value={c.color ?? CLASS_COLORS[i % CLASS_COLORS.length]}
                  data-testid="scheme-class-color"
                  onChange={(e) => patch(i, { color: e.target.value })}
                />
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  className="icon"
                  title={t('classification.removeClass')}
                  data-testid="scheme-class-remove"
                  disabled={classes.length <= 3}
                  onClick={() => setClasses(classes.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        data-testid="scheme-class-add"
        disabled={classes.length >= 6}
        onClick={() => {
          const key = String.fromCharCode(65 + classes.length);
          setClasses([...classes, { key, label: `${key} 类`, color: CLASS_COLORS[classes.length % CLASS_COLORS.length] }]);
        }}
      >
        {t('classification.addClass')}
      </button>
    </div>
  );
}
