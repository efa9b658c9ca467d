/**
 * Online backup and restore of the SQLite store (docs/operations.md §8).
 *
 * A backup is a folder: `qingshan.db` (a consistent copy made with `VACUUM INTO`, which reads one
 * snapshot in one read transaction, so ingest goes on meanwhile and everything committed before it
 * began is in it), `evidence/` (the evidence files, content-addressed by SHA-256) and
 * `manifest.json` (row counts per table, the schema's migrations, and the size and SHA-256 of
 * every file), written last: a folder without a manifest is not a backup. PostgreSQL is backed up
 * with pg_dump/pg_restore (the same document).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

export const BACKUP_FORMAT = 'qingshan-backup/1';
export const BACKUP_DB_FILE = 'qingshan.db';
export const BACKUP_MANIFEST = 'manifest.json';
const EVIDENCE = 'evidence';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  /** The Qingshan version that wrote it. */
  qingshanVersion: string;
  /** When the snapshot was taken (ISO 8601 UTC). */
  createdAt: string;
  /** The migrations the copied schema has run, in order. */
  migrations: string[];
  /** Rows per table in the copy. */
  tables: Record<string, number>;
  /** Every file of the backup but the manifest: path (relative, `/`), bytes, SHA-256. */
  files: { path: string; bytes: number; sha256: string }[];
}

/** A refused backup, verification or restore; the message says what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function isEmptyOrMissing(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch {
    return !(await exists(path));
  }
}

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Row counts per table, the migrations run and SQLite's integrity check of a database file. */
function describeDatabase(path: string): {
  tables: Record<string, number>;
  migrations: string[];
  integrity: string;
  diskEvidence: string[];
} {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const names = (
      db
        .prepare(
          `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const name of names) {
      const row = db.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as {
        n: number;
      };
      tables[name] = row.n;
    }
    const migrations = names.includes('kysely_migration')
      ? (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
          (r) => r.name,
        )
      : [];
    const integrity = (db.prepare('pragma integrity_check').get() as { integrity_check: string })
      .integrity_check;
    const diskEvidence = ['case_attachments', 'alarm_attachments']
      .filter((t) => names.includes(t))
      .flatMap((t) =>
        (
          db.prepare(`select distinct sha256 from ${t} where storage = 'disk'`).all() as { sha256: string }[]
        ).map((r) => r.sha256),
      );
    return { tables, migrations, integrity, diskEvidence };
  } finally {
    db.close();
  }
}

export interface BackupOptions {
  /** The live database file. */
  dbPath: string;
  /** The evidence folder (default: `evidence/` beside the database, where the store keeps it). */
  evidenceDir?: string;
  /** The folder to create; refused when it exists and is not empty. */
  out: string;
  qingshanVersion: string;
  /** For `createdAt` (the caller's clock). */
  now: () => Date;
}

/** Takes an online backup; returns its manifest. */
export async function backupSqlite(options: BackupOptions): Promise<BackupManifest> {
  const { dbPath, out } = options;
  if (!(await exists(dbPath))) throw new BackupError(`--db: no database at ${dbPath}`);
  if (!(await isEmptyOrMissing(out))) {
    throw new BackupError(`--out: ${out} exists and is not empty; give a new folder`);
  }
  await mkdir(out, { recursive: true });
  const copy = join(out, BACKUP_DB_FILE);
  const createdAt = options.now().toISOString();
  const live = new SqliteDatabase(dbPath, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 10000');
    // One read transaction over one snapshot: writers go on, the copy is consistent.
    live.prepare('VACUUM INTO ?').run(copy);
  } finally {
    live.close();
  }
  const described = describeDatabase(copy);
  if (described.integrity !== 'ok') {
    throw new BackupError(`the copy failed its integrity check: ${described.integrity}`);
  }
  // Evidence files are written before their rows and never change (named by their SHA-256), so
  // copying after the snapshot finds every file it refers to.
  const evidenceDir = options.evidenceDir ?? join(dirname(dbPath), EVIDENCE);
  const files: BackupManifest['files'] = [];
  for (const rel of await filesUnder(evidenceDir)) {
    if (rel.endsWith('.tmp')) continue;
    const target = join(out, EVIDENCE, rel);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(evidenceDir, rel), target, constants.COPYFILE_EXCL);
  }
  const copied = new Set((await filesUnder(join(out, EVIDENCE))).map((rel) => rel.split(/[\\/]/).at(-1)));
  const missing = described.diskEvidence.filter((sha) => !copied.has(sha));
  if (missing.length > 0) {
    throw new BackupError(
      `${missing.length} evidence file(s) the database refers to are missing from ${evidenceDir} (e.g. ${missing[0] ?? ''})`,
    );
  }
  for (const rel of [
    BACKUP_DB_FILE,
    ...(await filesUnder(join(out, EVIDENCE))).map((r) => join(EVIDENCE, r)),
  ]) {
    const path = join(out, rel);
    files.push({
      path: rel.split(/[\\/]/).join('/'),
      bytes: (await stat(path)).size,
      sha256: await sha256Of(path),
    });
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    qingshanVersion: options.qingshanVersion,
    createdAt,
    migrations: described.migrations,
    tables: described.tables,
    files,
  };
  await writeFile(join(out, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export interface VerifyReport {
  ok: boolean;
  manifest: BackupManifest | null;
  problems: string[];
}

/** Checks a backup folder: manifest, every file's size and SHA-256, the database's integrity and row counts. */
export async function verifyBackup(dir: string): Promise<VerifyReport> {
  const problems: string[] = [];
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    return {
      ok: false,
      manifest: null,
      problems: [`${join(dir, BACKUP_MANIFEST)} is missing or not JSON: not a complete backup`],
    };
  }
  const format: unknown = manifest.format;
  if (format !== BACKUP_FORMAT) {
    return { ok: false, manifest, problems: [`format ${JSON.stringify(format)} is not ${BACKUP_FORMAT}`] };
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const path = join(dir, ...f.path.split('/'));
    if (!(await exists(path))) {
      problems.push(`${f.path}: missing`);
      continue;
    }
    const bytes = (await stat(path)).size;
    if (bytes !== f.bytes) problems.push(`${f.path}: ${bytes} bytes, the manifest says ${f.bytes}`);
    else if ((await sha256Of(path)) !== f.sha256)
      problems.push(`${f.path}: SHA-256 differs from the manifest`);
    if (f.path.startsWith(`${EVIDENCE}/`) && f.path.split('/').at(-1) !== f.sha256) {
      problems.push(`${f.path}: an evidence file's name must be its SHA-256`);
    }
  }
  for (const rel of await filesUnder(join(dir, EVIDENCE))) {
    const path = `${EVIDENCE}/${rel.split(/[\\/]/).join('/')}`;
    if (!listed.has(path)) problems.push(`${path}: not in the manifest`);
  }
  if (!listed.has(BACKUP_DB_FILE)) problems.push(`${BACKUP_DB_FILE}: not in the manifest`);
  else if (problems.length === 0) {
    const d = describeDatabase(join(dir, BACKUP_DB_FILE));
    if (d.integrity !== 'ok') problems.push(`${BACKUP_DB_FILE}: integrity check: ${d.integrity}`);
    for (const [table, n] of Object.entries(manifest.tables)) {
      if (d.tables[table] !== n)
        problems.push(`${table}: ${d.tables[table] ?? 'no'} rows, the manifest says ${n}`);
    }
    if (d.migrations.join() !== manifest.migrations.join())
      problems.push('the migrations differ from the manifest');
  }
  return { ok: problems.length === 0, manifest, problems };
}

