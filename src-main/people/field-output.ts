import { maskValue } from '../../src-shared/domain/field-mask';
import type { FieldView, RowEntity } from './field-view';

// Where rows leave main through the router: each method's output passes the caller's field view.
// Customer and contact rows go through FieldView.row (built-in and custom fields), change-log
// entries through FieldView.entry; then, for every output of every method, a last pass drops or
// masks any custom value (cf_… key) the caller may not see wherever it sits — orders', records'
// and any future output's included. Without field rules this is the identity.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isList = (v: unknown): v is unknown[] => Array.isArray(v);
const rows = (list: unknown, entity: RowEntity, view: FieldView): unknown =>
  isList(list) ? list.map((r) => (isObj(r) ? view.row(entity, r) : r)) : list;
const entries = (list: unknown, view: FieldView): unknown =>
  isList(list) ? list.map((e) => (isObj(e) ? view.entry(e as Parameters<FieldView['entry']>[0]) : e)).filter((e) => e !== null) : list;

function byMethod(view: FieldView, method: string, input: Obj, value: unknown): unknown {
  if (!isObj(value) && !Array.isArray(value)) return value;
  const v = value as Obj;
  switch (method) {
    case 'customers.list':
      return { ...v, rows: rows(v.rows, 'customer', view) };
    case 'customers.get':
      return { ...v, customer: isObj(v.customer) ? view.row('customer', v.customer) : v.customer, contacts: rows(v.contacts, 'contact', view) };
    case 'customers.undo': {
      const card = v.card;
      if (!isObj(card)) return value;
      return { ...v, card: byMethod(view, 'customers.get', input, card) };
    }
    case 'customers.create':
    case 'customers.update':
      return view.row('customer', v);
    case 'contacts.create':
    case 'contacts.update':
      return view.row('contact', v);
    case 'customers.search': {
      const hideContact = view.builtIn('contact', 'name') === 'hidden';
      return {
        ...v,
        hits: isList(v.hits)
          ? v.hits.map((h) => {
              if (!isObj(h)) return h;
              const shown = view.row('customer', h);
              return hideContact ? { ...shown, matchedContact: null } : shown;
            })
          : v.hits,
      };
    }
    case 'queries.run':
      return { ...v, customers: rows(v.customers, 'customer', view), contacts: rows(v.contacts, 'contact', view) };
    case 'customers.history':
      return entries(value, view);
    case 'conflicts.list':
      return isList(value) ? value.map((c) => (isObj(c) ? conflict(view, c) : c)).filter((c) => c !== null) : value;
    case 'customers.historyView':
      return { ...v, entries: entries(v.entries, view) };
    case 'fields.history': {
      // A custom field's dated values: none for a hidden field, masked for a masked one.
      const access = view.custom(String(input.fieldId));
      if (access === 'hidden') return [];
      if (access === 'masked' && isList(value)) return value.map((p) => (isObj(p) ? { ...p, value: maskValue(p.value) } : p));
      return value;
    }
    case 'fields.list':
      return isList(value) ? value.filter((f) => !(isObj(f) && typeof f.id === 'string' && view.custom(f.id) === 'hidden')) : value;
    case 'queries.fields': {
      const keep = (entity: 'customer' | 'contact' | 'order' | 'record', list: unknown) =>
        isList(list) ? list.filter((f) => !(isObj(f) && typeof f.key === 'string' && view.keyAccess(entity, f.key) === 'hidden')) : list;
      const relations = isList(v.relations)
        ? v.relations.map((r) => {
            if (!isObj(r)) return r;
            const entity = r.entity === 'contact' ? 'contact' : r.entity === 'order' ? 'order' : 'record';
            return { ...r, fields: keep(entity, r.fields) };
          })
        : v.relations;
      return { ...v, customer: keep('customer', v.customer), contact: keep('contact', v.contact), relations };
    }
    default:
      return value;
  }
}

/**
 * A sync conflict (the conflict inbox): its two values are a change-log entry's old and new
 * values, so they follow FieldView.entry — left out when the field is hidden (as in the history),
 * masked when masked; the customer's name as the caller sees names.
 */
function conflict(view: FieldView, c: Obj): Obj | null {
  const kept = isObj(c.kept) ? c.kept : {};
  const lost = isObj(c.lost) ? c.lost : {};
  const field = typeof c.field === 'string' ? c.field : null;
  const shown = view.entry({ entity: String(c.entity), field, oldValue: kept.value, newValue: lost.value });
  if (!shown) return null;
  const nameAccess = view.builtIn('customer', 'name');
  const customerName =
    c.customerName === null || nameAccess === 'editable' || nameAccess === 'readOnly'
      ? c.customerName
      : nameAccess === 'hidden'
        ? '***'
        : maskValue(c.customerName);
  return { ...c, customerName, kept: { ...kept, value: shown.oldValue }, lost: { ...lost, value: shown.newValue } };
}

/** Hidden custom values are dropped and masked ones masked, by key, anywhere in a value. */
function scrubCustom(view: FieldView, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => scrubCustom(view, v));
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [key, v] of Object.entries(value)) {
    if (view.isCustomColumn(key)) {
      const access = view.column(key);
      if (access === 'hidden') continue;
      // A custom value is a scalar or a list; an object under a column's key describes the field (a label).
      if (access === 'masked' && !isObj(v)) {
        out[key] = maskValue(v);
        continue;
      }
    }
    out[key] = scrubCustom(view, v);
  }
  return out;
}

/** One method's output as the caller may see it. */
export function presentOutput(view: FieldView, method: string, input: unknown, value: unknown): unknown {
  if (!view.restricted) return value;
  return scrubCustom(view, byMethod(view, method, isObj(input) ? input : {}, value));
}
