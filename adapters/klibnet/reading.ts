import { countryAlpha2, dmyOrder, loadFieldNames, Reading, sha256HexOf, XML_TREE, xmlValueKit, type At, type XmlElement } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { bool, date, timestamp, type KlibnetSettings } from './native.js';

/** KLIBnet's names of the contract's fields (fields.yaml). */
export const NAMES = loadFieldNames(new URL('./fields.yaml', import.meta.url));

/**
 * How KLIBnet writes its values (FORMAT "Mapping"), for the SDK's contract readers (its
 * lists sorted by the text of their dates, `dmyOrder`).
 */
export function readingOf(settings: KlibnetSettings): Reading<XmlElement> {
  const institution = (v: string | undefined, w: At) => settings.organisations.institution(v, w);
  return new Reading(XML_TREE, xmlValueKit({
    ...{ date, timestamp, boolean: bool, institution },
    sha256: (v, w) => sha256HexOf(v, w),
    present: (v) => v !== undefined,
    country: (v, w) => countryAlpha2(v, w, codes.NO_STATE),
    language: (v, w) => codes.LANGUAGE.value(v, w),
    mediaType: (v, w) => codes.MEDIA_TYPE.value(v, w),
  }), codes, dmyOrder);
}
