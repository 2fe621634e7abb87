import type { CaseRecord } from '../../contract/types.js';
import type { DeliveryRequest } from '../port.js';

/** Who a test delivery goes from and to, under which transfer id. */
export interface DeliveryParties {
  transferId: string;
  /** `senderInstitutionId`. */
  sender: string;
  /** `targetInstitutionId`, also the decision's recipient. */
  target: string;
}

/**
 * A delivery as the core hands it to a transport, for a case transfer of `record`: the
 * seal and the decision stand-ins (a transport passes them on, never reads them).
 */
export function deliveryRequest(record: CaseRecord, parties: DeliveryParties): DeliveryRequest {
  return {
    transferId: parties.transferId,
    senderInstitutionId: parties.sender,
    targetInstitutionId: parties.target,
    purpose: 'case-transfer',
    record,
    sealed: 'x.y.z',
    decision: { recipient: parties.target, purpose: 'case-transfer', evaluatedAt: 'x', policyVersion: 'v', rejected: false, obligations: [], disclosed: [], withheld: [] },
  };
}
