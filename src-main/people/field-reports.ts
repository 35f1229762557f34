import { maskValue } from '../../src-shared/domain/field-mask';
import type { FieldAccess } from '../../src-shared/domain/permissions';
import { checkDefinition, refuseRead } from './field-guard';
import type { FieldView } from './field-view';

// Reports under per-field rules (issue 19). Reports add up the sales facts, so most of their
// figures are no customer's field; where one is, the caller's field view applies as it does to
// lists and queries:
//   - a breakdown or filter by a customer field (time series by class / province / store, the
//     relationship levels, the managers' customers by 负责人, any report's 门店 filter) is a
//     grouping or condition on that field: refused when it is hidden or masked (as lists.group);
//   - drills are refused on the same fields, and any drill's answer (a customer query) must be a
//     query the caller may run (field-guard.ts checkDefinition), so it never names a hidden value;
//   - rows that are customers (the dormant list) show their name and 负责人 as the caller's rules
//     say; averages over a business type's custom field the caller may not see are left out.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const seen = (access: FieldAccess) => access === 'editable' || access === 'readOnly';

const BY_FIELD: Record<string, string> = { class: 'customerClass', province: 'province', store: 'storeCode' };

function needsField(view: FieldView, field: string): void {
  const access = view.builtIn('customer', field);
  if (!seen(access)) refuseRead(field, access);
}

/** The custom fields (`custom:cf_…` metrics) anywhere in a scheme definition. */
function customMetrics(definition: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 12) return out;
  if (typeof definition === 'string') {
    const m = /^custom:(cf_[a-z0-9]{6,16})$/.exec(definition);
    if (m) out.push(m[1] as string);
  } else if (Array.isArray(definition)) for (const v of definition) customMetrics(v, out, depth + 1);
  else if (isObj(definition)) for (const v of Object.values(definition)) customMetrics(v, out, depth + 1);
  return out;
}

/** A reports.run input as sent ({ request }): the customer fields it breaks down or filters by. */
export function checkReportRequest(view: FieldView, request: unknown): void {
  if (!view.restricted || !isObj(request)) return;
  if (request.store !== undefined && request.store !== null) needsField(view, 'storeCode');
  switch (request.kind) {
    case 'timeSeries':
      if (typeof request.by === 'string' && BY_FIELD[request.by]) needsField(view, BY_FIELD[request.by] as string);
      return;
    case 'relationship':
      return needsField(view, 'relationshipLevel');
    case 'managers':
      return needsField(view, 'ownerId');
    // A preview or an applied scheme buckets customers by its metrics: a custom field among them
    // is a condition on that field (bisecting a threshold would find one customer's value).
    case 'schemePreview':
    case 'schemeApply':
      for (const column of customMetrics(request.definition)) {
        const access = view.column(column, 'customer');
        if (!seen(access)) refuseRead(column, access);
      }
      return;
    case 'drill': {
      const target = isObj(request.target) ? request.target : {};
      // The customers of one class (or one move between classes) are a condition on 客户分类.
      if (target.of === 'snapshotClass' || target.of === 'transition' || target.of === 'transitionMove') needsField(view, 'customerClass');
      if (target.of === 'relationship') needsField(view, 'relationshipLevel');
      if (target.of === 'owner') needsField(view, 'ownerId');
      if (target.of === 'month' && typeof target.by === 'string' && BY_FIELD[target.by]) needsField(view, BY_FIELD[target.by] as string);
      return;
    }
    default:
      return;
  }
}

/** A finished report's result as the caller may see it (already checked against its kind's schema). */
export function presentReport(view: FieldView, kind: string, result: unknown): unknown {
  if (!view.restricted || !isObj(result)) return result;
  switch (kind) {
    case 'dormant': {
      const name = view.builtIn('customer', 'name');
      const owner = view.builtIn('customer', 'ownerId');
      const list: unknown[] = Array.isArray(result.list) ? result.list : [];
      return {
        ...result,
        list: list.map((row) => {
          if (!isObj(row)) return row;
          const shownName = name === 'hidden' ? '***' : name === 'masked' ? maskValue(row.name) : row.name;
          return { ...row, name: shownName, owner: seen(owner) ? row.owner : null };
        }),
      };
    }
    case 'business': {
      const averages: unknown[] = Array.isArray(result.averages) ? result.averages : [];
      return {
        ...result,
        averages: averages.filter((a) => !isObj(a) || typeof a.column !== 'string' || seen(view.column(a.column, 'record'))),
      };
    }
    case 'drill':
      // A drill answers with a customer query: one the caller may not run is refused whole.
      checkDefinition(view, result.definition);
      return result;
    default:
      return result;
  }
}
