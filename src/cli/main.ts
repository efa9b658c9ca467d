/**
 * The `qingshan` command. `main(argv)` returns the exit code and never calls `process.exit`, so
 * it can be run in-process by tests.
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { systemClock } from '../clock.js';
import type { Config, ConfigFlags } from '../config/config.js';
import { ConfigError, LOG_LEVELS, loadConfig } from '../config/config.js';
import { isDomainError } from '../errors.js';
import { importDevicesCsv } from '../ingest/device-import.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { openStore } from '../store/store.js';
import { PROTOCOL_VERSIONS, USER_ROLES } from '../store/types.js';
import type { ProtocolVersion, UserRole } from '../store/types.js';
import { CLI_ACTOR, addAuditCommand } from './audit.command.js';
import { addBackupCommand } from './backup.command.js';
import { addCityCommand } from './city.command.js';
import { makeLogger, runUntilSignal } from './lifecycle.js';
import { startPlatform } from './platform.js';
import { registerSimCommand } from './sim.command.js';
import { registerCalcAqiCommand } from './calc-aqi.command.js';
import { registerImportCommand } from './import.command.js';
import { registerCalcWaterCommand } from './calc-water.command.js';
import { registerCalcCarbonCommand } from './calc-carbon.command.js';
import { addWaterCommand } from './water.command.js';
import { addReportCommand } from './report.command.js';
import { packageVersion } from './version.js';

/** Ends a command with an exit code after it has printed why. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Adds the options every command that touches the platform shares (docs/architecture.md §8). */
function withCommon(cmd: Command, server: boolean): Command {
  cmd.option(
    '--db <url>',
    'database: sqlite:<file> or postgres://… (env QINGSHAN_DB; default sqlite:./data/qingshan.db)',
  );
  if (server) {
    cmd
      .option('--http-port <port>', 'HTTP port (env QINGSHAN_HTTP_PORT; default 8080)')
      .option('--hj212-port <port>', 'HJ 212 TCP port (env QINGSHAN_HJ212_PORT; default 9212)')
      .option('--host <address>', 'address to listen on (env QINGSHAN_HOST; default 127.0.0.1)')
      .option(
        '--packet-log-days <days>',
        'days the HJ 212 packet log is kept (env QINGSHAN_PACKET_LOG_DAYS; default 30)',
      );
  }
  cmd.addOption(
    new Option('--log-level <level>', 'log level (env QINGSHAN_LOG_LEVEL; default info)').choices([
      ...LOG_LEVELS,
    ]),
  );
  return cmd;
}

function configFrom(opts: ConfigFlags): Config {
  return loadConfig(opts, process.env);
}

async function runServer(opts: ConfigFlags, demo: boolean): Promise<void> {
  const config = configFrom(opts);
  const logger = makeLogger(config);
  const platform = await startPlatform({
    config,
    clock: systemClock,
    logger,
    version: packageVersion(),
    demo,
  });
  await runUntilSignal(platform, logger);
}

/**
 * A service's refusal of what the command was given, as the setting it names: a domain error
 * whose message starts "mn: …" becomes "--mn: …" (exit 2, as a wrong setting).
 */
function asSettingError(err: unknown): unknown {
  if (!isDomainError(err) || err.status >= 500) return err;
  const m = /^([a-z][a-z_]*): (.*)$/s.exec(err.message);
  return m === null ? err : new ConfigError(`--${m[1] ?? ''}`, m[2] ?? '');
}

/**
 * Opens the store the options name and builds the services over it (the one composition,
 * src/services.ts); closes the store after `use`.
 */
async function withServices<T>(opts: ConfigFlags, use: (services: Services) => Promise<T>): Promise<T> {
  const store = await openStore(configFrom(opts).db);
  try {
    return await use(createServices({ store, clock: systemClock }));
  } catch (err) {
    throw asSettingError(err);
  } finally {
    await store.close();
  }
}

function parseChoice<T extends string>(value: string, choices: readonly T[], setting: string): T {
  const found = choices.find((c) => c === value);
  if (found === undefined) throw new ConfigError(setting, `"${value}" is not one of ${choices.join(', ')}`);
  return found;
}

