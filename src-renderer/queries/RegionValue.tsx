import { useTranslation } from 'react-i18next';
import type { RegionNode } from '../../src-shared/domain/region';
import type { ConditionNode } from '../../src-shared/query/query-tree';
import { useRegionTree } from '../card/region-tree';
import { OptionChips } from './OptionChips';

export type RegionKey = 'province' | 'city';

interface Props {
  node: ConditionNode;
  regionKey: RegionKey;
  onChange(node: ConditionNode): void;
}

/** The names to pick from: provinces, or each province's cities under its name. */
function choices(tree: readonly RegionNode[], key: RegionKey): { group: string | null; names: string[] }[] {
  if (key === 'province') return [{ group: null, names: tree.map((p) => p.name) }];
  return tree.map((p) => ({ group: p.name, names: (p.children ?? []).map((c) => c.name) }));
}

function Options({ groups }: { groups: { group: string | null; names: string[] }[] }) {
  return (
    <>
      {groups.map((g) => {
        const options = g.names.map((n) => (
          <option key={`${g.group ?? ''}:${n}`} value={n}>
            {n}
          </option>
        ));
        return g.group === null ? (
          options
        ) : (
          <optgroup key={g.group} label={g.group}>
            {options}
          </optgroup>
        );
      })}
    </>
  );
}

/**
 * 省份 / 城市 of a customer condition picked from the division list (the card's `regions.tree`),
 * so a query names what the services store. A value outside the list — a saved query's 广东, or
 * 华南 imported as written — stays shown and selected; main still compares it with its
 * division-list name, so it finds the same customers as before.
 */
export function RegionValue({ node, regionKey, onChange }: Props) {
  const { t } = useTranslation();
  const tree = useRegionTree();
  const groups = tree ? choices(tree, regionKey) : [];
  const listed = new Set(groups.flatMap((g) => g.names));
  const unlisted = (v: string) => t('card.regionUnlisted', { value: v });

  if (node.operator === 'in' || node.operator === 'notIn') {
    const selected = (node.values ?? []).map(String);
    const setValues = (values: string[]) => {
      const { values: _old, ...rest } = node;
      onChange(values.length === 0 ? rest : { ...rest, values });
    };
    // Provinces are few enough to show as chips; cities are added from a list and shown as chips.
    const chips =
      regionKey === 'province'
        ? [
            ...selected.filter((v) => !listed.has(v)).map((v) => ({ value: v, label: unlisted(v) })),
            ...groups.flatMap((g) => g.names.map((n) => ({ value: n, label: n }))),
          ]
        : selected.map((v) => ({ value: v, label: listed.has(v) || tree === null ? v : unlisted(v) }));
    return (
      <span className="qb-value" data-testid="qb-region-values" data-region={regionKey}>
        <OptionChips options={chips} selected={selected} onChange={(vs) => setValues(vs.map(String))} />
        {regionKey === 'city' ? (
          <select
            className="qb-select"
            data-testid="qb-region-add"
            value=""
            disabled={tree === null}
            onChange={(e) => {
              if (e.target.value && !selected.includes(e.target.value)) setValues([...selected, e.target.value]);
            }}
          >
            <option value="">{t('qb.regionAdd')}</option>
            <Options groups={groups} />
          </select>
        ) : null}
      </span>
    );
  }

  const value = typeof node.value === 'string' ? node.value : '';
  return (
    <select
      className="qb-select"
      data-testid="qb-value"
      data-region={regionKey}
      value={value}
      disabled={tree === null && value === ''}
      onChange={(e) => {
        const { value: _old, ...rest } = node;
        onChange(e.target.value === '' ? rest : { ...rest, value: e.target.value });
      }}
    >
      <option value="">{t('qb.choose')}</option>
      {value !== '' && !listed.has(value) ? <option value={value}>{unlisted(value)}</option> : null}
      <Options groups={groups} />
    </select>
  );
}
