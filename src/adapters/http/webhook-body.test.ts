import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { codeList } from '../mapping/codes.js';
import { OrganisationMap } from '../mapping/organisations.js';
import { parseDate } from '../mapping/dates.js';
import { thrown } from '../testing.js';
import { bodyText, bodyValue, changedValue, requiredBodyText, webhookBody } from './webhook-body.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const tables = {
  phase: codeList({ codes: { KANT: 'cantonal' as const } }),
  status: codeList({ codes: { VA: 'F' as const } }),
  orgs: OrganisationMap.fromSettings({ organisations: { SD: 'sd-bern' } }),
};

describe('webhook bodies', () => {
  it('parses a JSON object of UTF-8 text, refusing anything else', () => {
    expect(webhookBody(bytes('{"type":"x"}'))).toEqual({ type: 'x' });
    expect(thrown(InputError, () => webhookBody(new Uint8Array([0xff]))).message).toBe('the webhook body is not UTF-8 JSON');
    expect(thrown(InputError, () => webhookBody(bytes('[1]'))).status).toBe(422);
  });

  it('reads trimmed strings; a missing one refuses the delivery naming the field', () => {
    const body = { a: ' x ', b: 3, c: '  ' };
    expect([bodyText(body, 'a'), bodyText(body, 'b'), bodyText(body, 'c')]).toEqual(['x', undefined, undefined]);
    const e = thrown(InputError, () => requiredBodyText(body, 'c'));
    expect([e.code, e.details.field, e.message]).toEqual(['webhook.malformed', 'body.c', "the webhook body's c is missing"]);
  });

  it('turns a mapping rejection into a refusal naming the body field, not the value', () => {
    const e = thrown(InputError, () => bodyValue('dateEffet', () => parseDate('31.02.2024', { field: 'change.effectiveDate', nativeField: 'dateEffet' })));
    expect([e.code, e.details.field, e.status]).toEqual(['webhook.invalid-date', 'body.dateEffet', 422]);
    expect(e.message).toBe("the webhook body's dateEffet is not a date of the calendar (change.effectiveDate)");
  });

  it('reads a change through the table of its event type', () => {
    const where = { field: 'change.to', nativeField: 'apres' };
    expect(changedValue('case.phase-changed', 'KANT', 'apres', where, tables)).toBe('cantonal');
    expect(changedValue('case.status-changed', 'VA', 'apres', where, tables)).toBe('F');
    expect(changedValue('case.institution-changed', 'SD', 'apres', where, tables)).toBe('sd-bern');
    expect(thrown(InputError, () => changedValue('case.phase-changed', 'XX', 'apres', where, tables)).code).toBe('webhook.unknown-code');
  });
});
