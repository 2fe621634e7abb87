import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { decodeProtectedHeader } from 'jose';
import { decodeCursor, encodeCursor } from '../api/request.js';
import { recipientTrails } from '../audit/queries.js';
import type { CaseRecord } from '../contract/types.js';
import { PasserelleError } from '../errors.js';
import { verifyDelivery } from '../seal/delivery.js';
import type { InboxRow } from '../store/index.js';
import { openInboxItem } from '../transfers/inbox.js';
import { messages } from '../web/i18n.js';
import { withLang } from '../web/lang.js';
import { problemPage } from '../web/sign-in-pages.js';
import { signIn, type SignInDeps } from '../web/sign-in.js';
import { caseSections, personName, type DeliveryFacts } from './case-view.js';
import { casePdf } from './pdf.js';
import { casePage, listPage, SHOW, type ListedCase, type Show } from './pages.js';

const PAGE = 50;

/**
 * The clerk's inbox: the cases a `receiver` institution received, each rendered for a
 * person to read, print and keep as a PDF beside its seal, and acknowledged with a
 * button. Reading and acknowledging write the same audit entries as the API.
 */
export function clerkRoutes(deps: SignInDeps): Hono {
  const { services } = deps;
  const session = signIn(deps, { base: '/inbox', role: 'receiver', cookie: 'passerelle_inbox', name: (m) => m.inbox.title });
  const app = new Hono();
  const origins = [new URL(services.config.publicUrl).origin];
  app.use('/inbox', withLang());
  app.use('/inbox/*', withLang());
  app.get('/inbox', (c) => c.redirect('/inbox/'));
  app.route('/', session.routes);
  app.use('/inbox/', session.guard);
  app.use('/inbox/cases/*', session.guard);
  app.use('/inbox/cases/*', csrf({ origin: (origin, c) => origins.includes(origin) || origin === new URL(c.req.url).origin }));

  const institutionName = (id: string | undefined): string => (id ? (services.bundle.institution(id)?.name ?? id) : '');
  const frame = (c: Context) => ({ lang: c.get('lang'), url: new URL(c.req.url), who: institutionName(c.get('principal').institutionId) });
  const problem = (c: Context, status: 404 | 410, message: string) => {
    const m = messages(c.get('lang'));
    return c.html(problemPage(session.frame(c), m.errors.title, message, { href: '/inbox/', label: m.app.back }), status);
  };
  const actor = (c: Context) => {
    const principal = c.get('principal');
    return { actor: `token:${principal.subject}`, institutionId: principal.institutionId, requestId: c.get('requestId') ?? null };
  };

  app.get('/inbox/', async (c) => {
    const principal = c.get('principal');
    const show: Show = SHOW.includes(c.req.query('show') as Show) ? (c.req.query('show') as Show) : 'all';
    const status = show === 'open' ? 'unacknowledged' : show === 'done' ? 'acknowledged' : 'all';
    let cursor: { deliveredAt: string; transferId: string } | undefined;
    try {
      cursor = decodeCursor(c, services.cursorKey, { deliveredAt: 'timestamp', transferId: 'uuid' });
    } catch {
      cursor = undefined;
    }
    const rows = await services.store.listInbox(principal.institutionId, status, PAGE, cursor);
    const trails = await recipientTrails(services.store.sql, rows.map((r) => r.transferId));
    const items: ListedCase[] = [];
    for (const row of rows) {
      const record = row.wrappedKey ? (await openInboxItem(services.vault, row)).record : undefined;
      items.push({
        transferId: row.transferId,
        name: record ? personName(record) : undefined,
        dateOfBirth: record?.person.dateOfBirth,
        from: institutionName(row.sourceInstitutionId),
        purpose: row.purpose,
        deliveredAt: row.deliveredAt,
        acknowledgedAt: row.acknowledgedAt,
        read: (trails.get(row.transferId)?.reads ?? 0) > 0,
      });
    }
    // The list shows names and dates of birth: that it did, and of which cases, is on the record.
    if (items.length) await services.store.appendAudit({ kind: 'inbox.listed', ...actor(c), data: { via: 'page', transfers: items.map((i) => i.transferId) } });
    const last = rows.at(-1);
    const next = rows.length === PAGE && last ? `/inbox/?show=${show}&cursor=${encodeURIComponent(encodeCursor(services.cursorKey, { deliveredAt: last.deliveredAt, transferId: last.transferId }))}` : undefined;
    return c.html(listPage(frame(c), institutionName(principal.institutionId), show, items, next));
  });

  /** The item of the caller's own institution, opened; a page in words when it is not there. */
  const open = async (c: Context): Promise<{ item: InboxRow; jws: string; record: CaseRecord } | Response> => {
    const m = messages(c.get('lang'));
    const item = await services.store.getInboxItem(c.req.param('id') ?? '');
    if (!item || item.institutionId !== c.get('principal').institutionId) return problem(c, 404, m.errors.caseNotFound);
    try {
      return { item, ...(await openInboxItem(services.vault, item)) };
    } catch (error) {
      if (error instanceof PasserelleError && error.code === 'inbox.destroyed') return problem(c, 410, m.errors.itemDestroyed);
      throw error;
    }
  };
  const read = (c: Context, item: InboxRow, via: string) => services.store.appendAudit({ kind: 'inbox.read', ...actor(c), transferId: item.transferId, data: { via } });
  const deliveryFacts = (item: InboxRow): DeliveryFacts => ({
    transferId: item.transferId,
    sourceInstitution: institutionName(item.sourceInstitutionId),
    purpose: item.purpose,
    deliveredAt: item.deliveredAt,
    legalBases: [...new Set(item.decision.disclosed.map((d) => d.legalBasis))],
    withheld: item.decision.withheld,
  });
  const seal = async (jws: string, item: InboxRow) => {
    const hash = createHash('sha256').update(jws, 'utf8').digest('hex');
    const kid = String(decodeProtectedHeader(jws).kid ?? '');
    const ok = await verifyDelivery(jws, services.keys.jwks(), { audience: item.institutionId, issuer: services.config.gatewayId }).then(() => true, () => false);
    return { ok, issuer: services.config.gatewayId, kid, recipient: institutionName(item.institutionId), hash };
  };

  const show = (print: boolean) => async (c: Context) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { item, jws, record } = opened;
    await read(c, item, print ? 'print' : 'page');
    const lang = c.get('lang');
    return c.html(
      casePage(frame(c), {
        transferId: item.transferId,
        name: personName(record),
        sections: caseSections(record, deliveryFacts(item), { lang, institutionName }),
        acknowledgedAt: item.acknowledgedAt,
        justAcknowledged: c.req.query('acknowledged') !== undefined,
        seal: await seal(jws, item),
        jwksUrl: `${services.config.publicUrl}/.well-known/jwks.json`,
        print,
      }),
    );
  };
  app.get('/inbox/cases/:id', show(false));
  app.get('/inbox/cases/:id/print', show(true));

  app.get('/inbox/cases/:id/pdf', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { item, jws, record } = opened;
    await read(c, item, 'pdf');
    const lang = c.get('lang');
    const pdf = await casePdf({
      lang,
      name: personName(record),
      sections: caseSections(record, deliveryFacts(item), { lang, institutionName }),
      jws,
      seal: await seal(jws, item),
      transferId: item.transferId,
      jwksUrl: `${services.config.publicUrl}/.well-known/jwks.json`,
    });
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="passerelle-${item.transferId}.pdf"` });
  });

  app.get('/inbox/cases/:id/seal.jws', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    await read(c, opened.item, 'seal');
    return c.body(opened.jws, 200, { 'content-type': 'application/jose', 'content-disposition': `attachment; filename="passerelle-${opened.item.transferId}.jws"` });
  });

  app.post('/inbox/cases/:id/ack', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    await services.store.acknowledgeInbox(opened.item.transferId, { kind: 'inbox.acknowledged', ...actor(c), transferId: opened.item.transferId });
    return c.redirect(`/inbox/cases/${opened.item.transferId}?lang=${c.get('lang')}&acknowledged`, 303);
  });
  return app;
}
