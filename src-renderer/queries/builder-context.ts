import type { TFunction } from 'i18next';
import type { QueryFieldDto } from '../../src-shared/contract/query-methods';
import type { FieldCatalogue, FieldScope } from './field-meta';
import type { QueryProblem } from './query-store';

/** The fields a group's conditions may use: the root entity's, or a related list's. */
export interface Scope {
  scope: FieldScope;
  fields: QueryFieldDto[];
  /** Related conditions are offered only at the customer level. */
  relations: FieldCatalogue['relations'] | null;
}

export function problemAt(problems: readonly QueryProblem[], key: string): QueryProblem | undefined {
  return problems.find((p) => p.path === key);
}

export function problemText(t: TFunction, p: QueryProblem, fieldLabel: string): string {
  return t(`qb.problem.${p.code}`, { field: fieldLabel });
}

export function relationText(t: TFunction, relation: { relation: string; label: string | null }): string {
  return relation.label ?? t(`qb.relation.${relation.relation}`, { defaultValue: relation.relation });
}
