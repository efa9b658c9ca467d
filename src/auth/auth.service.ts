/**
 * Logins, sessions and the login rate limit. A token is 32 random bytes; only its SHA-256 is
 * stored, with an expiry, so any API process can check it and a leaked database holds no live
 * token. Failed logins are counted in the database over a sliding window, so the limit holds across
 * processes (docs/security.md §2): a username is locked only for the address that guessed wrong, and
 * failures from anywhere slow further attempts down, never lock out the right password from elsewhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { DomainError, ForbiddenError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/schema.js';
import type { SessionRepository } from '../store/session.repository.js';
import type { User } from '../store/types.js';
import type { UserRepository } from '../store/user.repository.js';
import { checkPassword } from '../store/user.repository.js';
import type { Principal } from './access.js';

/** Not logged in, or the login was refused (401): a wrong password, a demo account under serve. */
export class UnauthorizedError extends DomainError {
  constructor(message: string) {
    super('unauthorized', message);
  }
}

/** Too many failed attempts (429); `retryAfterSeconds` says when to try again, where known. */
export class TooManyAttemptsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super('too-many-requests', message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
  }
}

/** How the platform runs: `demo` accepts the demo accounts, `serve` refuses them. */
export type AppMode = 'serve' | 'demo';

export interface AuthSettings {
  /** Lifetime of a login token in ms. */
  tokenTtlMs: number;
  /** Window over which failed logins are counted, in ms. */
  failureWindowMs: number;
  /**
   * Failed logins of one username from one client address within the window after which that
   * address may not try that username again until the window lifts (429). Other addresses may.
   */
  maxFailuresPerUserAddress: number;
  /** Failed logins of one username, from any address, after which each attempt is slowed down. */
  slowdownAfterUserFailures: number;
  /** Failed logins from one address, for any username, after which each attempt is slowed down. */
  slowdownAfterAddressFailures: number;
  /** The first slowdown, ms; it doubles with every further failure up to {@link slowdownMaxMs}. */
  slowdownBaseMs: number;
  /** The longest slowdown of one attempt, ms. */
  slowdownMaxMs: number;
}

const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  tokenTtlMs: 8 * 60 * 60 * 1000,
  failureWindowMs: 15 * 60 * 1000,
  maxFailuresPerUserAddress: 5,
  slowdownAfterUserFailures: 5,
  slowdownAfterAddressFailures: 10,
  slowdownBaseMs: 500,
  slowdownMaxMs: 8_000,
};

/**
 * The slowdown of one login attempt after `failures` failed ones, ms: nothing below `after`, then
 * `baseMs`, doubling per further failure, at most `maxMs` (docs/security.md §2).
 */
export function slowdownMs(failures: number, after: number, baseMs: number, maxMs: number): number {
  if (failures < after) return 0;
  const doublings = Math.min(failures - after, 30);
  return Math.min(baseMs * 2 ** doublings, maxMs);
}

/** Waits `ms` milliseconds (the real timer; tests pass one that records instead). */
function realPause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An open session: the bearer token (shown once, never stored), its expiry and the account. */
export interface Login {
  token: string;
  expiresAt: Date;
  user: User;
}

const TOKEN_PREFIX = 'qs_';
const TOKEN_PATTERN = /^qs_[A-Za-z0-9_-]{43}$/;

/** SHA-256 hex of a token: what the sessions table keys on. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export interface AuthServiceDeps {
  /** The database, for the transactions that commit a change with its audit entry. */
  db: Kysely<Database>;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditService;
  clock: Clock;
  mode: AppMode;
  settings?: Partial<AuthSettings> | undefined;
  /** Where the login events (slowed, locked) are logged; usernames only, never a password. */
  logger?: Logger | undefined;
  /** How a slowed attempt waits; the real timer by default. */
  pause?: ((ms: number) => Promise<void>) | undefined;
}

export class AuthService {
  readonly settings: AuthSettings;
  private readonly db: Kysely<Database>;
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;
  private readonly audit: AuditService;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly pause: (ms: number) => Promise<void>;
  readonly mode: AppMode;

  constructor(deps: AuthServiceDeps) {
    this.logger = deps.logger;
    this.pause = deps.pause ?? realPause;
    this.db = deps.db;
    this.users = deps.users;
    this.sessions = deps.sessions;
    this.audit = deps.audit;
    this.clock = deps.clock;
    this.mode = deps.mode;
    this.settings = { ...DEFAULT_AUTH_SETTINGS, ...deps.settings };
  }

