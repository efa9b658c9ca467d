/**
 * Account administration (admins, and `qingshan user add`): create, change role or binding,
 * enable or disable, reset a password. Every change is audited in the same transaction as the
 * account row, so there is never a change without its entry nor an entry without its change;
 * disabling an account or resetting its password ends its sessions, and a role change applies
 * from the next request (sessions read the account each time).
 */
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { BadInputError, ConflictError, NotFoundError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { User, UserRole } from '../store/types.js';

export type { User, UserRole } from '../store/types.js';

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

type AccountStore = Pick<Store, 'db' | 'users' | 'sessions' | 'sites' | 'districts'>;

export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every account, by username. */
  list(): Promise<User[]> {
    return this.store.users.list();
  }

  /** One account; NotFoundError when there is none. */
  async get(username: string): Promise<User> {
    const user = await this.store.users.getByUsername(username);
    if (!user) throw new NotFoundError(`user ${username}`);
    return user;
  }

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

  /**
   * Creates an account (audited as `user.created`). BadInputError names a wrong field;
   * ConflictError when the username is taken.
   */
  async create(actor: AuditActor, input: NewAccount, address: string | null): Promise<User> {
    if (await this.store.users.getByUsername(input.username)) {
      throw new ConflictError(`username: user ${input.username} already exists`);
    }
    const districtCode = await this.districtOf(input.district);
    const enterpriseSiteId = await this.enterpriseOf(input.enterprise);
    return this.store.db.transaction().execute(async (trx) => {
      const user = await this.store.users.add(
        {
          username: input.username,
          password: input.password,
          role: input.role,
          districtCode,
          enterpriseSiteId,
        },
        trx,
      );
      await this.audit.record(
        {
          action: 'user.created',
          actor,
          target: { type: 'user', id: user.username },
          details: {
            role: user.role,
            districtCode: user.districtCode,
            enterpriseSiteId: user.enterpriseSiteId,
          },
          address,
        },
        trx,
      );
      return user;
    });
  }

  /**
   * Changes an account's role, binding or enabled flag (audited as `user.updated` with what
   * changed; nothing is written when nothing changes). Disabling ends the account's sessions. An
   * admin may not demote or disable their own account (ConflictError).
   */
  async update(
    actor: AuditActor,
    username: string,
    patch: AccountPatch,
    address: string | null,
  ): Promise<User> {
    const before = await this.get(username);
    const role = patch.role ?? before.role;
    const districtCode =
      patch.district !== undefined ? await this.districtOf(patch.district) : before.districtCode;
    const enterpriseSiteId =
      patch.enterprise !== undefined ? await this.enterpriseOf(patch.enterprise) : before.enterpriseSiteId;
    if (actor.username === username && (role !== before.role || patch.enabled === false)) {
      throw new ConflictError('you cannot change the role of, or disable, your own account');
    }
    const bindingChanged =
      role !== before.role ||
      (role === 'district' && districtCode !== before.districtCode) ||
      (role === 'enterprise' && enterpriseSiteId !== before.enterpriseSiteId);
    const enabledChanged = patch.enabled !== undefined && patch.enabled !== before.enabled;
    if (!bindingChanged && !enabledChanged) return before;
    return this.store.db.transaction().execute(async (trx) => {
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      let after = before;
      if (bindingChanged) {
        after =
          (await this.store.users.setRole(username, { role, districtCode, enterpriseSiteId }, trx)) ?? before;
        for (const key of ['role', 'districtCode', 'enterpriseSiteId'] as const) {
          if (after[key] !== before[key]) changes[key] = { from: before[key], to: after[key] };
        }
      }
      if (patch.enabled !== undefined && enabledChanged) {
        await this.store.users.setEnabled(username, patch.enabled, trx);
        if (!patch.enabled)
          await this.store.sessions.revokeAllOf(before.id, this.clock.now(), undefined, trx);
        after = { ...after, enabled: patch.enabled };
        changes.enabled = { from: before.enabled, to: patch.enabled };
      }
      if (Object.keys(changes).length > 0) {
        await this.audit.record(
          {
            action: 'user.updated',
            actor,
            target: { type: 'user', id: username },
            details: { changes },
            address,
          },
          trx,
        );
      }
      return after;
    });
  }

  /**
   * Sets a new password chosen by an admin and ends every session of the account (audited as
   * `user.password_reset`, without the password).
   */
  async resetPassword(
    actor: AuditActor,
    username: string,
    password: string,
    address: string | null,
  ): Promise<void> {
    const user = await this.get(username);
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.users.setPassword(username, password, trx);
      const ended = await this.store.sessions.revokeAllOf(user.id, this.clock.now(), undefined, trx);
      await this.audit.record(
        {
          action: 'user.password_reset',
          actor,
          target: { type: 'user', id: username },
          details: { sessionsEnded: ended },
          address,
        },
        trx,
      );
    });
  }
}
