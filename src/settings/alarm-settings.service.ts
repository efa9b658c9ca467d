/**
 * Alarm settings as bureau settings (issue 12, item 9; docs/settings.md): the alarm thresholds in
 * force — the defaults of `src/alarms/thresholds.ts`, overridden per industry (GB/T 4754 class
 * code, the enterprise attribute `industryCode`) and per site — and the list of alarm rules that
 * open cases by themselves (default `DEFAULT_AUTO_CASE_RULES`).
 *
 * Every change is checked (`./alarm-settings.ts`) and recorded in the audit log with its before and
 * after, in the same transaction as the change. The alarm engine reads the overrides from the store
 * (cached for its `cacheMs`, 60 s by default) and the auto-case handler reads the rule list through
 * {@link AlarmSettingsService.autoCaseRules} (cached for `autoCaseCacheMs`), so a change made in any
 * process takes effect in every process without a restart.
 */
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type {
  AlarmThresholdOverrides,
  AlarmThresholdValues,
  ResolvedThresholds,
} from '../alarms/thresholds.js';
import {
  DEFAULT_ALARM_THRESHOLDS,
  defaultThresholdValues,
  industryCodeOf,
  resolveThresholds,
} from '../alarms/thresholds.js';
import { defaultAutoResolves } from '../alarms/alarm.service.js';
import type { RuleId } from '../alarms/types.js';
import { RULE_IDS } from '../alarms/types.js';
import type { AutoCaseRule } from '../cases/auto-case.js';
import { DEFAULT_AUTO_CASE_RULES } from '../cases/auto-case.js';
import type { Clock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ThresholdOverrideRow, ThresholdOverrideScope } from '../store/settings.repository.js';
import type { Site } from '../store/types.js';
import type { ThresholdKey, ThresholdKind } from './alarm-settings.js';
import {
  AUTO_CASE_SEVERITIES,
  THRESHOLD_KEYS,
  THRESHOLD_PARAMETERS,
  checkThresholdsConsistent,
  parseAutoCaseRules,
  parseThresholdOverrides,
} from './alarm-settings.js';

export type { AutoCaseRule } from '../cases/auto-case.js';
export type { ThresholdKey, ThresholdKind } from './alarm-settings.js';

/** Where threshold overrides apply: an industry or a site. */
export type ThresholdScope = ThresholdOverrideScope;

/** The name under which the per-rule auto-resolve setting is stored (versions in `bureau_settings`). */
export const AUTO_RESOLVE_SETTING = 'alarms.auto_resolve';

/** Rules whose alarms must always wait for a person: auto-resolve cannot be switched on for them. */
export const NEVER_AUTO_RESOLVE: readonly RuleId[] = ['exceedance'];

/** Whether each rule's warnings resolve themselves when their condition clears, with the record. */
export interface AutoResolveSettings {
  /** In force, for every rule. */
  rules: Record<RuleId, boolean>;
  defaults: Record<RuleId, boolean>;
  /** True while nobody has set it: the defaults are in force. */
  isDefault: boolean;
  /** Rules that can never resolve themselves. */
  fixed: RuleId[];
  /** Versions, newest first (at most 20): only the rules the bureau set. */
  history: { rules: Record<string, boolean>; changedBy: string; changedAt: Date }[];
}

/** Default auto-resolve of every rule: data-quality warnings yes, the exceedance kind no. */
export function defaultAutoResolve(): Record<RuleId, boolean> {
  return Object.fromEntries(RULE_IDS.map((r) => [r, defaultAutoResolves(r)])) as Record<RuleId, boolean>;
}

/** The stored per-rule values, keeping only known rules with a boolean (never for a fixed rule). */
function storedAutoResolve(value: unknown): Record<string, boolean> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      ([rule, on]) =>
        (RULE_IDS as readonly string[]).includes(rule) &&
        typeof on === 'boolean' &&
        !(NEVER_AUTO_RESOLVE as readonly string[]).includes(rule),
    ),
  );
}

