// The whole surface an adapter may import: the port, the error tree, the contract types
// and the SDK's helpers. Adapters import from here and from nowhere else in `src/`.
export type * from './port.js';
export type * from '../contract/types.js';
export { MappingError, UpstreamError, InputError, AuthError, ConfigError, PasserelleError } from '../errors.js';
export { zurichDate, zurichTimestamp, zurichOffsetMinutes } from '../time.js';
export { isValidAhv13 } from '../contract/ahv.js';
export { checkCaseRecord, checkCaseEvent } from '../contract/validate.js';
export { samplesDir, listSamples, readSampleInputs, readExpected } from './samples.js';
export { defineAdapter, type AdapterParts } from './manifest.js';

// Mapping: native ↔ contract
export { Reject, at, item, sub, down, missing, invalid, required, requiredToWrite, type At } from './mapping/reject.js';
export { mapRecords, rejectionOf, writing, type MapEachOptions } from './mapping/records.js';
export { attempt, unwrap, type Attempt } from './mapping/attempt.js';
export { compact, sortBy, text, list } from './mapping/shape.js';
export { CodeList, codeList, booleanOf, type CodeListDefinition, type Decoded } from './mapping/codes.js';
export { loadCodeLists, contractValues, type CodeTarget, type ContractEnums, type TargetValue } from './mapping/code-lists.js';
export * from './mapping/dates.js';
export { ISO_DATE, DMY_DATE, ZONED_TIMESTAMP, LOCAL_TIMESTAMP, isoDate, zonedTimestamp, localTimestamp } from './mapping/notations.js';
export { ordered, instantKey, sortKey, dmySortKey, SORTING, type Placed, type OrderOptions } from './mapping/order.js';
export { Reading, JSON_TREE, XML_TREE, ROOT, type NativeTree, type FieldNames, type ValueKit, type ValueReader, type Entry, type ListOptions, type ContractCodes, type Range } from './mapping/reading.js';
export { loadFieldNames } from './mapping/field-names.js';
export * from './mapping/contract-parts.js';
export { writeConsents, type ConsentWriting } from './mapping/consents-out.js';
export { parseBody, isObject, objectAt, listAt, stringAt, textAt, codeAt, idAt, booleanAt, numberAt, type JsonObject } from './mapping/json.js';
export { ahv13, zemis, sha256Hex, eventIdFor, recordIdFor, dottedAhv } from './mapping/identifiers.js';
export { integer, decimal, percent, integerText } from './mapping/numbers.js';
export { matching, mediaTypeOf, sha256HexOf, iscoOf, documentRefOf, MEDIA_TYPE } from './mapping/shapes.js';
export { OrganisationMap } from './mapping/organisations.js';
export { richText, toRichText, decodeEntities } from './mapping/html-text.js';
export { countryFromAlpha3, countryToAlpha3, countryAlpha2, languageCode, languageAs } from './mapping/standards.js';

// Synthetic data for generators of large exports
export { seededRandom, syntheticAhv } from './synthetic/random.js';
export { loadVocabulary } from './synthetic/vocabulary.js';

// Settings
export { secretOf } from './settings/secrets.js';
export { settingError, textSetting, mandantSettings, type MandantSettings } from './settings/values.js';
export {
  isEnvRef,
  envRefSetting,
  textOrEnvRefSetting,
  textOrSecret,
  timeoutSetting,
  wholeSetting,
  withSystemCodes,
  httpSettingsSchema,
  type EnvRef,
  type EnvRefOptions,
  type PollSettings,
  type WholeRule,
} from './settings/connection.js';

// Households: one record per member, joined again when written
export { routeToMembers, groupHouseholds, sharedEntries, entriesPerHolder, currentStatus, domainOf, type SharedEntry, type HeldEntry, type HouseholdDomain } from './households/household.js';

// Changes between snapshots
export { diffRecords, sameRecord, type RecordChange } from './changes/diff.js';

// Text, XML and tables
export { decodeText, encodeText, encodingOf, hasUtf8Bom, textDecoderFor, type TextEncodingName, type EncodeOptions } from './text/encoding.js';
export { XmlElement } from './xml/element.js';
export { parseXml, streamXml, declaredEncoding, type XmlReadOptions, type XmlEvent } from './xml/reader.js';
export { el, listElement, writeXml, type XmlOut } from './xml/writer.js';
export { xsdValidator, type XsdError, type XsdResult, type XsdSchema } from './xml/schema.js';
export { xmlValueKit, dmyOrder, type TextReader } from './xml/value-kit.js';
export { childValue, attrValue, childRows, xsDate, xsDateTime, xsBoolean, XS_DATE_TIME } from './xml/values.js';
export { readCsv, streamCsv, writeCsv, misfit, CsvRow, CsvHeader, type CsvTable, type CsvReadOptions, type CsvWriteOptions } from './tabular/csv.js';
export { RowReader, type RowValues } from './tabular/row-reader.js';
export {
  readXlsx,
  writeXlsx,
  newSheet,
  sheetNamed,
  cellAt,
  setCell,
  columnLetter,
  cellText,
  cellId,
  cellDate,
  cellTimestamp,
  cellNumber,
  readTable,
  XlsxRow,
  type XlsxValue,
  type XlsxCell,
  type XlsxValidation,
  type XlsxSheet,
  type XlsxBook,
  type XlsxTable,
} from './tabular/xlsx.js';

// HTTP: OData dialects and webhook signatures
export { decodeODataName, encodeODataName, isInternalNameOf, verboseItems, verboseResults, odataPage, odataString, odataAnyOf } from './http/odata.js';
export { odataText, odataTimestamp, odataLocalDate, odataBoolean, odataWhole, odataNumber } from './http/odata-values.js';
export { writeChangeSet, readChangeSet, isBatchBody, parseBind, bindKey, type BatchPart, type BatchRequest } from './http/batch.js';
export { webhookBody, bodyText, requiredBodyText, bodyValue, malformedBody, changedValue, type ChangeTables } from './http/webhook-body.js';
export { hmacMatches, requireHmac, requireFresh, headerOf, signatureParts, type HmacCheck } from './http/signature.js';

// HTTP client, files, conformance helpers for transports
export { HttpClient, HttpAnswer, connectionClient, retryAfterMs, isRetryableStatus, type ClientTarget, type Credentials, type HttpClientOptions, type RequestOptions } from './http/client.js';
export { answerJson, readRecord, type EmptyRead } from './http/answers.js';
export { encodeCursor, cursorContent } from './http/cursor.js';
export { LocalFileStore, type FileStore, type FileEntry } from './files/store.js';
export { markerRule, renameRule, pairRule, prefixRule, contentRule, type DropRule, type Delivery } from './files/rules.js';
export { openFileStore, fileSettingsSchema, TRANSPORT_SCHEMA, SECRET_SCHEMA } from './files/transports.js';
export { baseName, receiptError, fieldNamer } from './files/receipts.js';
export { folderSettings, FOLDERS_SCHEMA, type DropOutcome, type FileCapability, type FileDrop, type FolderSettings, type StreamItem } from './files/capability.js';
