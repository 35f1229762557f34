import { useTranslation } from 'react-i18next';
import type { RelatedNode } from '../../src-shared/query/query-tree';
import { problemAt, problemText, relationText } from './builder-context';
import { fieldText, scopeOfRelation, type FieldCatalogue } from './field-meta';
import { GroupEditor } from './GroupEditor';
import { NumberInput } from './NumberInput';
import { useQuery } from './query-store';
import { newGroup, pathKey, type Path } from './tree-ops';

const MODES = ['has', 'hasNo', 'count', 'aggregate'] as const;
const CMPS = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
type Cmp = (typeof CMPS)[number];

interface Props {
  node: RelatedNode;
  path: Path;
  relations: FieldCatalogue['relations'];
}

/** 有/没有/数量/合计 over contacts, orders or a business type's records, with its own sub-conditions. */
export function RelatedEditor({ node, path, relations }: Props) {
  const { t } = useTranslation();
  const replace = useQuery((s) => s.replace);
  const key = pathKey(path);
  const problem = useQuery((s) => problemAt(s.problems, key));
  const relation = relations.find((r) => r.relation === node.relation);
  const scope = scopeOfRelation(node.relation);
  const fields = relation?.fields ?? [];
  const aggFields = fields.filter((f) => f.type === 'number' || f.type === 'date' || f.type === 'datetime');
  const set = (next: RelatedNode) => replace(path, next);

  const setMode = (mode: RelatedNode['mode']) => {
    const { count: _c, aggregate: _a, ...rest } = node;
    if (mode === 'count') set({ ...rest, mode, count: node.count ?? { op: 'gte', value: 1 } });
    else if (mode === 'aggregate') {
      const f = aggFields.find((x) => x.money) ?? aggFields[0];
      set({ ...rest, mode, aggregate: node.aggregate ?? { fn: 'sum', field: f?.key ?? '', op: 'gt', value: 0 } });
    } else set({ ...rest, mode });
  };
  const agg = node.aggregate;
  const aggField = agg ? fields.find((f) => f.key === agg.field) : undefined;
  const aggDate = aggField?.type === 'date' || aggField?.type === 'datetime';

  return (
    <div
      className={`qb-related${problem ? (problem.code === 'missingValue' ? ' incomplete' : ' broken') : ''}`}
      data-testid="qb-related"
      data-path={key}
      data-relation={node.relation}
      data-problem={problem?.code}
    >
      <div className="qb-related-head">
        <select className="qb-mode" data-testid="qb-related-mode" value={node.mode} onChange={(e) => setMode(e.target.value as RelatedNode['mode'])}>
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`qb.relatedMode.${m}`)}
            </option>
          ))}
        </select>
        <select
          className="qb-relation"
          data-testid="qb-relation"
          value={relation ? node.relation : ''}
          onChange={(e) => {
            const { aggregate: _a, ...rest } = node;
            set({ ...rest, relation: e.target.value, where: newGroup(), ...(node.mode === 'aggregate' ? { mode: 'has' as const } : {}) });
          }}
        >
          {!relation ? <option value="">{node.relation}</option> : null}
          {relations.map((r) => (
            <option key={r.relation} value={r.relation}>
              {relationText(t, r)}
            </option>
          ))}
        </select>
        {node.mode === 'count' && node.count ? (
          <>
            <CmpSelect testId="qb-count-op" value={node.count.op} onChange={(op) => set({ ...node, count: { op, value: node.count?.value ?? 0 } })} />
            <NumberInput
              testId="qb-count-value"
              integer
              min={0}
              value={node.count.value}
              onChange={(v) => set({ ...node, count: { op: node.count?.op ?? 'gte', value: Math.max(0, v ?? 0) } })}
            />
          </>
        ) : null}
        {node.mode === 'aggregate' && agg ? (
          <>
            <select
              className="qb-agg-fn"
              data-testid="qb-agg-fn"
              value={agg.fn}
              onChange={(e) => set({ ...node, aggregate: { ...agg, fn: e.target.value as 'sum' | 'max' | 'min' } })}
            >
              {(['sum', 'max', 'min'] as const).map((fn) => (
                <option key={fn} value={fn}>
                  {t(`qb.aggFn.${fn}`)}
                </option>
              ))}
            </select>
            <select
              className="qb-agg-field"
              data-testid="qb-agg-field"
              value={agg.field}
              onChange={(e) => {
                const f = fields.find((x) => x.key === e.target.value);
                const date = f?.type === 'date' || f?.type === 'datetime';
                set({ ...node, aggregate: { ...agg, field: e.target.value, value: date ? '' : 0 } });
              }}
            >
              {aggFields.map((f) => (
                <option key={f.key} value={f.key}>
                  {fieldText(t, scope, f, f.key)}
                </option>
              ))}
            </select>
            <CmpSelect testId="qb-agg-op" value={agg.op} onChange={(op) => set({ ...node, aggregate: { ...agg, op } })} />
            {aggDate ? (
              <input
                type="date"
                data-testid="qb-agg-value"
                value={String(agg.value)}
                onChange={(e) => set({ ...node, aggregate: { ...agg, value: e.target.value } })}
              />
            ) : (
              <>
                <NumberInput
                  testId="qb-agg-value"
                  money={aggField?.money}
                  value={typeof agg.value === 'number' ? agg.value : undefined}
                  onChange={(v) => set({ ...node, aggregate: { ...agg, value: v ?? 0 } })}
                />
                {aggField?.money ? <span className="muted">{t('qb.yuan')}</span> : null}
              </>
            )}
          </>
        ) : null}
        <span className="muted small">{t('qb.relatedWhere')}</span>
        <span className="toolbar-spacer" />
        {problem ? (
          <span className="qb-problem broken" data-testid="qb-problem" data-code={problem.code}>
            {problemText(t, problem, node.relation)}
          </span>
        ) : null}
        <button
          type="button"
          className="icon qb-remove"
          title={t('qb.remove')}
          data-testid="qb-remove-related"
          data-path={key}
          onClick={() => replace(path, null)}
        >
          ✕
        </button>
      </div>
      <GroupEditor
        group={node.where ?? newGroup()}
        path={path}
        scope={{ scope, fields, relations: null }}
        onOp={(op) => set({ ...node, where: { kind: 'group', op, children: node.where?.children ?? [] } })}
      />
    </div>
  );
}

function CmpSelect({ value, onChange, testId }: { value: Cmp; onChange(op: Cmp): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as Cmp)}>
      {CMPS.map((c) => (
        <option key={c} value={c}>
          {t(`qb.cmp.${c}`)}
        </option>
      ))}
    </select>
  );
}