/**
 * Parses a person's per-rule auto-resolve setting: an object of known rules to true or false; a
 * rule of {@link NEVER_AUTO_RESOLVE} may only be false. BadInputError naming the field otherwise.
 */
export function parseAutoResolve(input: unknown, field = 'rules'): Record<string, boolean> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new BadInputError(`${field}: must be an object of rule → true/false`, [
      { field, problem: 'must be an object' },
    ]);
  }
  const problems: { field: string; problem: string }[] = [];
  for (const [rule, on] of Object.entries(input)) {
    if (!(RULE_IDS as readonly string[]).includes(rule)) {
      problems.push({
        field: `${field}.${rule}`,
        problem: `unknown alarm rule; known: ${RULE_IDS.join(', ')}`,
      });
    } else if (typeof on !== 'boolean') {
      problems.push({ field: `${field}.${rule}`, problem: 'must be true or false' });
    } else if (on && (NEVER_AUTO_RESOLVE as readonly string[]).includes(rule)) {
      problems.push({ field: `${field}.${rule}`, problem: 'an exceedance always waits for a person' });
    }
  }
  if (problems.length > 0) {
    throw new BadInputError(
      `auto-resolve: ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`,
      problems,
    );
  }
  return storedAutoResolve(input);
}

/** The name under which the auto-case rule list is stored (versions in `bureau_settings`). */
export const AUTO_CASE_RULES_SETTING = 'cases.auto_case_rules';
/** How long the auto-case rule list is cached, ms: a change made elsewhere applies within this. */
export const AUTO_CASE_RULES_CACHE_MS = 10_000;
/** Versions of the auto-case rule list returned with it. */
const HISTORY_LIMIT = 20;
/** A GB/T 4754 industry class (小类) code, as the enterprise attribute `industryCode` holds it. */
const INDUSTRY_CODE = /^\d{4}$/;

/** One changeable threshold, with its default and where the default comes from. */
export interface ThresholdDescription {
  key: ThresholdKey;
  rule: RuleId;
  kind: ThresholdKind;
  unit: string;
  min: number | null;
  max: number | null;
  label: { zh: string; en: string };
  /** Where the default comes from (a standard's clause, or "engineering default"). */
  source: string;
}

/** The overrides of one industry or site. */
export interface ThresholdOverride {
  scope: ThresholdScope;
  /** The industry code, or the site's code. */
  key: string;
  /** The site's name; null for an industry. */
  name: string | null;
  values: AlarmThresholdOverrides;
  updatedBy: string;
  updatedAt: Date;
}

/** One override as a person sends it (all of them at once, for {@link AlarmSettingsService.replaceThresholdOverrides}). */
export interface ThresholdOverrideInput {
  scope: ThresholdScope;
  key: string;
  values: unknown;
}

/** The thresholds: what each is, the defaults, every override, and the values in force for a target. */
export interface ThresholdSettings {
  parameters: ThresholdDescription[];
  defaults: AlarmThresholdValues;
  overrides: ThresholdOverride[];
  effective: EffectiveThresholds;
}

/** Whose thresholds in force to show: a site (by code), an industry, or neither (the defaults). */
export interface ThresholdTarget {
  site?: string | undefined;
  industry?: string | undefined;
}

/** The thresholds in force for a site or an industry (or the defaults), each with its origin. */
export interface EffectiveThresholds {
  /** The site's code, when asked for a site. */
  site: string | null;
  /** The industry whose overrides apply (a site's is its enterprise's), or null. */
  industry: string | null;
  values: AlarmThresholdValues;
  origins: ResolvedThresholds['origins'];
}

/** One version of the auto-case rule list. */
export interface AutoCaseRuleVersion {
  rules: AutoCaseRule[];
  changedBy: string;
  changedAt: Date;
}

/** The rules that open cases by themselves, with their record. */
export interface AutoCaseRuleSettings {
  rules: AutoCaseRule[];
  /** True while nobody has set the list: the built-in default is in force. */
  isDefault: boolean;
  defaults: AutoCaseRule[];
  /** The alarm rules a list may name. */
  knownRules: RuleId[];
  /** Earlier and current versions, newest first (at most 20). */
  history: AutoCaseRuleVersion[];
}

