/**
 * The electronic transfer manifest's lifecycle (《危险废物转移管理办法》 2021, steps as in
 * docs/waste.md §3 [unverified article numbers]; statuses after the US EPA e-Manifest anchor), as a
 * pure table: states, the legal moves, and which party of the manifest may make each.
 */

/** Manifest states (API keys). */
export const MANIFEST_STATES = [
  'draft',
  'submitted',
  'in_transit',
  'received',
  'disposed',
  'rejected',
  'void',
] as const;
export type ManifestState = (typeof MANIFEST_STATES)[number];

/** The parties of one manifest: 移出人 consignor, 承运人 carrier, 接受人 receiver. */
export const MANIFEST_PARTIES = ['consignor', 'carrier', 'receiver'] as const;
export type ManifestParty = (typeof MANIFEST_PARTIES)[number];

/** What a move needs in its request besides `to`. */
export type ManifestNeed = 'vehicle' | 'pickedUpAt' | 'received' | 'reason' | 'method' | 'disposedOn';

export interface ManifestTransitionRule {
  from: ManifestState;
  to: ManifestState;
  action: string;
  by: ManifestParty;
  needs: readonly ManifestNeed[];
}

/** Every legal move; anything else is refused (409 naming the allowed next states). */
export const MANIFEST_TRANSITIONS: readonly ManifestTransitionRule[] = [
  { from: 'draft', to: 'submitted', action: 'submit (提交)', by: 'consignor', needs: [] },
  { from: 'draft', to: 'void', action: 'void (作废)', by: 'consignor', needs: ['reason'] },
  { from: 'submitted', to: 'void', action: 'void before pickup (作废)', by: 'consignor', needs: ['reason'] },
  {
    from: 'submitted',
    to: 'in_transit',
    action: 'confirm pickup (确认运输)',
    by: 'carrier',
    needs: ['vehicle', 'pickedUpAt'],
  },
  {
    from: 'in_transit',
    to: 'received',
    action: 'confirm receipt (确认接收)',
    by: 'receiver',
    needs: ['received'],
  },
  { from: 'in_transit', to: 'rejected', action: 'refuse (拒收)', by: 'receiver', needs: ['reason'] },
  {
    from: 'received',
    to: 'disposed',
    action: 'record utilisation/disposal (利用处置)',
    by: 'receiver',
    needs: ['method', 'disposedOn'],
  },
];

/** States with no move out. */
export const FINAL_MANIFEST_STATES: readonly ManifestState[] = ['disposed', 'rejected', 'void'];

/** The legal move from one state to another, if there is one. */
export function manifestRule(from: ManifestState, to: ManifestState): ManifestTransitionRule | undefined {
  return MANIFEST_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** States a manifest may move to from `from`, whoever asks. */
export function nextManifestStates(from: ManifestState): ManifestState[] {
  return MANIFEST_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/** The enterprise sites of a manifest's three parties. */
export interface ManifestPartySites {
  consignorSiteId: number;
  carrierSiteId: number;
  receiverSiteId: number;
}

/**
 * The parties an enterprise site holds on a manifest (one site may hold several, e.g. a generator
 * carrying its own waste). Bureau and district accounts hold none: they supervise, they do not sign.
 */
export function manifestPartiesOf(siteId: number | null, m: ManifestPartySites): ManifestParty[] {
  if (siteId === null) return [];
  const out: ManifestParty[] = [];
  if (m.consignorSiteId === siteId) out.push('consignor');
  if (m.carrierSiteId === siteId) out.push('carrier');
  if (m.receiverSiteId === siteId) out.push('receiver');
  return out;
}

/** The states this enterprise site may move the manifest to now. */
export function allowedManifestMoves(
  state: ManifestState,
  siteId: number | null,
  m: ManifestPartySites,
): ManifestState[] {
  const parties = manifestPartiesOf(siteId, m);
  return MANIFEST_TRANSITIONS.filter((t) => t.from === state && parties.includes(t.by)).map((t) => t.to);
}
