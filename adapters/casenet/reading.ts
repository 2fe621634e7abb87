import { ahv13, booleanAt, codeAt, JSON_TREE, loadFieldNames, numberAt, Reading, stringAt, textAt, zemis, type JsonObject } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { countryAt, dateAt, documentRefAt, institutionAt, integerAt, iscoAt, languageAt, mediaTypeAt, sha256At, timestampAt, type CaseEnv } from './values.js';

/** CaseNet's names of the contract's fields (fields.yaml). */
export const NAMES = loadFieldNames(new URL('./fields.yaml', import.meta.url));

/** How CaseNet writes its values (FORMAT "Encoding and quirks"), for the SDK's contract readers. */
export function readingOf(env: CaseEnv): Reading<JsonObject> {
  return new Reading(JSON_TREE, {
    ...{ id: stringAt, text: textAt, date: dateAt, timestamp: timestampAt, integer: integerAt, number: numberAt, boolean: booleanAt, code: codeAt },
    ...{ country: countryAt, language: languageAt, isco: iscoAt, mediaType: mediaTypeAt, sha256: sha256At },
    institution: (v, w) => institutionAt(env.orgs, v, w),
    // FORMAT "Sample configuration": a provider's id is passed through.
    provider: stringAt,
    documentRef: (v, w) => documentRefAt(env, v, w),
    ahv: (v, w) => ahv13(stringAt(v, w), w),
    zemis: (v, w) => zemis(stringAt(v, w), w),
  }, codes);
}
