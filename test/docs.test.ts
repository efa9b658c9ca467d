/**
 * The project explains itself (docs/conventions.md §8): code, tests, the web and the benchmarks cite
 * documents inside this repository only, and every document they cite exists, down to the numbered
 * section. The one path outside the repository that may appear is the optional real-data folder
 * `../shared/data`. Links between the notes in docs/ must resolve too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['src', 'test', 'web/src', 'bench'];
const EXTENSIONS = ['.ts', '.tsx', '.md'];
/** This file spells out the patterns it looks for, so it does not scan itself. */
const SELF = relative(ROOT, fileURLToPath(import.meta.url))
  .split(sep)
  .join('/');

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (keep(path)) out.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

interface SourceFile {
  /** Repository-relative path with `/` separators. */
  path: string;
  lines: string[];
}

const sources: SourceFile[] = SCANNED.flatMap((d) =>
  filesUnder(join(ROOT, d), (p) => EXTENSIONS.some((e) => p.endsWith(e))),
)
  .map((abs) => ({
    path: relative(ROOT, abs).split(sep).join('/'),
    lines: readFileSync(abs, 'utf8').split('\n'),
  }))
  .filter((f) => f.path !== SELF);

/** `file:line: text` for a report. */
const at = (f: SourceFile, i: number, what: string): string => `${f.path}:${i + 1}: ${what}`;

/** Paths that lead out of the repository, whatever they name. */
const OUTSIDE_PATTERNS: readonly RegExp[] = [
  /(?:^|[^\w.])\/work\//, // an absolute path of this workplace
  /(?:\.\.\/)+shared\/(?!data(?:\/|\b))/, // ../shared/… other than the real-data folder
  /\bshared\/reference\b/, // the reference collection the notes were written from
];

/** Every `something.md` token on a line. */
const MD_TOKEN = /[\w.@/-]*[\w-]\.md\b/g;

/** A cited note and the sections after it: `docs/standards/hj212.md §2, §5` or `… §3–§4`. */
const DOC_CITATION =
  /(docs\/[\w./-]+\.md)((?:\s*(?:,|and)?\s*§\d+(?:\.\d+)*(?:\s*[–-]\s*§?\d+(?:\.\d+)*)?)*)/g;

const headingsCache = new Map<string, Set<number>>();
/** The top-level section numbers of a note: headings written `## 3. Title`. */
function sectionsOf(docPath: string): Set<number> {
  let found = headingsCache.get(docPath);
  if (found === undefined) {
    found = new Set<number>();
    for (const line of readFileSync(join(ROOT, docPath), 'utf8').split('\n')) {
      const m = /^#{2,}\s+(\d+)\.\s/.exec(line);
      if (m) found.add(Number(m[1]));
    }
    headingsCache.set(docPath, found);
  }
  return found;
}

/** Whether a `.md` token names a file of this repository, from the citing file or the root. */
function resolvesInRepo(token: string, from: SourceFile): boolean {
  const candidates = [resolve(ROOT, dirname(from.path), token), resolve(ROOT, token)];
  return candidates.some((abs) => abs.startsWith(ROOT + sep) && existsSync(abs) && statSync(abs).isFile());
}

describe('documentation cited by the code (docs/conventions.md §8)', () => {
  it('scans a real tree', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.some((f) => f.path.startsWith('web/src/'))).toBe(true);
  });

  it('no file refers to a path outside the repository (except ../shared/data)', () => {
    const problems: string[] = [];
    for (const f of sources) {
      f.lines.forEach((line, i) => {
        if (OUTSIDE_PATTERNS.some((pattern) => pattern.test(line))) {
          problems.push(at(f, i, `path outside the repository in "${line.trim().slice(0, 120)}"`));
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('every cited .md document exists in the repository', () => {
    const problems: string[] = [];
    for (const f of sources) {
      f.lines.forEach((line, i) => {
        for (const [token] of line.matchAll(MD_TOKEN)) {
          if (token.startsWith('docs/') ? existsSync(join(ROOT, token)) : resolvesInRepo(token, f)) continue;
          problems.push(
            at(f, i, `"${token}" is not a file of this repository; cite docs/… (docs/standards/README.md)`),
          );
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('every cited section (§n after a docs/… path) is a numbered heading of that note', () => {
    const problems: string[] = [];
    for (const f of sources) {
      f.lines.forEach((line, i) => {
        for (const [, doc, sections] of line.matchAll(DOC_CITATION)) {
          if (doc === undefined || sections === undefined || !existsSync(join(ROOT, doc))) continue;
          const have = sectionsOf(doc);
          for (const [, n] of sections.matchAll(/§(\d+)/g)) {
            if (!have.has(Number(n))) problems.push(at(f, i, `${doc} has no section ${n}`));
          }
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('links between the notes in docs/ resolve', () => {
    const problems: string[] = [];
    const notes = [...filesUnder(join(ROOT, 'docs'), (p) => p.endsWith('.md')), join(ROOT, 'README.md')];
    for (const abs of notes) {
      const text = readFileSync(abs, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (target === undefined || /^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = resolve(dirname(abs), target.split('#')[0] ?? '');
        if (!existsSync(path)) problems.push(`${relative(ROOT, abs)}: link to ${target} does not resolve`);
      }
    }
    expect(problems).toEqual([]);
  });
});
