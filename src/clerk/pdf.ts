import type { Section } from '../web/document.js';
import { fill, messages, type Lang } from '../web/i18n.js';
import { renderPdf } from '../web/pdf.js';

/**
 * The case as a PDF, accompanied by its seal: the JWS is attached (`seal.jws`) and kept in
 * the document's metadata with its SHA-256, which every page's footer shows, so that the
 * origin of a printout can be checked against the gateway's published keys.
 */
export function casePdf(input: {
  lang: Lang;
  name: string;
  sections: Section[];
  jws: string;
  seal: { ok: boolean; issuer: string; kid: string; recipient: string; hash: string };
  transferId: string;
  jwksUrl: string;
}): Promise<Buffer> {
  const m = messages(input.lang);
  const i = m.inbox;
  const title = fill(i.caseTitle, { name: input.name });
  return renderPdf(
    {
      lang: input.lang,
      title,
      subject: i.pdf.title,
      author: input.seal.issuer,
      keywords: `passerelle, ${input.transferId}`,
      info: { PasserelleTransfer: input.transferId, PasserelleSealSha256: input.seal.hash, PasserelleSeal: input.jws },
      attachments: [{ name: 'seal.jws', content: input.jws, type: 'application/jose', description: i.sealTitle }],
      footer: (page, pages) => fill(i.pdf.footer, { issuer: input.seal.issuer, transferId: input.transferId, hash: input.seal.hash, page, pages }),
    },
    (pdf) => {
      pdf.title(title);
      pdf.paragraph(i.pdf.title, 9);
      pdf.sections(input.sections);
      pdf.heading(i.sealTitle);
      pdf.paragraph(input.seal.ok ? fill(i.sealOk, { issuer: input.seal.issuer, kid: input.seal.kid, recipient: input.seal.recipient }) : i.sealBad);
      pdf.facts([[i.sealHash, input.seal.hash]]);
      pdf.paragraph(fill(i.pdf.sealNote, { jwks: input.jwksUrl }), 9);
    },
  );
}
