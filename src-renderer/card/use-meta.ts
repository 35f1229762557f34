import { useCallback } from 'react';
import type { CustomFieldEntity } from '../../src-shared/domain/custom-fields';
import type { LayoutEntity } from '../../src-shared/domain/card-layout';
import { api } from '../api/client';
import { getCustomerLayout } from '../business/type-layout';
import { useMetaVersion } from './meta-version';
import { useAsync } from './use-async';

/** Live custom fields of an entity (or of one business type), with their value counts. */
export function useCustomFields(entity: CustomFieldEntity, businessTypeId?: string | null, includeDeleted = false) {
  const version = useMetaVersion((s) => s.meta);
  const load = useCallback(
    () => api.fields.list({ entity, ...(businessTypeId ? { businessTypeId } : {}), ...(includeDeleted ? { includeDeleted } : {}) }),
    [entity, businessTypeId, includeDeleted],
  );
  return useAsync(load, version);
}

export function useLayout(entity: LayoutEntity) {
  const version = useMetaVersion((s) => s.meta);
  const load = useCallback(() => (entity === 'customer' ? getCustomerLayout() : api.layouts.get({ entity })), [entity]);
  return useAsync(load, version);
}

export function useBusinessTypes() {
  const version = useMetaVersion((s) => s.meta);
  const load = useCallback(() => api.businessTypes.list({}), []);
  return useAsync(load, version);
}

export function useExpenseCategories() {
  const version = useMetaVersion((s) => s.meta);
  const load = useCallback(() => api.expenseCategories.list({}), []);
  return useAsync(load, version);
}

export function useProducts() {
  const version = useMetaVersion((s) => s.sales);
  const load = useCallback(() => api.products.list({}), []);
  return useAsync(load, version);
}
