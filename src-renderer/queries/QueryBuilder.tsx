import { useTranslation } from 'react-i18next';
import type { Scope } from './builder-context';
import { GroupEditor } from './GroupEditor';
import { useQueriesData } from './queries-data';
import { useQuery } from './query-store';

/** 组合查询: the tree of nested AND/OR groups for the chosen entity. */
export function QueryBuilder() {
  const { t } = useTranslation();
  const catalogue = useQueriesData((s) => s.catalogue);
  const definition = useQuery((s) => s.definition);
  if (!catalogue) return <div className="muted pad">{t('common.loading')}</div>;
  const scope: Scope =
    definition.entity === 'customer'
      ? { scope: 'customer', fields: catalogue.customer, relations: catalogue.relations }
      : { scope: 'contact', fields: catalogue.contact, relations: null };
  return (
    <div className="qb-builder" data-testid="query-builder">
      <GroupEditor group={definition.where} path={[]} scope={scope} />
    </div>
  );
}
