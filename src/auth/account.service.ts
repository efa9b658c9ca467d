/**
 * Account administration (admins): create, change role or binding, enable or disable, reset a
 * password. Every change is audited; disabling an account or resetting its password ends its
 * sessions, and a role change applies from the next request (sessions read the account each time).
 */
import { BadInputError } from '../errors.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import type { User, UserRole } from '../store/types.js';

/** A request that names no account, or one that clashes with the accounts there are. */
export class AccountError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export interface NewAccount {
  username: string;
  password: string;
  role: UserRole;
  /** Division code, for role district. */
  district?: string | undefined;
  /** Enterprise site code, for role enterprise. */
  enterprise?: string | undefined;
}

export interface AccountPatch {
  role?: UserRole | undefined;
  district?: string | null | undefined;
  enterprise?: string | null | undefined;
  enabled?: boolean | undefined;
}

type AccountStore = Pick<Store, 'users' | 'sessions' | 'sites' | 'districts'>;

export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async districtOf(code: string | null | undefined): Promise<string | null> {
    if (code === undefined || code === null) return null;
    if (!(await this.store.districts.get(code)))
      throw new BadInputError(`district: no district has code "${code}"`);
    return code;
  }

  private async enterpriseOf(code: string | null | undefined): Promise<number | null> {
    if (code === undefined || code === null) return null;
    const site = await this.store.sites.getByCode(code);
    if (!site || site.kind !== 'enterprise')
      throw new BadInputError(`enterprise: no enterprise has code "${code}"`);
    return site.id;
  }

  private async existing(username: string): Promise<User> {
    const user = await this.store.users.getByUsername(username);
    if (!user) throw new AccountError('not-found', `user ${username} not found`);
    return user;
  }

  async create(actor: AuditActor, input: NewAccount, address: string | null): Promise<User> {
    if (await this.store.users.getByUsername(input.username)) {
      throw new AccountError('conflict', `user ${input.username} already exists`);
    }
    const user = await this.store.users.add({
      username: input.username,
      password: input.password,
      role: input.role,
      districtCode: await this.districtOf(input.district),
      enterpriseSiteId: await this.enterpriseOf(input.enterprise),
    });
    await this.audit.record({
      action: 'user.created',
      actor,
      target: { type: 'user', id: user.username },
      details: { role: user.role, districtCode: user.districtCode, enterpriseSiteId: user.enterpriseSiteId },
      address,
    });
    return user;
  }

  async update(
    actor: AuditActor,
    username: string,
    patch: AccountPatch,
    address: string | null,
  ): Promise<User> {
    const before = await this.existing(username);
    const role = patch.role ?? before.role;
    const districtCode =
      patch.district !== undefined ? await this.districtOf(patch.district) : before.districtCode;
    const enterpriseSiteId =
      patch.enterprise !== undefined ? await this.enterpriseOf(patch.enterprise) : before.enterpriseSiteId;
    if (actor.username === username && (role !== before.role || patch.enabled === false)) {
      throw new AccountError('conflict', 'you cannot change the role of, or disable, your own account');
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    let after = before;
    const bindingChanged =
      role !== before.role ||
      (role === 'district' && districtCode !== before.districtCode) ||
      (role === 'enterprise' && enterpriseSiteId !== before.enterpriseSiteId);
    if (bindingChanged) {
      after = (await this.store.users.setRole(username, { role, districtCode, enterpriseSiteId })) ?? before;
      for (const key of ['role', 'districtCode', 'enterpriseSiteId'] as const) {
        if (after[key] !== before[key]) changes[key] = { from: before[key], to: after[key] };
      }
    }
    if (patch.enabled !== undefined && patch.enabled !== before.enabled) {
      await this.store.users.setEnabled(username, patch.enabled);
      if (!patch.enabled) await this.store.sessions.revokeAllOf(before.id, this.clock.now());
      after = { ...after, enabled: patch.enabled };
      changes.enabled = { from: before.enabled, to: patch.enabled };
    }
    if (Object.keys(changes).length > 0) {
      await this.audit.record({
        action: 'user.updated',
        actor,
        target: { type: 'user', id: username },
        details: { changes },
        address,
      });
    }
    return after;
  }

  /** Sets a new password chosen by an admin and ends every session of the account. */
  async resetPassword(
    actor: AuditActor,
    username: string,
    password: string,
    address: string | null,
  ): Promise<void> {
    const user = await this.existing(username);
    await this.store.users.setPassword(username, password);
    const ended = await this.store.sessions.revokeAllOf(user.id, this.clock.now());
    await this.audit.record({
      action: 'user.password_reset',
      actor,
      target: { type: 'user', id: username },
      details: { sessionsEnded: ended },
      address,
    });
  }
}
