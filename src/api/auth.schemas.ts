/**
 * Shapes of logins and sessions, and who may call what: the role lists that routes declare as
 * their access and that the web uses to show only what a role may use.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { InstantSchema } from './common.schemas.js';
import type { UserRole } from './user.schemas.js';
import { PasswordSchema, UserSchema, UsernameSchema } from './user.schemas.js';

/** The bureau: administrators and staff (outlet limits, settings). */
export const BUREAU_ROLES: readonly UserRole[] = ['admin', 'supervisor'];
/** Who reviews data: corrections of readings, lab results. */
export const DATA_REVIEW_ROLES: readonly UserRole[] = ['supervisor', 'operator'];
/** Who changes device credentials (password, allowed addresses, enabled). */
export const DEVICE_ADMIN_ROLES: readonly UserRole[] = ['admin', 'operator'];
/** Who reads raw readings and the device list. */
export const READING_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'operator'];
/** Who reads the HJ 212 packet log and the listener's counters. */
export const PACKET_ROLES: readonly UserRole[] = ['admin', 'operator'];
/** Who administers accounts and reads the audit trail. */
export const ACCOUNT_ADMIN_ROLES: readonly UserRole[] = ['admin'];

export const LoginBodySchema = Type.Object(
  { username: UsernameSchema, password: PasswordSchema },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const LoginSchema = Type.Object({
  token: Type.String({ description: 'Send as Authorization: Bearer <token>' }),
  expiresAt: InstantSchema,
  user: UserSchema,
});
export type LoginDto = Static<typeof LoginSchema>;

export const SessionSchema = Type.Object({ user: UserSchema, expiresAt: InstantSchema });
export type SessionDto = Static<typeof SessionSchema>;

export const PasswordChangeBodySchema = Type.Object(
  { currentPassword: PasswordSchema, newPassword: PasswordSchema },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBodySchema>;
