/** `qingshan water import-lab <file>`: manual lab results of surface-water sections from CSV. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { AuditActor } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import type { ConfigFlags } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { importWaterLabCsv } from '../ingest/water-lab-import.js';
import { createServices } from '../services.js';
import type { Store } from '../store/store.js';
import { CLI_ACTOR } from './audit.command.js';

export interface WaterCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  clock: Clock;
  /** Adds the shared --db and --log-level options to a command. */
  withCommon: (cmd: Command) => Command;
  /** Opens the store the options name. */
  open: (opts: ConfigFlags) => Promise<Store>;
}

/** A command that printed its errors and should end with this exit code. */
class WaterImportFailed extends Error {
  constructor(readonly errors: number) {
    super(`${errors} row(s) were not imported`);
    this.name = 'WaterImportFailed';
  }
}

/** Adds `water import-lab` to the program. */
export function addWaterCommand(program: Command, io: WaterCommandIo): void {
  const water = program.command('water').description('surface water: manual lab results');
  io.withCommon(
    water
      .command('import-lab')
      .description(
        'import lab results from CSV: section,date,<item>… (items: ph, do, codmn, … in GB 3838-2002 units), optional lab,note',
      )
      .argument('<file>', 'CSV file with a header row')
      .option('--by <username>', 'the account that entered the results (default: system:cli)'),
  ).action(async (file: string, opts: ConfigFlags & { by?: string }) => {
    const text = await readFile(file, 'utf8').catch((e: unknown) => {
      throw new ConfigError('<file>', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    });
    const store = await io.open(opts);
    try {
      let actor: AuditActor = CLI_ACTOR;
      if (opts.by !== undefined) {
        const user = await store.users.getByUsername(opts.by);
        if (user === null) throw new ConfigError('--by', `no account "${opts.by}"`);
        actor = { username: user.username, role: user.role };
      }
      const { water } = createServices({ store, clock: io.clock });
      const report = await importWaterLabCsv(water, text, actor);
      for (const e of report.errors) io.err(`${file}:${e.line}: ${e.message}`);
      io.out(
        `${report.rows} row(s): ${report.entries} lab result(s) stored (${report.values} value(s)) as lab:${actor.username}, ${report.errors.length} error(s)`,
      );
      if (report.errors.length > 0) throw new WaterImportFailed(report.errors.length);
    } finally {
      await store.close();
    }
  });
}
