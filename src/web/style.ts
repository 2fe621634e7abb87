/**
 * One stylesheet for every page: AA contrast, a focus ring that shows on light and dark,
 * tables that stack into labelled rows on a phone (`table.stack`, cells carry
 * `data-label`), and a print layout without navigation or buttons.
 */
export const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1b1b1b;background:#f4f4f1;overflow-wrap:break-word}
a{color:#0b4a8b}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #0b4a8b;outline-offset:2px}
.skip{position:absolute;left:-10000px;top:0}.skip:focus{left:.5rem;top:.5rem;z-index:10;background:#fff;color:#0b4a8b;padding:.5rem .8rem;border-radius:4px}
.top{background:#1f3a5f;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;align-items:center;justify-content:space-between}
.top a{color:#fff}.top :focus-visible{outline-color:#fff}
.brand{font-size:1.05rem;font-weight:700;margin:0}.brand a{text-decoration:none}
.top ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;align-items:center}
.top [aria-current=true]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
.who{opacity:.95}
main{max-width:80rem;margin:1.25rem auto 2rem;padding:0 1rem}
h1{font-size:1.45rem;line-height:1.25;margin:.25rem 0 1rem}h2{font-size:1.2rem;margin:0 0 .6rem}h3{font-size:1.05rem;margin:1.1rem 0 .4rem}
section{background:#fff;border:1px solid #d0d0cc;border-radius:6px;padding:1rem 1.25rem;margin-bottom:1rem}
table{border-collapse:collapse;width:100%;margin:.25rem 0 .75rem}
caption{text-align:left;font-weight:600;color:#444;padding:0 0 .4rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e2e2de;vertical-align:top}
thead th{border-bottom:2px solid #b8b8b2;font-weight:700}
tbody th{font-weight:600}
dl.facts{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.25rem 1.25rem;margin:0 0 .5rem}
dl.facts dt{font-weight:600;color:#444}dl.facts dd{margin:0}
.tag{display:inline-block;white-space:nowrap;background:#e3ebf5;color:#1b1b1b;border-radius:3px;padding:0 .35rem;margin:0 .2rem .2rem 0;font-size:.875rem}
.tag.w{background:#f8e1e1}
.ok{color:#0b6e2e;font-weight:700}.bad{color:#a4000f;font-weight:700}
.notice,.error{padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
.notice{border-left:5px solid #0b6e2e;background:#eaf5ed}.error{border-left:5px solid #a4000f;background:#fbeeee}
label{font-weight:600}
input[type=text],input[type=password],select{font:inherit;padding:.45rem .5rem;border:1px solid #6b6b6b;border-radius:4px;width:32rem;max-width:100%;background:#fff;color:#1b1b1b}
input[aria-invalid=true]{border-color:#a4000f;border-width:2px}
button,.button{font:inherit;padding:.45rem 1rem;border-radius:4px;border:2px solid #1f3a5f;background:#1f3a5f;color:#fff;cursor:pointer;text-decoration:none;display:inline-block;line-height:1.4}
.button.secondary,button.secondary{background:#fff;color:#1f3a5f}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
.hint{color:#4a4a4a;font-size:.925rem;margin:.25rem 0 .5rem}
.field{margin:.5rem 0}
code{font-size:.9em;overflow-wrap:anywhere}
.when{white-space:nowrap}
ul.plain{list-style:none;padding:0;margin:0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem}
.cards section{margin:0}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media (max-width:45rem){
  main{padding:0 .6rem}section{padding:.8rem .8rem}
  table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}
  table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack tbody th{display:block;width:100%}
  table.stack caption{display:block}
  table.stack tr{border-bottom:1px solid #c8c8c2;padding:.4rem 0}
  table.stack td,table.stack tbody th{border:0;padding:.1rem 0}
  table.stack td[data-label]::before,table.stack tbody th[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#444}
  html[lang=fr] table.stack td[data-label]::before,html[lang=fr] table.stack tbody th[data-label]::before{content:attr(data-label) "\\00a0: "}
  dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin-bottom:.45rem}
  input[type=text],input[type=password],select{width:100%}
}
@media print{
  body{background:#fff;font-size:11pt}.top nav,.noprint,.actions,.skip{display:none!important}
  .top{background:#fff;color:#000;border-bottom:1px solid #000;padding:0 0 .3rem}.top a{color:#000}
  main{max-width:none;margin:0;padding:0}section{border:0;padding:0;margin:0 0 .8rem;break-inside:auto}
  h2{break-after:avoid}tr{break-inside:avoid}a{color:#000;text-decoration:none}
}
`;
