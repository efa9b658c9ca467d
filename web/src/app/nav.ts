/** Which pages each role sees (the server enforces the same on every endpoint). */
import type { UserRole } from '../api/types';

export type PageKey =
  | 'cockpit'
  | 'air'
  | 'water'
  | 'sources'
  | 'carbon'
  | 'alarms'
  | 'cases'
  | 'waste'
  | 'response'
  | 'indicators'
  | 'reports'
  | 'admin';

export const NAV: readonly { key: PageKey; path: string; roles: readonly UserRole[] }[] = [
  { key: 'cockpit', path: '/', roles: ['admin', 'supervisor', 'district', 'operator', 'enterprise'] },
  { key: 'air', path: '/air', roles: ['admin', 'supervisor', 'district', 'operator', 'enterprise'] },
  { key: 'water', path: '/water', roles: ['admin', 'supervisor', 'district', 'operator', 'enterprise'] },
  { key: 'sources', path: '/sources', roles: ['admin', 'supervisor', 'district', 'operator', 'enterprise'] },
  { key: 'carbon', path: '/carbon', roles: ['admin', 'supervisor', 'district', 'enterprise'] },
  { key: 'alarms', path: '/alarms', roles: ['admin', 'supervisor', 'district', 'operator', 'enterprise'] },
  { key: 'cases', path: '/cases', roles: ['admin', 'supervisor', 'district', 'enterprise'] },
  { key: 'waste', path: '/waste', roles: ['admin', 'supervisor', 'district', 'operator', 'enterprise'] },
  {
    key: 'response',
    path: '/response',
    roles: ['admin', 'supervisor', 'district', 'operator', 'enterprise'],
  },
  { key: 'indicators', path: '/indicators', roles: ['admin', 'supervisor', 'district', 'operator'] },
  { key: 'reports', path: '/reports', roles: ['admin', 'supervisor', 'district', 'operator', 'enterprise'] },
  { key: 'admin', path: '/admin', roles: ['admin', 'supervisor', 'operator'] },
];

/** Roles that may read raw readings, devices and packets (GET /readings, /devices). */
export const READING_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'operator'];
/** Roles that may read the packet log and listener counters. */
export const PACKET_ROLES: readonly UserRole[] = ['admin', 'operator'];

export function navFor(role: UserRole): typeof NAV {
  return NAV.filter((n) => n.roles.includes(role));
}
