/**
 * `qingshan backup --out <folder>`, `qingshan backup --verify <folder>` and
 * `qingshan restore <folder> --db sqlite:<file>` (docs/operations.md §8).
 * SQLite only: PostgreSQL is backed up with pg_dump and restored with pg_restore.
 */
import type { Command } from 'commander';
import type { Clock } from '../clock.js';
import type { ConfigFlags, DbLocation } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { BackupError, backupSqlite, restoreSqlite, verifyBackup } from '../ops/backup.js';

export interface BackupCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  clock: Clock;
  version: string;
  /** Adds the shared --db and --log-level options to a command. */
  withCommon: (cmd: Command) => Command;
  /** The database the options name. */
  dbOf: (opts: ConfigFlags) => DbLocation;
  /** An error that ends the command with this exit code (after it printed why). */
  exit: (code: number) => Error;
}

function sqlitePathOf(db: DbLocation): string {
  if (db.kind !== 'sqlite') {
    throw new ConfigError(
      '--db',
      'backup and restore take SQLite stores; back up PostgreSQL with pg_dump -Fc and restore with pg_restore (docs/operations.md §8)',
    );
  }
  if (db.path === ':memory:')
    throw new ConfigError('--db', 'an in-memory database has nothing to back up or restore into');
  return db.path;
}

/** A backup refusal as a wrong setting (exit 2), naming the setting its message starts with. */
function asSetting(err: unknown, fallback: string): unknown {
  if (!(err instanceof BackupError)) return err;
  const m = /^(--[a-z-]+): (.*)$/s.exec(err.message);
  return new ConfigError(m?.[1] ?? fallback, m?.[2] ?? err.message);
}

export function addBackupCommand(program: Command, io: BackupCommandIo): void {
  io.withCommon(
    program
      .command('backup')
      .description('online backup of the SQLite store and its evidence into a new folder, or --verify one')
      .option('--out <folder>', 'the folder to create (must not exist or be empty)')
      .option('--verify <folder>', 'check a backup: manifest, checksums, integrity, row counts'),
  ).action(async (opts: ConfigFlags & { out?: string; verify?: string }) => {
    if ((opts.out === undefined) === (opts.verify === undefined)) {
      throw new ConfigError('--out', 'give either --out <folder> (take a backup) or --verify <folder>');
    }
    if (opts.verify !== undefined) {
      const report = await verifyBackup(opts.verify);
      for (const p of report.problems) io.err(`${opts.verify}: ${p}`);
      if (!report.ok) throw io.exit(1);
      const m = report.manifest;
      const rows = Object.values(m?.tables ?? {}).reduce((a, b) => a + b, 0);
      io.out(
        `backup ${opts.verify} verifies: taken ${m?.createdAt ?? '?'} by Qingshan ${m?.qingshanVersion ?? '?'}, ${m?.files.length ?? 0} file(s), ${rows.toLocaleString('en')} rows, ${m?.migrations.length ?? 0} migrations`,
      );
      return;
    }
    const out = opts.out ?? '';
    try {
      const m = await backupSqlite({
        dbPath: sqlitePathOf(io.dbOf(opts)),
        out,
        qingshanVersion: io.version,
        now: () => io.clock.now(),
      });
      const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
      io.out(
        `backup written to ${out}: ${rows.toLocaleString('en')} rows in ${Object.keys(m.tables).length} tables, ${m.files.length - 1} evidence file(s), snapshot at ${m.createdAt}`,
      );
    } catch (err) {
      throw asSetting(err, '--out');
    }
  });

  io.withCommon(
    program
      .command('restore')
      .description('restore a backup folder into an empty location (never over an existing database)')
      .argument('<folder>', 'a folder written by qingshan backup'),
  ).action(async (folder: string, opts: ConfigFlags) => {
    if (opts.db === undefined) throw new ConfigError('--db', 'name where to restore: --db sqlite:<new file>');
    const path = sqlitePathOf(io.dbOf(opts));
    try {
      const m = await restoreSqlite(folder, path);
      io.out(`restored the backup of ${m.createdAt} into ${path} (${m.files.length - 1} evidence file(s))`);
    } catch (err) {
      throw asSetting(err, '<folder>');
    }
  });
}
