import type { TFunction } from 'i18next';
import type { CustomField } from '../../src-shared/domain/custom-fields';
import { COLOR_LABELS, CUSTOMER_CLASSES, CUSTOMER_KINDS, LIFECYCLE_STAGES } from '../../src-shared/domain/enums';
import { problemCodeText, problemWords, rowProblemWords, type SayMessage } from '../../src-shared/i18n/problem-texts';
import { HEADER_SYNONYMS } from '../../src-shared/import/header-synonyms';
import { enumLabel } from '../i18n/labels';
import type { ImportTarget } from './import-types';

/** The fields a column can be mapped to: the target's built-in fields, then its custom fields. */
export function targetFields(target: ImportTarget, customFields: readonly CustomField[]): string[] {
  const builtIn = Object.keys(HEADER_SYNONYMS[target]);
  const custom = customFields.filter((f) => !f.deleted && !f.computed).map((f) => `custom:${f.columnName}`);
  return [...builtIn, ...custom];
}

/** A mapping target's label in the UI language; custom fields by their own label. */
export function importFieldLabel(t: TFunction, target: ImportTarget, field: string, customFields: readonly CustomField[]): string {
  if (field.startsWith('custom:')) {
    const column = field.slice(7);
    return customFields.find((f) => f.columnName === column)?.label ?? column;
  }
  const own = t(`imp.field.${target}.${field}`, { defaultValue: '' });
  if (own) return own;
  if (target !== 'customers' && target !== 'contacts') return field;
  return t(`${target === 'customers' ? 'customer' : 'contact'}.${field}`, { defaultValue: field });
}

export interface OptionChoice {
  value: string;
  label: string;
}

const ENUM_FIELDS: Record<string, { group: string; values: readonly (string | number)[] }> = {
  kind: { group: 'kind', values: CUSTOMER_KINDS },
  customerClass: { group: 'customerClass', values: CUSTOMER_CLASSES },
  lifecycle: { group: 'lifecycle', values: LIFECYCLE_STAGES },
  relationshipLevel: { group: 'relationshipLevel', values: [1, 2, 3, 4] },
  colorLabel: { group: 'colorLabel', values: COLOR_LABELS },
};

/** What an unknown sheet value of `field` may become (besides “leave empty”); `statuses` are a business type's workflow. */
export function optionChoices(
  t: TFunction,
  field: string,
  customFields: readonly CustomField[],
  staff: readonly { id: string; name: string }[],
  statuses: readonly { key: string; label: string }[] = [],
): OptionChoice[] {
  if (field === 'ownerId' || field === 'employeeId') return staff.map((e) => ({ value: e.id, label: e.name }));
  if (field === 'status') return statuses.map((s) => ({ value: s.key, label: s.label }));
  const known = ENUM_FIELDS[field];
  if (known) return known.values.map((v) => ({ value: String(v), label: enumLabel(t, known.group, v) }));
  if (field.startsWith('custom:')) {
    const def = customFields.find((f) => f.columnName === field.slice(7));
    if (def?.type === 'staff') return staff.map((e) => ({ value: e.id, label: e.name }));
    return (def?.options ?? []).map((o) => ({ value: o.value, label: o.label }));
  }
  return [];
}

/** i18next's t as a SayMessage: '' for a missing key, so the shared wording can fall back. */
const say =
  (t: TFunction): SayMessage =>
  (key, vars) =>
    t(key, { ...vars, defaultValue: '' });

/** A problem code in the user's language: import codes first, then the form's field errors. */
export function problemText(t: TFunction, code: string): string {
  return problemCodeText(say(t), code);
}

/** What a problem row carries (main's RowProblem). */
interface ProblemRow {
  row: number;
  field: string;
  code: string;
  value: string;
}

/**
 * A problem in words, as the check step and the error report show it:
 * 第 12 行 · 手机：‘12ab’ 不是手机号. With a value the problem reads as a predicate of it; without
 * one (a required field left empty) as the field's problem.
 */
export function problemSentence(t: TFunction, target: ImportTarget, p: ProblemRow, customFields: readonly CustomField[]): string {
  return rowProblemWords(say(t), importFieldLabel(t, target, p.field, customFields), p);
}

/** The sentence without its row number (worded in src-shared, as the CLI words it). */
export function problemDetail(t: TFunction, target: ImportTarget, p: ProblemRow, customFields: readonly CustomField[]): string {
  return problemWords(say(t), importFieldLabel(t, target, p.field, customFields), p);
}
