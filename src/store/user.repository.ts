import { BadInputError } from '../errors.js';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { hashPassword, verifyPassword } from './password.js';
import type { Database, UserTable } from './schema.js';
import type { User, UserRole } from './types.js';

export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
  districtCode?: string | null;
  enterpriseSiteId?: number | null;
  /** Marks an account made by `qingshan demo`. */
  demo?: boolean;
}

/** A role with the district or enterprise it is bound to. */
export interface RoleBinding {
  role: UserRole;
  districtCode?: string | null;
  enterpriseSiteId?: number | null;
}

/** Maps a users row to a User (also used by the session lookup's join). */
export function toUser(r: Selectable<UserTable>): User {
  return {
    id: r.id,
    username: r.username,
    role: r.role as UserRole,
    districtCode: r.district_code,
    enterpriseSiteId: r.enterprise_site_id,
    enabled: r.enabled === 1,
    createdAt: new Date(r.created_at),
    demo: r.demo === 1,
  };
}

/** Minimum length of a user password. */
const MIN_PASSWORD_LENGTH = 10;
/** Maximum length of a user password (bounds the work of one scrypt call). */
const MAX_PASSWORD_LENGTH = 256;

/** Throws a BadInputError naming the rule when a password is too short or too long. */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new BadInputError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new BadInputError(`password: at most ${MAX_PASSWORD_LENGTH} characters`);
  }
}

function bindingColumns(b: RoleBinding): { district_code: string | null; enterprise_site_id: number | null } {
  if (b.role === 'district' && !b.districtCode)
    throw new BadInputError('district: required for role district');
  if (b.role === 'enterprise' && !b.enterpriseSiteId) {
    throw new BadInputError('enterprise: required for role enterprise');
  }
  return {
    district_code: b.role === 'district' ? (b.districtCode ?? null) : null,
    enterprise_site_id: b.role === 'enterprise' ? (b.enterpriseSiteId ?? null) : null,
  };
}

/**
 * Platform accounts. Passwords are kept only as scrypt hashes. Write methods take an optional
 * transaction, so that a service commits the change with its audit entry.
 */
export class UserRepository {
  /** A hash checked against when the user is unknown, so that the answer takes as long either way. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async add(user: NewUser, trx?: Transaction<Database>): Promise<User> {
    if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(user.username)) {
      throw new BadInputError('username: 3–64 characters of letters, digits, _ . @ -');
    }
    checkPassword(user.password);
    const binding = bindingColumns(user);
    const row = await (trx ?? this.db)
      .insertInto('users')
      .values({
        username: user.username,
        password_hash: await hashPassword(user.password),
        role: user.role,
        ...binding,
        enabled: 1,
        created_at: this.clock.now().getTime(),
        demo: user.demo === true ? 1 : 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  }

  async getByUsername(username: string): Promise<User | null> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async getById(id: number): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  /** The user when the password matches and the account is enabled, else null. */
  async verify(username: string, password: string): Promise<User | null> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    if (!r) {
      this.dummyHash ??= hashPassword('no such user, no such password');
      await verifyPassword(password, await this.dummyHash);
      return null;
    }
    const ok = await verifyPassword(password, r.password_hash);
    return ok && r.enabled === 1 ? toUser(r) : null;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map(toUser);
  }

  /** Replaces a user's password; false when there is no such user. */
  async setPassword(username: string, password: string, trx?: Transaction<Database>): Promise<boolean> {
    checkPassword(password);
    const res = await (trx ?? this.db)
      .updateTable('users')
      .set({ password_hash: await hashPassword(password) })
      .where('username', '=', username)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Enables or disables an account; false when there is no such user. */
  async setEnabled(username: string, enabled: boolean, trx?: Transaction<Database>): Promise<boolean> {
    const res = await (trx ?? this.db)
      .updateTable('users')
      .set({ enabled: enabled ? 1 : 0 })
      .where('username', '=', username)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Changes a user's role and its district or enterprise binding; null when there is no such user. */
  async setRole(username: string, binding: RoleBinding, trx?: Transaction<Database>): Promise<User | null> {
    const row = await (trx ?? this.db)
      .updateTable('users')
      .set({ role: binding.role, ...bindingColumns(binding) })
      .where('username', '=', username)
      .returningAll()
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }
}
