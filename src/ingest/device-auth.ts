/**
 * Device checks for the HJ 212 listener: MN known, enabled, PW right, peer address allowed. The
 * answer is remembered for a few seconds per (MN, PW, address), so a busy logger costs one store
 * lookup per interval, not one per packet; a disabled device or a changed password takes effect
 * within that interval on every process.
 */
import type { Clock } from '../clock.js';
import type { DeviceAuthResult, DeviceRepository } from '../store/device.repository.js';

const DEVICE_AUTH_TTL_MS = 5000;
const MAX_ENTRIES = 50_000;

export class DeviceAuthCache {
  private readonly entries = new Map<string, { result: Promise<DeviceAuthResult>; expires: number }>();

  constructor(
    private readonly devices: DeviceRepository,
    private readonly clock: Clock,
    private readonly ttlMs = DEVICE_AUTH_TTL_MS,
  ) {}

  /**
   * The check for one packet. Concurrent packets of the same logger share one pending check, so a
   * burst after a reconnect costs one password hash, not one per packet.
   */
  authenticate(mn: string, password: string, address: string | undefined): Promise<DeviceAuthResult> {
    const key = `${mn}\u0000${password}\u0000${address ?? ''}`;
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.expires > now) return hit.result;
    const result = this.devices.authenticate(mn, password, address);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { result, expires: now + this.ttlMs });
    // A failed lookup (store error) is not remembered.
    result.catch(() => this.entries.delete(key));
    return result;
  }
}
