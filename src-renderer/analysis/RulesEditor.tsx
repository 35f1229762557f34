import { useTranslation } from 'react-i18next';
import { METRICS, type SchemeDefinition } from '../../src-shared/analysis/scheme';
import { useCustomFields } from '../card/use-meta';
import { MONEY_METRICS } from './scheme-draft';

type Rules = Extract<SchemeDefinition['method'], { kind: 'rules' }>;
type Rule = Rules['rules'][number];
type Condition = Rule['all'][number];
const OPS = ['gte', 'gt', 'lte', 'lt', 'eq'] as const;
const NUMERIC = new Set(['integer', 'decimal', 'money', 'percent']);

interface Props {
  definition: SchemeDefinition;
  method: Rules;
  onChange(method: Rules): void;
}

/** Rules over metrics: each rule names a class and the conditions that must all hold; first match wins. */
export function RulesEditor({ definition, method, onChange }: Props) {
  const { t } = useTranslation();
  const fields = (useCustomFields('customer').data ?? []).filter((f) => NUMERIC.has(f.type));
  const moneyCustom = new Set(fields.filter((f) => f.type === 'money').map((f) => `custom:${f.columnName}`));
  const isMoney = (m: string) => MONEY_METRICS.has(m) || moneyCustom.has(m);
  const setRule = (i: number, rule: Rule | null) =>
    onChange({ ...method, rules: rule ? method.rules.map((r, j) => (j === i ? rule : r)) : method.rules.filter((_, j) => j !== i) });
  const setCond = (rule: Rule, ri: number, ci: number, c: Condition | null) =>
    setRule(ri, { ...rule, all: c ? rule.all.map((x, j) => (j === ci ? c : x)) : rule.all.filter((_, j) => j !== ci) });
  return (
    <div className="scheme-method" data-testid="scheme-rules">
      <p className="muted small">{t('classification.rulesHint')}</p>
      {method.rules.map((rule, ri) => (
        <div key={ri} className="scheme-rule" data-testid="scheme-rule" data-index={ri}>
          <div className="scheme-rule-head">
            <span className="strong">
              {t('classification.rule')} {ri + 1}
            </span>
            <span>{t('classification.thenClass')}</span>
            <select value={rule.classKey} data-testid="scheme-rule-class" onChange={(e) => setRule(ri, { ...rule, classKey: e.target.value })}>
              {definition.classes.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.key} · {c.label}
                </option>
              ))}
            </select>
            <span className="muted">{t('classification.when')}</span>
            <span className="toolbar-spacer" />
            <button type="button" className="icon" data-testid="scheme-rule-remove" onClick={() => setRule(ri, null)}>
              ✕
            </button>
          </div>
          {rule.all.map((c, ci) => (
            <div key={ci} className="scheme-condition" data-testid="scheme-condition">
              <select
                value={c.metric}
                data-testid="scheme-condition-metric"
                onChange={(e) => setCond(rule, ri, ci, { ...c, metric: e.target.value })}
              >
                {METRICS.map((m) => (
                  <option key={m} value={m}>
                    {t(`classification.metrics.${m}`)}
                  </option>
                ))}
                {fields.map((f) => (
                  <option key={f.columnName} value={`custom:${f.columnName}`}>
                    {f.label}
                  </option>
                ))}
              </select>
              <select
                value={c.op}
                data-testid="scheme-condition-op"
                onChange={(e) => setCond(rule, ri, ci, { ...c, op: OPS.find((o) => o === e.target.value) ?? 'gte' })}
              >
                {OPS.map((o) => (
                  <option key={o} value={o}>
                    {t(`classification.ops.${o}`)}
                  </option>
                ))}
              </select>
              <input
                type="number"
                value={isMoney(c.metric) ? c.value / 100 : c.value}
                data-testid="scheme-condition-value"
                onChange={(e) => {
                  const n = Number(e.target.value);
                  setCond(rule, ri, ci, { ...c, value: Number.isFinite(n) ? (isMoney(c.metric) ? Math.round(n * 100) : n) : 0 });
                }}
              />
              <button
                type="button"
                className="icon"
                data-testid="scheme-condition-remove"
                disabled={rule.all.length <= 1}
                onClick={() => setCond(rule, ri, ci, null)}
              >
                ✕
              </button>
            </div>
          ))}
          <button
            type="button"
            className="link"
            data-testid="scheme-condition-add"
            disabled={rule.all.length >= 10}
            onClick={() => setRule(ri, { ...rule, all: [...rule.all, { metric: 'orders', op: 'gte', value: 1 }] })}
          >
            + {t('classification.addCondition')}
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="scheme-rule-add"
        disabled={method.rules.length >= 10}
        onClick={() =>
          onChange({
            ...method,
            rules: [...method.rules, { classKey: definition.classes[0]?.key ?? 'A', all: [{ metric: 'revenue', op: 'gte', value: 0 }] }],
          })
        }
      >
        {t('classification.addRule')}
      </button>
    </div>
  );
}
