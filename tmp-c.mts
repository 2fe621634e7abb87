import { toContract } from './adapters/nfam/to-contract.ts';
import { readFileSync } from 'node:fs';
const orgs = {"ORG-0001":"be-asi","ORG-0900":"sem-baz-bern","ORG-1101":"be-ku-bern-nord","ORG-1102":"be-ku-thun-allmend","ORG-2001":"be-region-bern-stadt","ORG-2002":"be-region-mittelland","ORG-2003":"be-region-emmental-oberaargau","ORG-2004":"be-region-oberland","ORG-2005":"be-region-seeland-jura-bernois","ORG-3355":"be-sd-koeniz","ORG-4001":"be-iv-bern","ORG-7010":"be-provider-sprachschule-aare","ORG-7011":"be-provider-bfs-bern","ORG-7012":"be-provider-werkstatt-worb"};
const ctx = { institutionId: 'be-asi', canton: 'BE', settings: { organisations: orgs }, now: () => new Date() };
const dir = '/work/shared/systems/nfam/samples/';
for (const [name, files] of [['minimal',['minimal.case.json']],['rich',['rich.case.json']],['edge',['edge.page1.json','edge.page2.json']]] as const) {
  const r = toContract(files.map(f => ({ name: f, content: readFileSync(dir+f) })), ctx);
  const got = r.records.map(x => { const { extractedAt, ...s } = x.source; return { ...x, source: s }; });
  const exp = JSON.parse(readFileSync(dir+name+'.expected.json','utf8'));
  const a = JSON.stringify(got), b = JSON.stringify(exp);
  console.log(name, a === b ? 'EQUAL' : 'DIFF', r.rejections.map(x => x.error.code + ' ' + x.error.details.field));
  if (a !== b) { for (let i=0;i<exp.length;i++){ const ga=JSON.stringify(got[i],null,1).split('\n'), ea=JSON.stringify(exp[i],null,1).split('\n'); for (let j=0;j<Math.max(ga.length,ea.length);j++) if (ga[j]!==ea[j]) { console.log(i,j,'got',ga[j],'exp',ea[j]); break; } } }
}
