import type { CaseRecord } from '../contract/types.js';
import { InputError, PasserelleError, UpstreamError } from '../errors.js';
import type { Services } from './services.js';

/**
 * Reads a case from its source for a caller waiting on the answer (routing by the
 * person's municipality, a preview). What the source says about the caller's request
 * (no such case, a record that breaks the contract) is the caller's 422; a source that
 * does not answer is a 503 to try again, never a 502 or a 500.
 */
export async function readForCaller(
  services: Services,
  sourceInstitutionId: string,
  ref: { localCaseId: string; localPersonId: string; nativeId?: string },
): Promise<CaseRecord> {
  const { connection, institution } = services.connections.endpoint(sourceInstitutionId);
  const nativeId = ref.nativeId ?? (await services.store.caseRef(institution.system, institution.id, ref.localCaseId)) ?? undefined;
  try {
    const { record } = await connection.read({ localCaseId: ref.localCaseId, localPersonId: ref.localPersonId, ...(nativeId ? { nativeId } : {}) });
    return record;
  } catch (error) {
    if (error instanceof PasserelleError && !error.retryable) {
      throw new InputError(error.code, `the case could not be read from the source: ${error.message}`, { field: 'case.localCaseId' }, 422);
    }
    throw new UpstreamError('source.unavailable', 'the source system did not answer; try again later', { retryable: true, cause: error });
  }
}