  /**
   * Seconds until this address may try this username again, or 0 when it may now. Only the pair is
   * locked: the same username from another address, and other usernames from this one, are not.
   */
  private async lockedFor(username: string, address: string): Promise<number> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.settings.failureWindowMs);
    const key = { username, address };
    if ((await this.sessions.countFailures(key, since)) < this.settings.maxFailuresPerUserAddress) return 0;
    const oldest = await this.sessions.oldestFailure(key, since);
    const liftsAt = (oldest?.getTime() ?? now.getTime()) + this.settings.failureWindowMs;
    return Math.max(Math.ceil((liftsAt - now.getTime()) / 1000), 0);
  }

  /**
   * The slowdown of an attempt on this username from this address, ms: the longer of the
   * username's (failures from every address) and the address's (failures for every username).
   */
  async slowdownFor(username: string, address: string): Promise<number> {
    const s = this.settings;
    const since = new Date(this.clock.now().getTime() - s.failureWindowMs);
    const byUser = await this.sessions.countFailures({ username }, since);
    const byAddress = await this.sessions.countFailures({ address }, since);
    return Math.max(
      slowdownMs(byUser, s.slowdownAfterUserFailures, s.slowdownBaseMs, s.slowdownMaxMs),
      slowdownMs(byAddress, s.slowdownAfterAddressFailures, s.slowdownBaseMs, s.slowdownMaxMs),
    );
  }

  /** Refuses a locked (username, address) pair, then waits out the slowdown; logs both. */
  private async throttle(username: string, address: string): Promise<void> {
    const retryAfterSeconds = await this.lockedFor(username, address);
    if (retryAfterSeconds > 0) {
      this.logger?.warn(
        { event: 'auth.login_locked', username: username.slice(0, 64), address, retryAfterSeconds },
        'login refused: too many failures for this username from this address',
      );
      throw new TooManyAttemptsError(
        `too many failed logins for this account from this address; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    const delayMs = await this.slowdownFor(username, address);
    if (delayMs > 0) {
      this.logger?.warn(
        { event: 'auth.login_slowed', username: username.slice(0, 64), address, delayMs },
        'login slowed down after failed attempts',
      );
      await this.pause(delayMs);
    }
  }

  /** Counts a failed attempt towards the rate limit and forgets those older than the window. */
  private async failed(username: string, address: string, trx: Transaction<Database>): Promise<void> {
    const now = this.clock.now();
    await this.sessions.recordFailure(username, address, now, trx);
    await this.sessions.pruneFailures(new Date(now.getTime() - this.settings.failureWindowMs), trx);
  }

  /** Records a refused login with its failure count, in one transaction. */
  private async refuse(username: string, address: string, reason: string, countIt: boolean): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (countIt) await this.failed(username, address, trx);
      await this.audit.record(
        {
          action: 'auth.login_failed',
          actor: null,
          target: { type: 'user', id: username.slice(0, 64) },
          details: { reason },
          address,
        },
        trx,
      );
    });
  }

  /**
   * Checks a username and password and opens a session (audited as `auth.login`). Refused with
   * TooManyAttemptsError when this address has used up its attempts on this username (checked
   * before the password, so it costs no scrypt); slowed down, never refused, after failures from
   * elsewhere; refused with UnauthorizedError for a wrong password, an unknown or disabled account
   * (all three answer alike) or a demo account while running `serve` (each audited as
   * `auth.login_failed`).
   */
  async login(username: string, password: string, address: string): Promise<Login> {
    await this.throttle(username, address);
    const user = await this.users.verify(username, password);
    if (user === null) {
      await this.refuse(username, address, 'bad_credentials', true);
      throw new UnauthorizedError('wrong username or password');
    }
    if (user.demo && this.mode === 'serve') {
      await this.refuse(username, address, 'demo_account_in_serve_mode', false);
      throw new UnauthorizedError(
        'demo accounts work only under `qingshan demo`; create a real account with `qingshan user add`',
      );
    }

    const now = this.clock.now();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + this.settings.tokenTtlMs);
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.create(
        { tokenHash: tokenHash(token), userId: user.id, createdAt: now, expiresAt, address },
        trx,
      );
      await this.sessions.clearFailures(username, trx);
      await this.sessions.pruneSessions(now, trx);
      await this.audit.record(
        {
          action: 'auth.login',
          actor: { username: user.username, role: user.role },
          target: { type: 'user', id: user.username },
          details: { expiresAt: expiresAt.toISOString() },
          address,
        },
        trx,
      );
    });
    return { token, expiresAt, user };
  }

  /** The caller behind a bearer token, or null when it is malformed, unknown, expired or revoked. */
  async authenticate(token: string): Promise<Principal | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const session = await this.sessions.findActive(tokenHash(token), this.clock.now());
    if (session === null) return null;
    const { user } = session;
    if (user.demo && this.mode === 'serve') return null;
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      districtCode: user.districtCode,
      enterpriseSiteId: user.enterpriseSiteId,
      sessionHash: session.tokenHash,
      expiresAt: session.expiresAt,
    };
  }

  /** The caller's account as it is now; UnauthorizedError when it no longer exists. */
  async me(principal: Principal): Promise<User> {
    const user = await this.users.getById(principal.userId);
    if (!user) throw new UnauthorizedError('the account no longer exists');
    return user;
  }

  /** Ends the caller's session (audited as `auth.logout`). */
  async logout(principal: Principal, address: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.sessions.revoke(principal.sessionHash, this.clock.now(), trx);
      await this.audit.record(
        {
          action: 'auth.logout',
          actor: { username: principal.username, role: principal.role },
          target: { type: 'user', id: principal.username },
          address,
        },
        trx,
      );
    });
  }

  /**
   * Changes the caller's own password after checking the new one's length and the current one
   * (failures count towards the rate limit); every other session of the account ends (audited as
   * `auth.password_changed`). BadInputError for a new password out of bounds, ForbiddenError for
   * a wrong current one, TooManyAttemptsError over the rate limit.
   */
  async changePassword(principal: Principal, current: string, next: string, address: string): Promise<void> {
    checkPassword(next);
    await this.throttle(principal.username, address);
    if ((await this.users.verify(principal.username, current)) === null) {
      await this.db.transaction().execute((trx) => this.failed(principal.username, address, trx));
      throw new ForbiddenError('the current password is wrong');
    }
    await this.db.transaction().execute(async (trx) => {
      await this.users.setPassword(principal.username, next, trx);
      const ended = await this.sessions.revokeAllOf(
        principal.userId,
        this.clock.now(),
        principal.sessionHash,
        trx,
      );
      await this.audit.record(
        {
          action: 'auth.password_changed',
          actor: { username: principal.username, role: principal.role },
          target: { type: 'user', id: principal.username },
          details: { otherSessionsEnded: ended },
          address,
        },
        trx,
      );
    });
  }
}
