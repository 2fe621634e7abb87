import type { Checkpoint } from '../audit/checkpoint.js';
import { swissDateTime } from '../web/format.js';
import { fill, messages, term, type Lang } from '../web/i18n.js';
import { renderPdf } from '../web/pdf.js';
import { triggerText, withheldText, type NameOf } from './labels.js';
import type { DisclosureRow } from './view.js';

/**
 * The disclosure report an officer hands to the person who asked what was disclosed about
 * them (right of access): each delivery with recipient, date, purpose, legal basis, what
 * went and what was withheld, and the signed checkpoint of the audit log that covers it,
 * whose JWS is attached so that anyone can check it against the gateway's keys.
 */
export function disclosureReport(input: {
  lang: Lang;
  person: string;
  rows: readonly DisclosureRow[];
  checkpoint: Checkpoint | null;
  nameOf: NameOf;
  by: string;
  issuer: string;
  jwksUrl: string;
  now: Date;
}): Promise<Buffer> {
  const m = messages(input.lang);
  const r = m.console.report;
  const c = m.console;
  const cp = input.checkpoint;
  return renderPdf(
    {
      lang: input.lang,
      title: r.title,
      subject: `${r.person}: ${input.person}`,
      author: input.by,
      info: cp ? { PasserelleCheckpointSeq: String(cp.seq), PasserelleCheckpointHash: cp.hash, PasserelleCheckpoint: cp.jws } : {},
      attachments: cp ? [{ name: 'checkpoint.jws', content: cp.jws, type: 'application/jose', description: r.checkpoint.slice(0, 60) }] : [],
      footer: (page, pages) => `${r.title} · ${input.person} · ${cp ? `checkpoint ${cp.seq} ${cp.hash}` : ''} · ${fill(r.page, { page, pages })}`,
    },
    (pdf) => {
      pdf.title(r.title);
      pdf.facts([[r.person, input.person]]);
      pdf.paragraph(fill(r.generated, { date: swissDateTime(input.now), institution: input.by }), 9);
      pdf.paragraph(r.intro);
      pdf.paragraph(fill(r.count, { count: input.rows.length }));
      for (const row of input.rows) {
        const { d, origin } = row;
        pdf.heading(`${swissDateTime(d.deliveredAt)} · ${input.nameOf(d.recipient)}`);
        const disclosed = d.disclosed as { category: string; legalBasis: string }[];
        const withheld = d.withheld as { category?: string; path?: string; reason: string; consentId?: string; rule?: string }[];
        pdf.facts([
          [c.recipient, input.nameOf(d.recipient)],
          [c.sourceInstitution, input.nameOf(origin?.sourceInstitutionId)],
          [c.triggerEvent, triggerText(m, origin, input.nameOf)],
          [c.purpose, term(m.purposes, d.purpose)],
          [c.legalBasis, [...new Set(disclosed.map((e) => term(m.legalBases, e.legalBasis)))].join(' · ')],
          [c.disclosed, disclosed.map((e) => term(m.categories, e.category)).join(', ')],
          [c.auditSeq, String(d.auditSeq)],
        ].filter(([, v]) => v !== '') as [string, string][]);
        if (withheld.length) pdf.table(c.withheldCaption, [c.category, c.reason], withheld.map((e) => [e.category ? term(m.categories, e.category) : (e.path ?? ''), withheldText(m, e)]));
      }
      pdf.heading(m.console.chain);
      if (cp) {
        pdf.paragraph(fill(r.checkpoint, { seq: cp.seq, hash: cp.hash, at: swissDateTime(cp.at) }));
        pdf.paragraph(fill(r.checkpointHow, { jwks: input.jwksUrl }), 9);
      } else pdf.paragraph(r.noCheckpoint);
      pdf.paragraph(input.issuer, 8);
    },
  );
}
