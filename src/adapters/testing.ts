// What adapters' tests may import besides sdk.ts: helpers to edit fixtures and catch
// rejections. A barrel apart, so that production code never pulls test helpers.
export { setPath, getPath } from './testing/paths.js';
export { readJson, jsonInput, replaceOnce, chunksOf } from './testing/fixtures.js';
export { thrown } from './testing/thrown.js';
export { describeConformance, type ConformanceOptions } from './conformance.js';
export { describeTransportConformance, type TransportConformanceOptions, type TransportSample } from './conformance/transport.js';
export { parseRequests, readRequests, type ExpectedRequest } from './conformance/requests.js';
export { describeWebhookConformance } from './conformance/webhook.js';
