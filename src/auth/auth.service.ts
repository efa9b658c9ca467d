/**
 * Logins, sessions and the login rate limit. A token is 32 random bytes; only its SHA-256 is
 * stored, with an expiry, so any API process can check it and a leaked database holds no live
 * token. Failed logins are counted in the database per username and per client address over a
 * sliding window, so the limit holds across processes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { DomainError, ForbiddenError } from '../errors.js';
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
  /** Failed logins of one username within the window after which logins are refused. */
  maxFailuresPerUser: number;
  /** Failed logins from one client address within the window after which logins are refused. */
  maxFailuresPerAddress: number;
}

const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  tokenTtlMs: 8 * 60 * 60 * 1000,
  failureWindowMs: 15 * 60 * 1000,
  maxFailuresPerUser: 5,
  maxFailuresPerAddress: 20,
};

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
  settings?: Partial<AuthSettings>;
}

export class AuthService {
  readonly settings: AuthSettings;
  private readonly db: Kysely<Database>;
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;
  private readonly audit: AuditService;
  private readonly clock: Clock;
  readonly mode: AppMode;

  constructor(deps: AuthServiceDeps) {
    this.db = deps.db;
    this.users = deps.users;
    this.sessions = deps.sessions;
    this.audit = deps.audit;
    this.clock = deps.clock;
    this.mode = deps.mode;
    this.settings = { ...DEFAULT_AUTH_SETTINGS, ...deps.settings };
  }

  /** Seconds until a login is allowed again, or 0 when it is allowed now. */
  private async lockedFor(username: string, address: string): Promise<number> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.settings.failureWindowMs);
    const limits = [
      { key: { username }, max: this.settings.maxFailuresPerUser },
      { key: { address }, max: this.settings.maxFailuresPerAddress },
    ];
    let wait = 0;
    for (const { key, max } of limits) {
      if ((await this.sessions.countFailures(key, since)) < max) continue;
      const oldest = await this.sessions.oldestFailure(key, since);
      const liftsAt = (oldest?.getTime() ?? now.getTime()) + this.settings.failureWindowMs;
      wait = Math.max(wait, Math.ceil((liftsAt - now.getTime()) / 1000));
    }
    return Math.max(wait, 0);
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
   * TooManyAttemptsError over the rate limit (checked before the password, so a locked account
   * costs no scrypt); with UnauthorizedError for a wrong password, an unknown or disabled account
   * (all three answer alike) or a demo account while running `serve` (each audited as
   * `auth.login_failed`).
   */
  async login(username: string, password: string, address: string): Promise<Login> {
    const retryAfterSeconds = await this.lockedFor(username, address);
    if (retryAfterSeconds > 0) {
      throw new TooManyAttemptsError(
        `too many failed logins; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
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
    if ((await this.lockedFor(principal.username, address)) > 0) {
      throw new TooManyAttemptsError('too many failed attempts; try again later');
    }
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
