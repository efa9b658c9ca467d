/** `qingshan audit verify`: walks the audit hash chain and names the first broken entry. */
import type { Command } from 'commander';
import type { AuditActor } from '../audit/audit.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import type { ConfigFlags } from '../config/config.js';
import type { Store } from '../store/store.js';

/** The audit actor of changes made from the command line (":" never occurs in a username). */
export const CLI_ACTOR: AuditActor = { username: 'system:cli', role: null };

export interface AuditCommandIo {
  out: (line: string) => void;
  clock: Clock;
  /** Adds the shared --db and --log-level options to a command. */
  withCommon: (cmd: Command) => Command;
  /** Opens the store the options name. */
  open: (opts: ConfigFlags) => Promise<Store>;
}

/** An audit chain that does not verify; the CLI exits non-zero with this message. */
export class AuditChainBrokenError extends Error {
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
  ).action(async (opts: ConfigFlags) => {
    const store = await io.open(opts);
    try {
      const result = await new AuditService(store.audit, io.clock).verify();
      if (!result.ok) throw new AuditChainBrokenError(result.brokenSeq, result.reason);
      io.out(`audit chain intact: ${result.entries} entries, head ${result.head.hash}`);
    } finally {
      await store.close();
    }
  });
}
