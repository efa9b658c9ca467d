/**
 * Logins, sessions and the login rate limit. A token is 32 random bytes; only its SHA-256 is
 * stored, with an expiry, so any API process can check it and a leaked database holds no live
 * token. Failed logins are counted in the database per username and per client address over a
 * sliding window, so the limit holds across processes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import type { SessionRepository } from '../store/session.repository.js';
import type { User } from '../store/types.js';
import type { UserRepository } from '../store/user.repository.js';
import type { Principal } from './access.js';

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

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  tokenTtlMs: 8 * 60 * 60 * 1000,
  failureWindowMs: 15 * 60 * 1000,
  maxFailuresPerUser: 5,
  maxFailuresPerAddress: 20,
};

export type LoginOutcome =
  | { ok: true; token: string; expiresAt: Date; user: User }
  | { ok: false; reason: 'bad_credentials' | 'demo_account' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export type PasswordChangeOutcome = 'changed' | 'bad_credentials' | 'rate_limited';

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
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditService;
  clock: Clock;
  mode: AppMode;
  settings?: Partial<AuthSettings>;
}

export class AuthService {
  readonly settings: AuthSettings;
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;
  private readonly audit: AuditService;
  private readonly clock: Clock;
  readonly mode: AppMode;

  constructor(deps: AuthServiceDeps) {
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

  private async failed(username: string, address: string): Promise<void> {
    const now = this.clock.now();
    await this.sessions.recordFailure(username, address, now);
    await this.sessions.pruneFailures(new Date(now.getTime() - this.settings.failureWindowMs));
  }

  /**
   * Checks a username and password and opens a session. Refused: over the rate limit (checked
   * before the password, so a locked account costs no scrypt), a wrong password, an unknown or
   * disabled account (all three answer alike), or a demo account while running `serve`.
   */
  async login(username: string, password: string, address: string): Promise<LoginOutcome> {
    const retryAfterSeconds = await this.lockedFor(username, address);
    if (retryAfterSeconds > 0) return { ok: false, reason: 'rate_limited', retryAfterSeconds };

    const target = { type: 'user', id: username.slice(0, 64) };
    const user = await this.users.verify(username, password);
    if (user === null) {
      await this.failed(username, address);
      await this.audit.record({
        action: 'auth.login_failed',
        actor: null,
        target,
        details: { reason: 'bad_credentials' },
        address,
      });
      return { ok: false, reason: 'bad_credentials' };
    }
    if (user.demo && this.mode === 'serve') {
      await this.audit.record({
        action: 'auth.login_failed',
        actor: null,
        target,
        details: { reason: 'demo_account_in_serve_mode' },
        address,
      });
      return { ok: false, reason: 'demo_account' };
    }

    const now = this.clock.now();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + this.settings.tokenTtlMs);
    await this.sessions.create({
      tokenHash: tokenHash(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      address,
    });
    await this.sessions.clearFailures(username);
    await this.sessions.pruneSessions(now);
    await this.audit.record({
      action: 'auth.login',
      actor: { username: user.username, role: user.role },
      target: { type: 'user', id: user.username },
      details: { expiresAt: expiresAt.toISOString() },
      address,
    });
    return { ok: true, token, expiresAt, user };
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

  /** Ends the caller's session. */
  async logout(principal: Principal, address: string): Promise<void> {
    await this.sessions.revoke(principal.sessionHash, this.clock.now());
    await this.audit.record({
      action: 'auth.logout',
      actor: { username: principal.username, role: principal.role },
      target: { type: 'user', id: principal.username },
      address,
    });
  }

  /**
   * Changes the caller's own password after checking the current one (failures count towards the
   * rate limit); every other session of the account ends.
   */
  async changePassword(
    principal: Principal,
    current: string,
    next: string,
    address: string,
  ): Promise<PasswordChangeOutcome> {
    if ((await this.lockedFor(principal.username, address)) > 0) return 'rate_limited';
    if ((await this.users.verify(principal.username, current)) === null) {
      await this.failed(principal.username, address);
      return 'bad_credentials';
    }
    await this.users.setPassword(principal.username, next);
    const ended = await this.sessions.revokeAllOf(principal.userId, this.clock.now(), principal.sessionHash);
    await this.audit.record({
      action: 'auth.password_changed',
      actor: { username: principal.username, role: principal.role },
      target: { type: 'user', id: principal.username },
      details: { otherSessionsEnded: ended },
      address,
    });
    return 'changed';
  }
}