export interface AlarmSettingsDeps {
  store: Pick<Store, 'db' | 'settings' | 'sites'>;
  clock: Clock;
  audit: AuditService;
  /** How long `autoCaseRules()` keeps the list, ms (default {@link AUTO_CASE_RULES_CACHE_MS}). */
  autoCaseCacheMs?: number | undefined;
}

/** A JSON text of a value with object keys sorted: equal texts, equal settings. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'object' && x !== null && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** The stored rule list, keeping only well-formed entries (a rule retired by a later version stays harmless). */
function storedRules(value: unknown): AutoCaseRule[] {
  if (!Array.isArray(value)) return [...DEFAULT_AUTO_CASE_RULES];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { rule, minSeverity } = item as Record<string, unknown>;
    return typeof rule === 'string' &&
      typeof minSeverity === 'string' &&
      (AUTO_CASE_SEVERITIES as readonly string[]).includes(minSeverity)
      ? [{ rule, minSeverity: minSeverity as AutoCaseRule['minSeverity'] }]
      : [];
  });
}

/** Where a scope and key come from: field names start with `prefix`; a missing site is 404 or 400. */
interface KeyIn {
  prefix: string;
  missing: 'not-found' | 'bad-input';
}

/** A scope and key in a route's path: a missing site is 404. */
const SINGLE: KeyIn = { prefix: '', missing: 'not-found' };

/** An override's place: how it is stored, shown and audited. */
interface Target {
  scope: ThresholdScope;
  /** The key in the store: the industry code, or the site id as text (as the alarm engine looks it up). */
  storeKey: string;
  /** The industry whose overrides lie under a site's (its enterprise's), or the industry itself. */
  industry: string | null;
  described: Pick<ThresholdOverride, 'scope' | 'key' | 'name'>;
  change: { scope: ThresholdScope; key: string; siteId?: number };
}

/** One override's change, as audited. */
interface ThresholdChange {
  scope: ThresholdScope;
  key: string;
  siteId?: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

type Trx = Transaction<Database>;

/** Reads and changes the alarm settings; see the module comment. */
export class AlarmSettingsService {
  private readonly store: AlarmSettingsDeps['store'];
  private readonly clock: Clock;
  private readonly audit: AuditService;
  private readonly cacheMs: number;
  private cached: { at: number; rules: readonly AutoCaseRule[] } | null = null;
  private cachedAutoResolve: { at: number; rules: Readonly<Record<string, boolean>> } | null = null;

  constructor(deps: AlarmSettingsDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.audit = deps.audit;
    this.cacheMs = deps.autoCaseCacheMs ?? AUTO_CASE_RULES_CACHE_MS;
  }

  // ── thresholds ────────────────────────────────────────────────────────────

  /**
   * What each threshold is, the defaults, every override (sites named by code), and the values in
   * force for `target` (see {@link effectiveThresholds}).
   */
  async thresholds(target: ThresholdTarget = {}): Promise<ThresholdSettings> {
    const effective = await this.effectiveThresholds(target);
    const rows = await this.store.settings.thresholdOverrides();
    const sites = await this.sitesOf(rows);
    const overrides = rows.map((row): ThresholdOverride => {
      const site = row.scope === 'site' ? sites.get(Number(row.key)) : undefined;
      return {
        scope: row.scope,
        key: row.scope === 'site' ? (site?.code ?? `#${row.key}`) : row.key,
        name: site?.name ?? null,
        values: row.overrides,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt,
      };
    });
    return {
      parameters: THRESHOLD_KEYS.map((key) => {
        const { rule, kind, unit, min, max, label } = THRESHOLD_PARAMETERS[key];
        return { key, rule, kind, unit, min, max, label, source: DEFAULT_ALARM_THRESHOLDS[key].source };
      }),
      defaults: defaultThresholdValues(),
      overrides,
      effective,
    };
  }

