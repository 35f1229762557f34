import { useTranslation } from 'react-i18next';
import type { RegionNode } from '../../src-shared/domain/region';
import type { Draft } from './customer-draft';
import { regionNamed, useRegionTree } from './region-tree';

export type RegionFieldName = 'province' | 'city' | 'district';

interface RegionSelectProps {
  name: RegionFieldName;
  draft: Draft;
  invalid: boolean;
  setField<K extends keyof Draft>(field: K, value: Draft[K]): void;
}

/**
 * 省 / 市 / 区 picked from the division list, each level offering the divisions of the one
 * above, so what is stored is a name the whole list agrees on. A value the list does not hold
 * (typed before, or imported as written) stays shown and selected until the user picks another;
 * the empty choice clears the field. Picking a province or city clears the levels below it that
 * no longer belong.
 */
export function RegionSelect({ name, draft, invalid, setField }: RegionSelectProps) {
  const { t } = useTranslation();
  const tree = useRegionTree();
  const province = regionNamed(tree ?? undefined, draft.province);
  const city = regionNamed(province?.children, draft.city);
  const options: readonly RegionNode[] = name === 'province' ? (tree ?? []) : name === 'city' ? (province?.children ?? []) : (city?.children ?? []);
  const value = draft[name];
  const listed = options.some((o) => o.name === value);

  const pick = (next: string) => {
    setField(name, next);
    if (name === 'province') {
      const p = regionNamed(tree ?? undefined, next);
      const keepCity = regionNamed(p?.children, draft.city);
      if (!keepCity) {
        // 直辖市 and 港澳 have one city, named like the province: choose it for the user.
        const only = p?.children?.length === 1 ? (p.children[0]?.name ?? '') : '';
        setField('city', only);
        setField('district', '');
      }
    }
    if (name === 'city') {
      const c = regionNamed(province?.children, next);
      if (!regionNamed(c?.children, draft.district)) setField('district', '');
    }
  };

  return (
    <select
      value={value}
      data-testid={`field-${name}`}
      data-listed={listed || value === '' ? 'yes' : 'no'}
      aria-invalid={invalid}
      disabled={tree === null || (options.length === 0 && value === '')}
      onChange={(e) => pick(e.target.value)}
    >
      <option value="">{t('common.none')}</option>
      {!listed && value !== '' ? <option value={value}>{t('card.regionUnlisted', { value })}</option> : null}
      {options.map((o) => (
        <option key={o.code ?? o.name} value={o.name}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
