// The whole surface an adapter may import: the port, the error tree, time and contract
// helpers. Adapters import from here and from nowhere else in `src/`.
export type * from './port.js';
export type { CaseEvent, CaseRecord, Consent, Decision, SystemId, CantonCode } from '../contract/types.js';
export { MappingError, UpstreamError, InputError, AuthError, ConfigError, PasserelleError } from '../errors.js';
export { zurichDate, zurichTimestamp } from '../time.js';
export { recordIdFor } from '../contract/ids.js';
export { isValidAhv13 } from '../contract/ahv.js';
