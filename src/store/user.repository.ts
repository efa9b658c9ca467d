import type { Kysely, Selectable } from 'kysely';
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
}

function toUser(r: Selectable<UserTable>): User {
  return {
    id: r.id,
    username: r.username,
    role: r.role as UserRole,
    districtCode: r.district_code,
    enterpriseSiteId: r.enterprise_site_id,
    enabled: r.enabled === 1,
    createdAt: new Date(r.created_at),
  };
}

/** Minimum length of a user password. */
export const MIN_PASSWORD_LENGTH = 10;

/** Platform accounts. Passwords are kept only as scrypt hashes. */
export class UserRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async add(user: NewUser): Promise<User> {
    if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(user.username)) {
      throw new RangeError('username: 3–64 characters of letters, digits, _ . @ -');
    }
    if (user.password.length < MIN_PASSWORD_LENGTH) {
      throw new RangeError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    if (user.role === 'district' && !user.districtCode)
      throw new RangeError('district: required for role district');
    if (user.role === 'enterprise' && !user.enterpriseSiteId) {
      throw new RangeError('enterprise: required for role enterprise');
    }
    const row = await this.db
      .insertInto('users')
      .values({
        username: user.username,
        password_hash: await hashPassword(user.password),
        role: user.role,
        district_code: user.role === 'district' ? (user.districtCode ?? null) : null,
        enterprise_site_id: user.role === 'enterprise' ? (user.enterpriseSiteId ?? null) : null,
        enabled: 1,
        created_at: this.clock.now().getTime(),
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

  /** The user when the password matches and the account is enabled, else null. */
  async verify(username: string, password: string): Promise<User | null> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    if (!r || r.enabled !== 1) return null;
    return (await verifyPassword(password, r.password_hash)) ? toUser(r) : null;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return rows.map(toUser);
  }
}
