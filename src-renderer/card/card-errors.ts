import type { FieldErrors } from '../../src-shared/errors';
import { ApiCallError } from '../api/client';

/**
 * Field errors keyed as the card's inputs are: `name`, `phones`, and `custom.<column>` for custom
 * fields (main reports `patch.custom.cf_…` or `custom.cf_…`).
 */
export function cardFieldErrors(err: unknown): FieldErrors | null {
  if (!(err instanceof ApiCallError)) return null;
  const fields = err.error.details?.fields;
  if (!fields) return null;
  const out: FieldErrors = {};
  for (const [key, code] of Object.entries(fields)) {
    const parts = key.replace(/^(values|patch|input)\./, '').split('.');
    const name = parts[0] === 'custom' && parts[1] ? `custom.${parts[1]}` : (parts[0] ?? key);
    if (!out[name]) out[name] = code;
  }
  return out;
}
