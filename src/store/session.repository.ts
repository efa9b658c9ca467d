import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { User } from './types.js';
import { toUser } from './user.repository.js';

export interface NewSession {
  /** SHA-256 of the bearer token (hex); the token itself is never stored. */
  tokenHash: string;
  userId: number;
  createdAt: Date;
  expiresAt: Date;
  address: string | null;
}

/** A live session with the account it belongs to, as read on every authenticated request. */
export interface ActiveSession {
  tokenHash: string;
  expiresAt: Date;
  user: User;
}

/** What a failure count is taken over: one username, one client address, or either. */
export interface FailureKey {
  username?: string;
  address?: string;
}

/**
 * Login sessions and failed-login records. Both live in the database, not in a process, so that
 * several API processes share logins and the rate limit. Write methods take an optional
 * transaction, so that a service commits them with its audit entry.
 */
export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(s: NewSession, trx?: Transaction<Database>): Promise<void> {
    await (trx ?? this.db)
      .insertInto('sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        created_at: s.createdAt.getTime(),
        expires_at: s.expiresAt.getTime(),
        revoked_at: null,
        address: s.address,
      })
      .execute();
  }

  /** The session of a token hash when it is unexpired at `now`, unrevoked and its account enabled. */
  async findActive(tokenHash: string, now: Date): Promise<ActiveSession | null> {
    const r = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.token_hash as s_token_hash', 'sessions.expires_at as s_expires_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now.getTime())
      .where('sessions.revoked_at', 'is', null)
      .where('users.enabled', '=', 1)
      .executeTakeFirst();
    if (!r) return null;
    return { tokenHash: r.s_token_hash, expiresAt: new Date(r.s_expires_at), user: toUser(r) };
  }

  /** Ends one session; false when it was not live. */
  async revoke(tokenHash: string, at: Date, trx?: Transaction<Database>): Promise<boolean> {
    const res = await (trx ?? this.db)
      .updateTable('sessions')
      .set({ revoked_at: at.getTime() })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Ends every live session of a user except, optionally, one; returns how many it ended. */
  async revokeAllOf(
    userId: number,
    at: Date,
    exceptTokenHash?: string,
    trx?: Transaction<Database>,
  ): Promise<number> {
    let q = (trx ?? this.db)
      .updateTable('sessions')
      .set({ revoked_at: at.getTime() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptTokenHash !== undefined) q = q.where('token_hash', '!=', exceptTokenHash);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Deletes sessions that ended before `before`; returns how many. */
  async pruneSessions(before: Date, trx?: Transaction<Database>): Promise<number> {
    const res = await (trx ?? this.db)
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([eb('expires_at', '<', before.getTime()), eb('revoked_at', '<', before.getTime())]),
      )
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async recordFailure(
    username: string,
    address: string,
    at: Date,
    trx?: Transaction<Database>,
  ): Promise<void> {
    await (trx ?? this.db)
      .insertInto('login_failures')
      .values({ username, address, at: at.getTime() })
      .execute();
  }

  /** Failed logins since `since` for a username or an address (or both, when both are given). */
  async countFailures(key: FailureKey, since: Date): Promise<number> {
    let q = this.db.selectFrom('login_failures').where('at', '>=', since.getTime());
    if (key.username !== undefined) q = q.where('username', '=', key.username);
    if (key.address !== undefined) q = q.where('address', '=', key.address);
    const r = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The time of the oldest failure since `since` for a key, or null (to say when a limit lifts). */
  async oldestFailure(key: FailureKey, since: Date): Promise<Date | null> {
    let q = this.db.selectFrom('login_failures').where('at', '>=', since.getTime());
    if (key.username !== undefined) q = q.where('username', '=', key.username);
    if (key.address !== undefined) q = q.where('address', '=', key.address);
    const r = await q.select((eb) => eb.fn.min<number>('at').as('t')).executeTakeFirst();
    return r?.t === null || r?.t === undefined ? null : new Date(Number(r.t));
  }

  /** Forgets a username's failures (after a successful login). */
  async clearFailures(username: string, trx?: Transaction<Database>): Promise<void> {
    await (trx ?? this.db).deleteFrom('login_failures').where('username', '=', username).execute();
  }

  /** Deletes failures older than `before`; returns how many. */
  async pruneFailures(before: Date, trx?: Transaction<Database>): Promise<number> {
    const res = await (trx ?? this.db)
      .deleteFrom('login_failures')
      .where('at', '<', before.getTime())
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
