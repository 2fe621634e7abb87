// What adapters' tests may import besides sdk.ts: helpers to edit fixtures and catch
// rejections. A barrel apart, so that production code never pulls test helpers.
export { setPath, getPath, asJson, asJsonList } from './testing/paths.js';
export { readJson, jsonInput, jsonInputs, answeredBodies, replaceOnce, chunksOf, collect, joinChunks, edited, expectText } from './testing/fixtures.js';
export { thrown } from './testing/thrown.js';
export { xmlValues, csvValues, xlsxValues } from './testing/written-values.js';
export { WITHHOLDINGS, AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, withheld, valuesAt, stringsOf, withheldStrings, shownIn, expectRefusedForGood, describeWithheld, describeRequiredParts, type Withholding, type RequiredPartsOptions, type WithheldOutcome } from './testing/withheld.js';
export { describeConformance, type ConformanceOptions } from './conformance.js';
export { describeTransportConformance, wholePoll, type TransportConformanceOptions, type TransportSample } from './conformance/transport.js';
export { parseRequests, readRequests, type ExpectedRequest } from './conformance/requests.js';
export { describeWebhookConformance } from './conformance/webhook.js';
export { sampleContext, type SampleContext } from './testing/samples.js';
export { writerSample, type WriterSample, type WriterSampleOptions } from './testing/writer-sample.js';
export { expectRejected, expectAllRejected, recordsOf, type ExpectedRejection, type ExpectedRejections } from './testing/rejections.js';
export { snapshotOf, expectStableChanges, polledChanges, asForeign, type Snapshot, type PolledChanges } from './testing/changes.js';
export { expectMatchesOnly } from './testing/receipts.js';
export { mockedNetwork, type MockedNetworkOptions } from './testing/network.js';
export { deliveryRequest, type DeliveryParties } from './testing/deliveries.js';
export { dropPass, inputsRead, tempFolder, type DropRead, type TempFolder } from './testing/drop-folder.js';
export { invalidInputRules, itEachRule, type InvalidInputRule } from './testing/invalid-input.js';
export { expectSettingsRefused, type InstitutionSettings } from './testing/settings.js';