/**
 * Restores a verified backup into an empty location: the database file at `dbPath`, the evidence
 * beside it. Refuses when anything is there already (never overwrites).
 */
export async function restoreSqlite(dir: string, dbPath: string): Promise<BackupManifest> {
  const evidenceDir = join(dirname(dbPath), EVIDENCE);
  for (const p of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    if (await exists(p))
      throw new BackupError(`--db: ${p} exists; restore into an empty location (never over a database)`);
  }
  if (!(await isEmptyOrMissing(evidenceDir))) {
    throw new BackupError(`--db: ${evidenceDir} exists and is not empty; restore into an empty location`);
  }
  const report = await verifyBackup(dir);
  if (!report.ok || report.manifest === null) {
    throw new BackupError(`the backup does not verify: ${report.problems.slice(0, 5).join('; ')}`);
  }
  await mkdir(dirname(dbPath), { recursive: true });
  try {
    await copyFile(join(dir, BACKUP_DB_FILE), dbPath, constants.COPYFILE_EXCL);
    for (const f of report.manifest.files) {
      if (!f.path.startsWith(`${EVIDENCE}/`)) continue;
      const target = join(evidenceDir, ...f.path.split('/').slice(1));
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(dir, ...f.path.split('/')), target, constants.COPYFILE_EXCL);
    }
  } catch (err) {
    // Half a restore is no restore: take away what this call wrote.
    await rm(dbPath, { force: true });
    await rm(evidenceDir, { recursive: true, force: true });
    throw err;
  }
  return report.manifest;
}
