import { hasRole, type Role } from '@newsroom/domain';
import type { Me } from './signed-in';

/**
 * Whether the signed-in person may use a room that needs `role`: 'ok', or why not. Someone who
 * owes a second factor may do nothing but add one (the API refuses them everything else), so
 * they are told that rather than shown a page whose every call would fail.
 */
export type RoomAccess = 'ok' | 'role' | 'second-factor';

export function roomAccess(me: Me, role: Role): RoomAccess {
  if (!hasRole(me.person.role, role)) return 'role';
  if (me.mustEnrolSecondFactor) return 'second-factor';
  return 'ok';
}