  /**
   * The thresholds in force for a site (its enterprise's industry, then its own overrides — as the
   * alarm engine applies them), for an industry, or the defaults when neither is given.
   */
  async effectiveThresholds(target: ThresholdTarget): Promise<EffectiveThresholds> {
    if (target.site !== undefined && target.industry !== undefined) {
      throw new BadInputError('site, industry: give one of them, not both (a site has its industry)');
    }
    if (target.site !== undefined) {
      const site = await this.judgedSite(target.site, 'site', 'not-found');
      const industry = await this.industryOfSite(site);
      const [industryRow, siteRow] = await Promise.all([
        industry === null ? null : this.store.settings.thresholdOverride('industry', industry),
        this.store.settings.thresholdOverride('site', String(site.id)),
      ]);
      const resolved = resolveThresholds(
        DEFAULT_ALARM_THRESHOLDS,
        industryRow?.overrides,
        siteRow?.overrides,
      );
      return { site: site.code, industry, ...resolved };
    }
    if (target.industry !== undefined) {
      const industry = this.industryCode(target.industry, 'industry');
      const row = await this.store.settings.thresholdOverride('industry', industry);
      const resolved = resolveThresholds(DEFAULT_ALARM_THRESHOLDS, row?.overrides);
      return { site: null, industry, ...resolved };
    }
    return { site: null, industry: null, ...resolveThresholds() };
  }

  /**
   * Sets (replaces) the overrides of an industry or a site (by code). Every key must be a known
   * threshold and every value of its kind and range; the values in force afterwards must stay
   * consistent (warning ≤ critical). Audited as `settings.alarm_thresholds_changed` with before
   * and after; setting the same values again changes and records nothing.
   */
  async setThresholdOverride(
    actor: AuditActor,
    scope: ThresholdScope,
    key: string,
    values: unknown,
    address: string | null,
  ): Promise<ThresholdOverride> {
    const parsed = parseThresholdOverrides(values);
    const target = await this.target(scope, key, SINGLE);
    return this.store.db.transaction().execute(async (trx) => {
      const industryOverrides =
        scope === 'site' && target.industry !== null
          ? (await this.store.settings.thresholdOverride('industry', target.industry, trx))?.overrides
          : undefined;
      checkThresholdsConsistent(
        scope === 'site'
          ? resolveThresholds(DEFAULT_ALARM_THRESHOLDS, industryOverrides, parsed).values
          : resolveThresholds(DEFAULT_ALARM_THRESHOLDS, parsed).values,
        parsed,
      );
      const before = await this.store.settings.thresholdOverride(scope, target.storeKey, trx);
      if (before !== null && canonical(before.overrides) === canonical(parsed)) {
        return {
          ...target.described,
          values: parsed,
          updatedBy: before.updatedBy,
          updatedAt: before.updatedAt,
        };
      }
      const updatedAt = this.clock.now();
      await this.store.settings.putThresholdOverride(
        { scope, key: target.storeKey, overrides: parsed, updatedBy: actor.username, updatedAt },
        trx,
      );
      await this.recordThresholds(actor, address, trx, `${scope}:${target.described.key}`, [
        { ...target.change, before: before?.overrides ?? null, after: parsed },
      ]);
      return { ...target.described, values: parsed, updatedBy: actor.username, updatedAt };
    });
  }

  /**
   * Removes the overrides of an industry or a site: its thresholds fall back to the industry's (for
   * a site) and the defaults. Audited with the values removed. Throws NotFoundError when there are none.
   */
  async clearThresholdOverride(
    actor: AuditActor,
    scope: ThresholdScope,
    key: string,
    address: string | null,
  ): Promise<void> {
    const target = await this.target(scope, key, SINGLE);
    await this.store.db.transaction().execute(async (trx) => {
      const before = await this.store.settings.thresholdOverride(scope, target.storeKey, trx);
      if (before === null) throw new NotFoundError(`threshold override of ${scope} ${target.described.key}`);
      await this.store.settings.putThresholdOverride(
        {
          scope,
          key: target.storeKey,
          overrides: {},
          updatedBy: actor.username,
          updatedAt: this.clock.now(),
        },
        trx,
      );
      await this.recordThresholds(actor, address, trx, `${scope}:${target.described.key}`, [
        { ...target.change, before: before.overrides, after: null },
      ]);
    });
  }