function buildProgram(out: (line: string) => void, err: (line: string) => void): Command {
  // Output settings are inherited by subcommands created after them, so configure first.
  const program = new Command('qingshan')
    .description('Qingshan (青山): eco-environment supervision platform')
    .version(packageVersion())
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => err(s.trimEnd()) })
    .showHelpAfterError()
    .exitOverride();

  withCommon(
    program.command('serve').description('run the platform (no demo data, no simulator)'),
    true,
  ).action((opts: ConfigFlags) => runServer(opts, false));

  withCommon(
    program
      .command('demo')
      .description(
        'run the platform with the demo city (loaded when the database is empty) and its demo accounts',
      ),
    true,
  ).action((opts: ConfigFlags) => runServer(opts, true));

  withCommon(
    program.command('migrate').description('bring the database to the current schema'),
    false,
  ).action(async (opts: ConfigFlags) => {
    const store = await openStore(configFrom(opts).db, { migrate: false });
    try {
      const ran = await store.migrate();
      out(ran.length === 0 ? 'database is up to date' : `applied migrations: ${ran.join(', ')}`);
    } finally {
      await store.close();
    }
  });

  const device = program.command('device').description('HJ 212 devices (data loggers)');
  withCommon(
    device
      .command('add')
      .description('register a device: its MN, password and the site it reports for')
      .requiredOption('--mn <mn>', 'HJ 212 device identifier (MN)')
      .requiredOption('--password <pw>', 'HJ 212 access password (PW); stored only as a hash')
      .requiredOption('--site <code>', 'code of the site the device reports for')
      .option('--protocol <version>', `protocol edition: ${PROTOCOL_VERSIONS.join(', ')}`, '2017'),
    false,
  ).action(async (opts: ConfigFlags & { mn: string; password: string; site: string; protocol: string }) => {
    const protocol: ProtocolVersion = parseChoice(opts.protocol, PROTOCOL_VERSIONS, '--protocol');
    await withServices(opts, async ({ devices }) => {
      const { device, site } = await devices.register(CLI_ACTOR, {
        mn: opts.mn,
        password: opts.password,
        site: opts.site,
        protocol,
      });
      out(`registered device ${device.mn} for site ${site.code} (${site.name}), protocol HJ 212-${protocol}`);
    });
  });

  withCommon(
    device
      .command('list')
      .description('list registered devices')
      .option('--json', 'one JSON object per line'),
    false,
  ).action((opts: ConfigFlags & { json?: boolean }) =>
    withServices(opts, async (services) => {
      const devices = await services.devices.all();
      for (const d of devices) {
        if (opts.json === true) out(JSON.stringify(d));
        else {
          out(
            `${d.mn.padEnd(26)} ${d.siteCode.padEnd(16)} HJ212-${d.protocol} ${d.enabled ? 'enabled ' : 'disabled'} last seen ${
              d.lastSeenAt?.toISOString() ?? 'never'
            }`,
          );
        }
      }
      if (opts.json !== true) out(`${devices.length} device(s)`);
    }),
  );

  withCommon(
    device
      .command('import')
      .description(
        'register many devices from a CSV file: mn,password,site[,protocol,site_name,site_kind,district,parent]',
      )
      .argument('<file>', 'CSV file with a header row'),
    false,
  ).action(async (file: string, opts: ConfigFlags) => {
    const text = await readFile(file, 'utf8').catch((e: unknown) => {
      throw new ConfigError('<file>', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    });
    await withServices(opts, async (services) => {
      const report = await importDevicesCsv(services, CLI_ACTOR, text);
      for (const e of report.errors) err(`${file}:${e.line}: ${e.message}`);
      for (const s of report.skipped) out(`${file}:${s.line}: ${s.mn} is already registered; left unchanged`);
      out(
        `${report.rows} row(s): ${report.added} device(s) registered, ${report.sitesCreated} site(s) created, ${report.skipped.length} skipped, ${report.errors.length} error(s)`,
      );
      if (report.errors.length > 0) throw new CliExit(1);
    });
  });

  const user = program.command('user').description('platform accounts');
  withCommon(
    user
      .command('add')
      .description('create an account')
      .requiredOption('--username <u>', 'login name')
      .requiredOption('--password <p>', 'password (at least 10 characters); stored only as a scrypt hash')
      .requiredOption('--role <role>', `one of ${USER_ROLES.join(', ')}`)
      .option('--district <code>', 'division code, for role district')
      .option('--enterprise <code>', 'enterprise site code, for role enterprise'),
    false,
  ).action(
    async (
      opts: ConfigFlags & {
        username: string;
        password: string;
        role: string;
        district?: string;
        enterprise?: string;
      },
    ) => {
      const role: UserRole = parseChoice(opts.role, USER_ROLES, '--role');
      await withServices(opts, async ({ accounts }) => {
        const u = await accounts.create(
          CLI_ACTOR,
          {
            username: opts.username,
            password: opts.password,
            role,
            district: opts.district,
            enterprise: opts.enterprise,
          },
          null,
        );
        out(`created user ${u.username} (${u.role})`);
      });
    },
  );

  addAuditCommand(program, {
    out,
    withCommon: (cmd) => withCommon(cmd, false),
    withServices,
  });

  addCityCommand(program, {
    out,
    err,
    withCommon: (cmd) => withCommon(cmd, false),
    withServices,
    exit: (code) => new CliExit(code),
  });

  addBackupCommand(program, {
    out,
    err,
    clock: systemClock,
    version: packageVersion(),
    withCommon: (cmd) => withCommon(cmd, false),
    dbOf: (opts) => configFrom(opts).db,
    exit: (code) => new CliExit(code),
  });

  registerSimCommand(program, out);
  registerImportCommand(program, out, {
    err,
    withCommon: (cmd) => withCommon(cmd, false),
    open: (opts) => openStore(configFrom(opts).db),
  });
  addWaterCommand(program, {
    out,
    err,
    clock: systemClock,
    withCommon: (cmd) => withCommon(cmd, false),
    open: (opts) => openStore(configFrom(opts).db),
  });

  addReportCommand(program, {
    out,
    clock: systemClock,
    withCommon: (cmd) => withCommon(cmd, false),
    open: (opts) => openStore(configFrom(opts).db),
    asSettingError,
  });

  // Calculators of the national standards; each standard's module adds its subcommand here.
  const calc = program
    .command('calc')
    .description('calculators of the national standards (one JSON object with --json)');
  registerCalcWaterCommand(calc, out);
  registerCalcAqiCommand(calc, out);
  registerCalcCarbonCommand(calc, out);

  return program;
}

/** Runs the CLI with arguments (without `node` and the script); resolves to the exit code. */
export async function main(
  argv: readonly string[],
  out: (line: string) => void = (l) => console.log(l),
  err: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  const program = buildProgram(out, err);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CliExit) return e.exitCode;
    if (e instanceof CommanderError) {
      return e.exitCode;
    }
    if (e instanceof ConfigError) {
      err(`qingshan: ${e.message}`);
      return 2;
    }
    err(`qingshan: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
