import type { IpcError } from '../../../src-shared/errors';

/**
 * The error without the field errors that only repeat what it already says: Deel often sends
 * its message both as the error and as a field error (`data.profile_id: ... EOR workers only`),
 * which the note would otherwise show twice. A field error that adds something is kept.
 */
export function withoutRepeatedFieldErrors(error: IpcError): IpcError {
  const said = [error.message, error.deelMessage ?? ''].join('\n');
  const fieldErrors = error.fieldErrors?.filter((f) => !said.includes(f.message));
  if (fieldErrors === undefined || fieldErrors.length === error.fieldErrors?.length) return error;
  const rest = { ...error };
  delete rest.fieldErrors;
  return fieldErrors.length > 0 ? { ...rest, fieldErrors } : rest;
}
