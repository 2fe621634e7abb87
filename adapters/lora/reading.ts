import { booleanAt, codeAt, idAt, JSON_TREE, loadFieldNames, numberAt, Reading, stringAt, textAt, zemis, type JsonObject } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { integerText } from './read-person.js';
import { avsAt, countryAt, dateAt, documentRefAt, hashAt, integerAt, iscoAt, languageAt, legacyDateAt, mediaTypeAt, serviceAt, timestampAt, type PersonEnv } from './values.js';

/** Lora's names of the contract's fields (fields.yaml). */
export const NAMES = loadFieldNames(new URL('./fields.yaml', import.meta.url));

/** How Lora writes its values (FORMAT "Encoding and quirks"), for the SDK's contract readers. */
export function readingOf(env: PersonEnv): Reading<JsonObject> {
  return new Reading(JSON_TREE, {
    ...{ id: idAt, string: stringAt, text: textAt, date: dateAt, legacyDate: legacyDateAt, timestamp: timestampAt, integer: integerAt, number: numberAt, boolean: booleanAt },
    ...{ code: codeAt, country: countryAt, language: languageAt, isco: iscoAt, mediaType: mediaTypeAt, sha256: hashAt, ahv: avsAt, bfsText: integerText },
    // `pré-A1` comes escaped or decomposed: read in NFC.
    nfcCode: (v, w) => codeAt(v, w)?.normalize('NFC'),
    institution: (v, w) => serviceAt(env.orgs, v, w),
    provider: idAt,
    documentRef: (v, w) => documentRefAt(env, v, w),
    zemis: (v, w) => zemis(stringAt(v, w), w),
  }, codes);
}
