// The answer to a `POST /$batch` (multipart/mixed): one response per part of the change set,
// or, when the change set failed and was rolled back, one error response for the whole set.
// Only status lines, Content-IDs and `OData-EntityId` headers are read; bodies never are.

export interface BatchAnswerPart {
  contentId?: string;
  status: number;
  /** `https://…/contacts(<guid>)`: the row the part created or changed. */
  entityId?: string;
}

/** The responses of a `$batch` answer, in order; parts without an HTTP status line (nested multipart headers) are left out. */
export function readBatchAnswer(text: string): BatchAnswerPart[] {
  const lf = text.replace(/\r\n/g, '\n');
  const parts: BatchAnswerPart[] = [];
  for (const chunk of lf.split(/^--[^\n]*$/m)) {
    const status = /^HTTP\/1\.1 (\d{3})\b/m.exec(chunk)?.[1];
    if (!status) continue;
    const contentId = /^Content-ID:[ \t]*(\S+)/im.exec(chunk)?.[1];
    const entityId = /^OData-EntityId:[ \t]*(\S+)/im.exec(chunk)?.[1];
    parts.push({ status: Number(status), ...(contentId ? { contentId } : {}), ...(entityId ? { entityId } : {}) });
  }
  return parts;
}

/** The GUID key of an `OData-EntityId` of a given entity set (`…/contacts(<guid>)`), else undefined. */
export function entityKey(entityId: string | undefined, set: string): string | undefined {
  if (!entityId) return undefined;
  const m = new RegExp(`/${set}\\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\)$`).exec(entityId);
  return m?.[1]?.toLowerCase();
}
