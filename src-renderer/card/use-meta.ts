import type { CustomFieldEntity } from '../../src-shared/domain/custom-fields';
import type { LayoutEntity } from '../../src-shared/domain/card-layout';
import { api } from '../api/client';
import { META_ENTITIES, useData } from '../api/use-data';
import { getCustomerLayout } from '../business/type-layout';

// Definitions hang together (a business type owns fields, a layout places them): each follows them all.

/** Live custom fields of an entity (or of one business type), with their value counts. */
export function useCustomFields(entity: CustomFieldEntity, businessTypeId?: string | null, includeDeleted = false) {
  return useData(
    () => api.fields.list({ entity, ...(businessTypeId ? { businessTypeId } : {}), ...(includeDeleted ? { includeDeleted } : {}) }),
    [entity, businessTypeId, includeDeleted],
    META_ENTITIES,
  );
}

/** A card layout; main fills in custom fields and business types added since it was saved. */
export function useLayout(entity: LayoutEntity) {
  return useData(() => (entity === 'customer' ? getCustomerLayout() : api.layouts.get({ entity })), [entity], META_ENTITIES);
}

export function useBusinessTypes() {
  return useData(() => api.businessTypes.list({}), [], META_ENTITIES);
}

export function useExpenseCategories() {
  return useData(() => api.expenseCategories.list({}), [], META_ENTITIES);
}

export function useProducts() {
  return useData(() => api.products.list({}), [], ['product']);
}
