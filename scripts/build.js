#!/usr/bin/env node
// Builds dist/: the gateway as plain JavaScript, so that a long-running process does not
// carry the TypeScript loader (tsx's loader thread costs about 35 MB of every process).
// Each file is transpiled on its own (esbuild, no bundling, types are tsc's job), in the
// same layout, so that every path a module reads beside itself (adapter.yaml, migrations,
// ../../contracts) resolves as it does in the sources: the files that are not code, and
// the folders outside src/ and adapters/, are linked (bin/passerelle.js is copied: node
// runs a linked main file from where the link points).
import { transform } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const DIST = path.join(ROOT, 'dist');
const CODE = ['src', 'adapters'];
const LINKED = ['contracts', 'policies', 'node_modules', 'package.json'];
const TEST = /\.test\.tsx?$/;

function link(target, at) {
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(path.relative(path.dirname(at), target), at);
}

async function build(dir) {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await build(file);
    } else if (/\.tsx?$/.test(entry.name)) {
      if (TEST.test(entry.name)) continue;
      const source = readFileSync(path.join(ROOT, file), 'utf8');
      const { code } = await transform(source, {
        loader: entry.name.endsWith('.tsx') ? 'tsx' : 'ts',
        format: 'esm',
        target: 'node20',
        supported: { 'import-attributes': true },
        sourcefile: file,
        tsconfigRaw: { compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'hono/jsx' } },
      });
      const out = path.join(DIST, file.replace(/\.tsx?$/, '.js'));
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, code);
    } else {
      link(path.join(ROOT, file), path.join(DIST, file));
    }
  }
}

rmSync(DIST, { recursive: true, force: true });
for (const dir of CODE) await build(dir);
for (const name of LINKED) link(path.join(ROOT, name), path.join(DIST, name));
mkdirSync(path.join(DIST, 'bin'));
copyFileSync(path.join(ROOT, 'bin/passerelle.js'), path.join(DIST, 'bin/passerelle.js'));
