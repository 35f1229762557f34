import type { z } from 'zod';
import { KecardError, type FieldErrors } from '../../../src-shared/errors';

/** Parses with a contract schema; failures become one VALIDATION error with a code per field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(result.error);
}

export function validationError(error: z.ZodError): KecardError {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    // `values.name` and `patch.name` are both the form's `name` field.
    const path = issue.path.filter((p) => typeof p === 'string');
    if (path.length > 1 && (path[0] === 'values' || path[0] === 'patch')) path.shift();
    const key = path.join('.') || '_';
    if (fields[key]) continue;
    fields[key] = issue.code === 'unrecognized_keys' ? 'unknownField' : knownCode(issue.message);
  }
  return new KecardError('VALIDATION', 'Some fields are not valid.', { fields });
}

const CODES = new Set(['required', 'tooLong', 'tooMany', 'phone', 'email', 'url', 'date', 'range', 'invalid', 'duplicateCode', 'dateRange']);
function knownCode(message: string): string {
  return CODES.has(message) ? message : 'invalid';
}
