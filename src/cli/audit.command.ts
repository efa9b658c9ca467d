/** `qingshan audit verify`: walks the audit hash chain and names the first broken entry. */
import type { Command } from 'commander';
import type { AuditActor } from '../audit/audit.service.js';
import type { ConfigFlags } from '../config/config.js';
import type { Services } from '../services.js';

/**
 * The audit actor of changes made from the command line (`qingshan user add`, `device add`,
 * `device import`): whoever runs the CLI holds the database itself, so no account is named; the
 * entry says "system:cli" (":" never occurs in a username, so no account can pose as it).
 */
export const CLI_ACTOR: AuditActor = { username: 'system:cli', role: null };

export interface AuditCommandIo {
  out: (line: string) => void;
  /** Adds the shared --db and --log-level options to a command. */
  withCommon: (cmd: Command) => Command;
  /** Opens the store the options name, builds the services over it, and closes it after `use`. */
  withServices: <T>(opts: ConfigFlags, use: (services: Services) => Promise<T>) => Promise<T>;
}

/** An audit chain that does not verify; the CLI exits non-zero with this message. */
class AuditChainBrokenError extends Error {
  constructor(
    readonly brokenSeq: number,
    reason: string,
  ) {
    super(`audit chain broken at entry #${brokenSeq}: ${reason}`);
    this.name = 'AuditChainBrokenError';
  }
}

/** Adds `audit verify` to the program. */
export function addAuditCommand(program: Command, io: AuditCommandIo): void {
  const audit = program.command('audit').description('the audit trail');
  io.withCommon(
    audit
      .command('verify')
      .description('check that no audit entry was changed or deleted (exit 1 naming the first broken entry)'),
  ).action((opts: ConfigFlags) =>
    io.withServices(opts, async ({ audit: trail }) => {
      const result = await trail.verify();
      if (!result.ok) throw new AuditChainBrokenError(result.brokenSeq, result.reason);
      io.out(`audit chain intact: ${result.entries} entries, head ${result.head.hash}`);
    }),
  );
}