  /**
   * Replaces every override at once: the industries and sites listed get these values, all others
   * lose theirs. Fields in errors are named `overrides.<i>.…`. One audit entry lists what changed
   * (nothing is recorded when nothing changed).
   */
  async replaceThresholdOverrides(
    actor: AuditActor,
    input: readonly ThresholdOverrideInput[],
    address: string | null,
  ): Promise<ThresholdSettings> {
    const wanted = new Map<string, { target: Target; values: AlarmThresholdOverrides; field: string }>();
    for (const [i, item] of input.entries()) {
      const field = `overrides.${i}`;
      const values = parseThresholdOverrides(item.values, `${field}.values`);
      const target = await this.target(item.scope, item.key, { prefix: `${field}.`, missing: 'bad-input' });
      const id = `${item.scope}:${target.storeKey}`;
      if (wanted.has(id)) throw new BadInputError(`${field}.key: ${item.scope} ${item.key} is listed twice`);
      wanted.set(id, { target, values, field });
    }
    for (const { target, values, field } of wanted.values()) {
      const industry =
        target.industry === null ? undefined : wanted.get(`industry:${target.industry}`)?.values;
      checkThresholdsConsistent(
        target.scope === 'site'
          ? resolveThresholds(DEFAULT_ALARM_THRESHOLDS, industry, values).values
          : resolveThresholds(DEFAULT_ALARM_THRESHOLDS, values).values,
        values,
        `${field}.values`,
      );
    }
    // Sites are named before the transaction: on SQLite a read outside it would wait for it.
    const sites = await this.sitesOf(await this.store.settings.thresholdOverrides());
    await this.store.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const changes: ThresholdChange[] = [];
      const current = await this.store.settings.thresholdOverrides(trx);
      for (const row of current) {
        if (wanted.has(`${row.scope}:${row.key}`)) continue;
        await this.store.settings.putThresholdOverride(
          { ...row, overrides: {}, updatedBy: actor.username, updatedAt: now },
          trx,
        );
        const site = row.scope === 'site' ? sites.get(Number(row.key)) : undefined;
        changes.push({
          scope: row.scope,
          key: row.scope === 'site' ? (site?.code ?? `#${row.key}`) : row.key,
          ...(row.scope === 'site' ? { siteId: Number(row.key) } : {}),
          before: row.overrides,
          after: null,
        });
      }
      const byId = new Map(current.map((r) => [`${r.scope}:${r.key}`, r]));
      for (const [id, { target, values }] of wanted) {
        const before = byId.get(id) ?? null;
        if (before !== null && canonical(before.overrides) === canonical(values)) continue;
        await this.store.settings.putThresholdOverride(
          {
            scope: target.scope,
            key: target.storeKey,
            overrides: values,
            updatedBy: actor.username,
            updatedAt: now,
          },
          trx,
        );
        changes.push({ ...target.change, before: before?.overrides ?? null, after: values });
      }
      if (changes.length > 0) await this.recordThresholds(actor, address, trx, 'all', changes);
    });
    return this.thresholds();
  }

  // ── auto-case rules ───────────────────────────────────────────────────────

  /**
   * The rules in force that open cases by themselves, for the auto-case handler: read from the
   * store, kept for `autoCaseCacheMs` (a change made by another process applies within that).
   */
  async autoCaseRules(): Promise<readonly AutoCaseRule[]> {
    const now = this.clock.now().getTime();
    if (this.cached !== null && now - this.cached.at < this.cacheMs) return this.cached.rules;
    const version = await this.store.settings.current(AUTO_CASE_RULES_SETTING);
    const rules = version === null ? DEFAULT_AUTO_CASE_RULES : storedRules(version.value);
    this.cached = { at: now, rules };
    return rules;
  }

  /** The rules that open cases by themselves, the defaults, the rules a list may name, and the record. */
  async autoCaseRuleSettings(): Promise<AutoCaseRuleSettings> {
    const versions = await this.store.settings.history(AUTO_CASE_RULES_SETTING, HISTORY_LIMIT);
    const history = versions.map((v) => ({
      rules: storedRules(v.value),
      changedBy: v.changedBy,
      changedAt: v.changedAt,
    }));
    return {
      rules: history[0]?.rules ?? [...DEFAULT_AUTO_CASE_RULES],
      isDefault: history.length === 0,
      defaults: [...DEFAULT_AUTO_CASE_RULES],
      knownRules: [...RULE_IDS],
      history,
    };
  }

  /**
   * Replaces the list of rules that open cases by themselves (an empty list: none does). Each rule
   * must be a known alarm rule, listed once, with a severity info, warning or critical. Kept as a new
   * version and audited as `settings.auto_case_rules_changed` with before and after; the same list
   * again changes and records nothing (except that it ends the built-in default).
   */
  async replaceAutoCaseRules(
    actor: AuditActor,
    rules: unknown,
    address: string | null,
  ): Promise<AutoCaseRuleSettings> {
    const parsed = parseAutoCaseRules(rules);
    const changedAt = this.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      const current = await this.store.settings.current(AUTO_CASE_RULES_SETTING, trx);
      const before = current === null ? [...DEFAULT_AUTO_CASE_RULES] : storedRules(current.value);
      if (current !== null && canonical(before) === canonical(parsed)) return;
      await this.store.settings.append(
        { name: AUTO_CASE_RULES_SETTING, value: parsed, changedBy: actor.username, changedAt },
        trx,
      );
      await this.audit.record(
        {
          action: 'settings.auto_case_rules_changed',
          actor,
          target: { type: 'auto_case_rules', id: 'all' },
          details: { before, beforeWasDefault: current === null, after: parsed },
          address,
        },
        trx,
      );
    });
    this.cached = { at: changedAt.getTime(), rules: parsed };
    return this.autoCaseRuleSettings();
  }

  // ── auto-resolve per rule ─────────────────────────────────────────────────

  /**
   * Whether a warning of `rule` resolves itself when its condition clears (for the alarm service;
   * never asked for a critical alarm): the bureau's setting, else the default; cached like the
   * auto-case rules.
   */
  async autoResolves(rule: string): Promise<boolean> {
    if ((NEVER_AUTO_RESOLVE as readonly string[]).includes(rule)) return false;
    const now = this.clock.now().getTime();
    if (this.cachedAutoResolve === null || now - this.cachedAutoResolve.at >= this.cacheMs) {
      const version = await this.store.settings.current(AUTO_RESOLVE_SETTING);
      this.cachedAutoResolve = { at: now, rules: version === null ? {} : storedAutoResolve(version.value) };
    }
    return this.cachedAutoResolve.rules[rule] ?? defaultAutoResolves(rule);
  }

  /** The per-rule auto-resolve in force, the defaults and the record. */
  async autoResolveSettings(): Promise<AutoResolveSettings> {
    const versions = await this.store.settings.history(AUTO_RESOLVE_SETTING, HISTORY_LIMIT);
    const history = versions.map((v) => ({
      rules: storedAutoResolve(v.value),
      changedBy: v.changedBy,
      changedAt: v.changedAt,
    }));
    const defaults = defaultAutoResolve();
    return {
      rules: { ...defaults, ...(history[0]?.rules ?? {}) },
      defaults,
      isDefault: history.length === 0,
      fixed: [...NEVER_AUTO_RESOLVE],
      history,
    };
  }

  /**
   * Sets which rules' warnings resolve themselves (rules not named keep their default). Kept as a new
   * version and audited as `settings.alarm_auto_resolve_changed` with before and after; the same
   * setting again records nothing.
   */
  async replaceAutoResolve(
    actor: AuditActor,
    rules: unknown,
    address: string | null,
  ): Promise<AutoResolveSettings> {
    const parsed = parseAutoResolve(rules);
    const changedAt = this.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      const current = await this.store.settings.current(AUTO_RESOLVE_SETTING, trx);
      const before = current === null ? {} : storedAutoResolve(current.value);
      if (current !== null && canonical(before) === canonical(parsed)) return;
      await this.store.settings.append(
        { name: AUTO_RESOLVE_SETTING, value: parsed, changedBy: actor.username, changedAt },
        trx,
      );
      await this.audit.record(
        {
          action: 'settings.alarm_auto_resolve_changed',
          actor,
          target: { type: 'alarm_auto_resolve', id: 'all' },
          details: { before, beforeWasDefault: current === null, after: parsed },
          address,
        },
        trx,
      );
    });
    this.cachedAutoResolve = { at: changedAt.getTime(), rules: parsed };
    return this.autoResolveSettings();
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  private industryCode(code: string, field: string): string {
    if (!INDUSTRY_CODE.test(code)) {
      throw new BadInputError(
        `${field}: "${code}" is not a GB/T 4754 industry class code (four digits, as the enterprise attribute industryCode, e.g. 1752)`,
      );
    }
    return code;
  }

  /** A site whose readings are judged (not an enterprise: its outlets are). */
  private async judgedSite(code: string, field: string, missing: KeyIn['missing']): Promise<Site> {
    const site = await this.store.sites.getByCode(code);
    if (site === null) {
      if (missing === 'not-found') throw new NotFoundError(`site ${code}`);
      throw new BadInputError(`${field}: no site has code "${code}"`);
    }
    if (site.kind === 'enterprise') {
      throw new BadInputError(
        `${field}: ${code} is an enterprise; its outlets are judged — set the override on an outlet or on the industry`,
      );
    }
    return site;
  }

  /** The sites that overrides are set for, by id. */
  private async sitesOf(rows: readonly ThresholdOverrideRow[]): Promise<Map<number, Site>> {
    const ids = rows.filter((r) => r.scope === 'site').map((r) => Number(r.key));
    const byId = new Map<number, Site>();
    for (let offset = 0; offset < ids.length;) {
      const page = await this.store.sites.list({ ids, limit: 1000, offset });
      for (const site of page.items) byId.set(site.id, site);
      offset += page.items.length;
      if (page.nextCursor === null || page.items.length === 0) break;
    }
    return byId;
  }

  private async industryOfSite(site: Site): Promise<string | null> {
    const parent = site.parentId === null ? null : await this.store.sites.getById(site.parentId);
    return industryCodeOf(site, parent);
  }

  /** Resolves an override's scope and key. */
  private async target(scope: ThresholdScope, key: string, at: KeyIn): Promise<Target> {
    switch (scope) {
      case 'industry': {
        const code = this.industryCode(key, `${at.prefix}key`);
        return {
          scope,
          storeKey: code,
          industry: code,
          described: { scope, key: code, name: null },
          change: { scope, key: code },
        };
      }
      case 'site': {
        const site = await this.judgedSite(key, `${at.prefix}key`, at.missing);
        return {
          scope,
          storeKey: String(site.id),
          industry: await this.industryOfSite(site),
          described: { scope, key: site.code, name: site.name },
          change: { scope, key: site.code, siteId: site.id },
        };
      }
      default: {
        const impossible: never = scope;
        throw new BadInputError(
          `${at.prefix}scope: unknown scope ${String(impossible)}; use industry or site`,
        );
      }
    }
  }

  private async recordThresholds(
    actor: AuditActor,
    address: string | null,
    trx: Trx,
    id: string,
    changes: ThresholdChange[],
  ): Promise<void> {
    await this.audit.record(
      {
        action: 'settings.alarm_thresholds_changed',
        actor,
        target: { type: 'alarm_thresholds', id },
        details: changes.length === 1 && id !== 'all' ? { ...changes[0] } : { changes },
        address,
      },
      trx,
    );
  }
}
