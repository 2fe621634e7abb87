import { ahv13, booleanAt, codeAt, JSON_TREE, loadFieldNames, numberAt, Reading, stringAt, textAt, zemis, type JsonObject } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { checksumAt, countryAt, dateAt, fideLevelAt, integerAt, iscoAt, languageAt, mediaTypeAt, organisationAt, timestampAt, type DossierEnv } from './values.js';

/** DuFF's names of the contract's fields (fields.yaml). */
export const NAMES = loadFieldNames(new URL('./fields.yaml', import.meta.url));

/** How DuFF writes its values (FORMAT "Encoding and quirks"), for the SDK's contract readers. */
export function readingOf(env: DossierEnv): Reading<JsonObject> {
  const organisation = (v: unknown, w: Parameters<typeof organisationAt>[2]) => organisationAt(env.orgs, v, w);
  return new Reading(JSON_TREE, {
    ...{ id: stringAt, text: textAt, date: dateAt, timestamp: timestampAt, integer: integerAt, number: numberAt, boolean: booleanAt, code: codeAt },
    ...{ country: countryAt, language: languageAt, isco: iscoAt, mediaType: mediaTypeAt, sha256: checksumAt, fideLevel: fideLevelAt },
    // Organisations and providers alike through the map (FORMAT "Sample configuration").
    institution: organisation,
    provider: organisation,
    documentRef: stringAt,
    // Quirk 3: dots and blanks go, the digits stay.
    ahv: (v, w) => ahv13(stringAt(v, w), w),
    zemis: (v, w) => zemis(stringAt(v, w), w),
  }, codes);
}
