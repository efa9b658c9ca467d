/**
 * The closed loop of a problem (发现 → 核实 → 交办 → 整改 → 自验 → 验收 → 公示 → 销号), as a pure
 * table: states, the legal transitions, and which party may make each. The loop follows the
 * central environmental inspection's rectification practice (docs/standards/cases.md §1, §2: "拉条挂账、
 * 督办落实、办结销号"); the exact state names are this platform's synthesis, not an official schema.
 */
import type { UserRole } from '../store/types.js';

/** Case states, in loop order. */
export const CASE_STATES = [
  'discovered',
  'verified',
  'dismissed',
  'assigned',
  'rectifying',
  'self_checked',
  'under_acceptance',
  'publicised',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Where a problem came from: an alarm, an inspection, a public complaint (12369 hotline, petitions), a superior's assignment, or entered by hand. */
export const CASE_SOURCES = ['alarm', 'inspection', 'complaint', 'superior', 'manual'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** What the problem is about. */
export const CASE_SUBJECT_TYPES = ['site', 'enterprise', 'district', 'water_body'] as const;
export type CaseSubjectType = (typeof CASE_SUBJECT_TYPES)[number];

/** Kinds of problem, for filters and figures. */
export const CASE_CATEGORIES = [
  'air',
  'water',
  'emission_exceedance',
  'monitoring_data',
  'solid_waste',
  'noise',
  'soil',
  'ecology',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Who must fix it: a district (county) government, a department, or an enterprise. */
export const RESPONSIBLE_TYPES = ['district', 'department', 'enterprise'] as const;

export type ResponsibleUnit =
  | { type: 'district'; code: string; name: string }
  | { type: 'enterprise'; siteId: number; code: string; name: string }
  | { type: 'department'; name: string };

/** The escalation ladder on an overdue case: warning → listed supervision (挂牌督办) → summons (约谈). */
export const ESCALATION_LEVELS = ['none', 'warning', 'listed', 'summoned'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** States in which the responsible unit is working against the deadline (overdue is judged here only). */
export const DEADLINE_STATES: readonly CaseState[] = ['assigned', 'rectifying'];

/**
 * The two parties of a case: the bureau (admin and supervisor accounts) and the responsible unit
 * (the district officers of a responsible district, the users of a responsible enterprise).
 */
export type CaseParty = 'bureau' | 'responsible';

/** What a transition needs in its request besides `to`. */
export type TransitionNeed = 'comment' | 'reason' | 'deadline' | 'responsible';

export interface TransitionRule {
  from: CaseState;
  to: CaseState;
  /** Short name of the step. */
  action: string;
  by: CaseParty;
  needs: readonly TransitionNeed[];
}

/** Every legal transition; anything not here is refused (409 with the allowed next states). */
export const CASE_TRANSITIONS: readonly TransitionRule[] = [
  { from: 'discovered', to: 'verified', action: 'verify (核实)', by: 'bureau', needs: [] },
  { from: 'discovered', to: 'dismissed', action: 'dismiss (不予立案)', by: 'bureau', needs: ['reason'] },
  {
    from: 'verified',
    to: 'assigned',
    action: 'assign (交办)',
    by: 'bureau',
    needs: ['responsible', 'deadline'],
  },
  {
    from: 'assigned',
    to: 'rectifying',
    action: 'start rectification (签收整改)',
    by: 'responsible',
    needs: [],
  },
  {
    from: 'rectifying',
    to: 'self_checked',
    action: 'self-check (自验)',
    by: 'responsible',
    needs: ['comment'],
  },
  {
    from: 'self_checked',
    to: 'under_acceptance',
    action: 'start acceptance (验收)',
    by: 'bureau',
    needs: [],
  },
  {
    from: 'under_acceptance',
    to: 'publicised',
    action: 'pass acceptance, publicise (公示)',
    by: 'bureau',
    needs: [],
  },
  {
    from: 'under_acceptance',
    to: 'rectifying',
    action: 'fail acceptance (验收不通过)',
    by: 'bureau',
    needs: ['comment'],
  },
  { from: 'publicised', to: 'closed', action: 'close (销号)', by: 'bureau', needs: [] },
  {
    from: 'closed',
    to: 'rectifying',
    action: 'reopen on look-back (回头看)',
    by: 'bureau',
    needs: ['comment', 'deadline'],
  },
];

/** The legal transition from one state to another, if there is one. */
export function transitionRule(from: CaseState, to: CaseState): TransitionRule | undefined {
  return CASE_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** States a case may move to from `from`, whoever asks. */
export function nextStates(from: CaseState): CaseState[] {
  return CASE_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/** Whoever acts on a case: an account, or the platform itself ("system": escalation, alarms). */
export interface CaseActor {
  username: string;
  role: UserRole | 'system';
  districtCode: string | null;
  enterpriseSiteId: number | null;
}

/**
 * The platform as the actor of case events (escalation, cases opened by alarms); its audit entries
 * carry `SYSTEM_ACTOR` of src/audit/audit.service.ts.
 */
export const SYSTEM_CASE_ACTOR: CaseActor = {
  username: 'system',
  role: 'system',
  districtCode: null,
  enterpriseSiteId: null,
};

/** Roles that act for the bureau. */
const BUREAU_CASE_ROLES: readonly UserRole[] = ['admin', 'supervisor'];

/**
 * The parties an actor belongs to for one case. A department has no accounts of its own yet, so
 * the bureau records its rectification for it.
 */
export function partiesOf(actor: CaseActor, responsible: ResponsibleUnit | null): CaseParty[] {
  const parties: CaseParty[] = [];
  const bureau = actor.role !== 'system' && BUREAU_CASE_ROLES.includes(actor.role);
  if (bureau) parties.push('bureau');
  if (responsible !== null) {
    switch (responsible.type) {
      case 'district':
        if (actor.role === 'district' && actor.districtCode === responsible.code) parties.push('responsible');
        break;
      case 'enterprise':
        if (actor.role === 'enterprise' && actor.enterpriseSiteId === responsible.siteId) {
          parties.push('responsible');
        }
        break;
      case 'department':
        if (bureau) parties.push('responsible');
        break;
      default:
        throw new Error(`unknown responsible unit ${JSON.stringify(responsible)}`);
    }
  }
  return parties;
}

/** The states this actor may move the case to now. */
export function allowedNextStates(
  state: CaseState,
  actor: CaseActor,
  responsible: ResponsibleUnit | null,
): CaseState[] {
  const parties = partiesOf(actor, responsible);
  return CASE_TRANSITIONS.filter((t) => t.from === state && parties.includes(t.by)).map((t) => t.to);
}

/** Whether the actor may ask for a deadline extension (the responsible unit, while working). */
export function mayRequestExtension(
  state: CaseState,
  actor: CaseActor,
  responsible: ResponsibleUnit | null,
): boolean {
  return DEADLINE_STATES.includes(state) && partiesOf(actor, responsible).includes('responsible');
}

/** Whether the actor may approve or reject an extension (the bureau). */
export function mayDecideExtension(actor: CaseActor): boolean {
  return actor.role !== 'system' && BUREAU_CASE_ROLES.includes(actor.role);
}
