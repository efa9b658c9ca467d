/**
 * Bureau settings (docs/settings.md): the alarm thresholds — defaults, overrides per industry and
 * per site, the values in force — and the rules that open cases by themselves. Bureau roles read,
 * admins change; every change is audited by the settings service.
 *
 * - `GET /api/v1/settings/alarm-thresholds[?site=|industry=]`, `PUT` (every override at once)
 * - `PUT|DELETE /api/v1/settings/alarm-thresholds/{industry|site}/{code}` (one override)
 * - `GET|PUT /api/v1/settings/auto-case-rules`
 * - `GET|PUT /api/v1/settings/alarm-auto-resolve` (per rule: do its warnings resolve themselves)
 */
import { BUREAU_ROLES } from './auth.schemas.js';
import type {
  AutoCaseRuleSettings,
  AutoResolveSettings,
  ThresholdOverride,
  ThresholdSettings,
} from '../settings/alarm-settings.service.js';
import type { App, AppContext } from './app.js';
import { actorOf, principalOf } from './auth.hook.js';
import { ErrorRefSchema as ErrorRef, NoContentSchema } from './common.schemas.js';
import {
  AlarmThresholdSettingsSchema,
  AlarmThresholdsQuerySchema,
  AutoCaseRuleSettingsSchema,
  AutoResolveSettingsSchema,
  ReplaceAutoCaseRulesBodySchema,
  ReplaceAutoResolveBodySchema,
  ReplaceThresholdOverridesBodySchema,
  SetThresholdOverrideBodySchema,
  ThresholdOverrideParamsSchema,
  ThresholdOverrideSchema,
} from './settings.schemas.js';
import type {
  AlarmThresholdSettingsDto,
  AutoCaseRuleSettingsDto,
  AutoResolveSettingsDto,
  ThresholdOverrideDto,
} from './settings.schemas.js';

const TAG = 'settings';
const WRITE_ROLES = ['admin'] as const;

function overrideDto(o: ThresholdOverride): ThresholdOverrideDto {
  return { ...o, updatedAt: o.updatedAt.toISOString() };
}

function thresholdsDto(s: ThresholdSettings): AlarmThresholdSettingsDto {
  return { ...s, overrides: s.overrides.map(overrideDto) };
}

function autoCaseDto(s: AutoCaseRuleSettings): AutoCaseRuleSettingsDto {
  return { ...s, history: s.history.map((v) => ({ ...v, changedAt: v.changedAt.toISOString() })) };
}

export function registerSettingsRoutes(app: App, ctx: AppContext): void {
  const { settings } = ctx.services;

  app.get(
    '/api/v1/settings/alarm-thresholds',
    {
      config: { access: BUREAU_ROLES },
      schema: {
        tags: [TAG],
        summary:
          'Alarm thresholds: what each is, the defaults, the overrides per industry and per site, and the values in force for a site or an industry (default: the defaults)',
        querystring: AlarmThresholdsQuerySchema,
        response: {
          200: AlarmThresholdSettingsSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request) => thresholdsDto(await settings.thresholds(request.query)),
  );

  app.put(
    '/api/v1/settings/alarm-thresholds',
    {
      config: { access: WRITE_ROLES },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: [TAG],
        summary:
          'Replace every threshold override at once: the industries and sites listed get these values, all others lose theirs (audited)',
        body: ReplaceThresholdOverridesBodySchema,
        response: { 200: AlarmThresholdSettingsSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) =>
      thresholdsDto(
        await settings.replaceThresholdOverrides(
          actorOf(principalOf(request)),
          request.body.overrides,
          request.ip,
        ),
      ),
  );

  app.put(
    '/api/v1/settings/alarm-thresholds/:scope/:key',
    {
      config: { access: WRITE_ROLES },
      schema: {
        tags: [TAG],
        summary:
          'Set the threshold overrides of an industry (GB/T 4754 class code) or a site (site code), replacing its earlier ones (audited)',
        params: ThresholdOverrideParamsSchema,
        body: SetThresholdOverrideBodySchema,
        response: {
          200: ThresholdOverrideSchema,
          400: ErrorRef,
          401: ErrorRef,
          403: ErrorRef,
          404: ErrorRef,
        },
      },
    },
    async (request) =>
      overrideDto(
        await settings.setThresholdOverride(
          actorOf(principalOf(request)),
          request.params.scope,
          request.params.key,
          request.body.values,
          request.ip,
        ),
      ),
  );

  app.delete(
    '/api/v1/settings/alarm-thresholds/:scope/:key',
    {
      config: { access: WRITE_ROLES },
      schema: {
        tags: [TAG],
        summary:
          'Remove the threshold overrides of an industry or a site: its thresholds fall back to the industry’s and the defaults (audited)',
        params: ThresholdOverrideParamsSchema,
        response: { 204: NoContentSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef },
      },
    },
    async (request, reply) => {
      await settings.clearThresholdOverride(
        actorOf(principalOf(request)),
        request.params.scope,
        request.params.key,
        request.ip,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/settings/auto-case-rules',
    {
      config: { access: BUREAU_ROLES },
      schema: {
        tags: [TAG],
        summary:
          'The alarm rules whose newly opened live alarms open a case by themselves, the defaults, and the versions of the list',
        response: { 200: AutoCaseRuleSettingsSchema, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async () => autoCaseDto(await settings.autoCaseRuleSettings()),
  );

  app.put(
    '/api/v1/settings/auto-case-rules',
    {
      config: { access: WRITE_ROLES },
      schema: {
        tags: [TAG],
        summary:
          'Replace the list of rules that open cases by themselves (an empty list: none does); applies within seconds in every process (audited)',
        body: ReplaceAutoCaseRulesBodySchema,
        response: { 200: AutoCaseRuleSettingsSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) =>
      autoCaseDto(
        await settings.replaceAutoCaseRules(actorOf(principalOf(request)), request.body.rules, request.ip),
      ),
  );

  app.get(
    '/api/v1/settings/alarm-auto-resolve',
    {
      config: { access: BUREAU_ROLES },
      schema: {
        tags: [TAG],
        summary:
          'Per alarm rule: do its warnings resolve themselves when their condition clears (critical alarms and exceedances never do)',
        response: { 200: AutoResolveSettingsSchema, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async () => autoResolveDto(await settings.autoResolveSettings()),
  );

  app.put(
    '/api/v1/settings/alarm-auto-resolve',
    {
      config: { access: WRITE_ROLES },
      schema: {
        tags: [TAG],
        summary: "Set which rules' warnings resolve themselves; rules not named keep their default (audited)",
        body: ReplaceAutoResolveBodySchema,
        response: { 200: AutoResolveSettingsSchema, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef },
      },
    },
    async (request) =>
      autoResolveDto(
        await settings.replaceAutoResolve(actorOf(principalOf(request)), request.body.rules, request.ip),
      ),
  );
}

function autoResolveDto(s: AutoResolveSettings): AutoResolveSettingsDto {
  return { ...s, history: s.history.map((v) => ({ ...v, changedAt: v.changedAt.toISOString() })) };
}
