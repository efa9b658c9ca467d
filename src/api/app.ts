/**
 * The HTTP app factory: every dependency is passed in, so tests build the app in-process and call
 * it with `inject()`; the CLI builds the same app and listens.
 */
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyServerOptions,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { MetricsAccess } from '../config/config.js';
import type { Hj212Server } from '../ingest/hj212-server.js';
import type { Services } from '../services.js';
import { registerAlarmRoutes } from './alarm.routes.js';
import { registerAuditRoutes } from './audit.routes.js';
import { BEARER_SCHEME, installAccessControl } from './auth.hook.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerCaseRoutes } from './case.routes.js';
import { registerCityImportRoutes } from './city-import.routes.js';
import { registerCorrectionRoutes } from './correction.routes.js';
import { registerNotificationRoutes } from './notification.routes.js';
import { registerDeviceAdminRoutes } from './device-admin.routes.js';
import { registerDocsRoutes } from './docs.routes.js';
import { registerEventRoutes } from './events.routes.js';
import type { SseLimits } from './events.routes.js';
import { answerClientError, errorBody, installErrorHandlers } from './errors.js';
import { requestValidatorCompiler } from './validation.js';
import { installSecurityHeaders } from './security-headers.js';
import { registerHealthRoutes } from './health.routes.js';
import { registerHomeRoutes } from './home.routes.js';
import { registerLimitRoutes } from './limit.routes.js';
import { ErrorSchema } from './common.schemas.js';
import { registerSettingsRoutes } from './settings.routes.js';
import { registerSiteRoutes } from './site.routes.js';
import { registerSourceRoutes } from './source.routes.js';
import { registerResponseRoutes } from './response.routes.js';
import { registerSearchRoutes } from './search.routes.js';
import { registerAirRoutes } from './air.routes.js';
import { registerCalcAqiRoutes } from './calc-aqi.routes.js';
import { registerWaterRoutes } from './water.routes.js';
import { registerWasteRoutes } from './waste.routes.js';
import { registerCalcWaterRoutes } from './calc-water.routes.js';
import { registerUserRoutes } from './user.routes.js';
import { registerReadingRoutes } from './reading.routes.js';
import { registerDeviceRoutes } from './device.routes.js';
import { registerPacketRoutes } from './packet.routes.js';
import { registerWebRoutes } from './web.routes.js';
import { registerCityRoutes } from './city.routes.js';
import { registerMasterDataRoutes } from './master-data.routes.js';
import { registerCarbonRoutes } from './carbon.routes.js';
import { registerIndicatorRoutes } from './indicator.routes.js';
import { registerReportRoutes } from './report.routes.js';
import { registerOpsRoutes } from './ops.routes.js';

export interface AppDeps {
  /** Every service, built once by `createServices` (src/services.ts). */
  services: Services;
  version: string;
  /** When the process started (for uptime). */
  startedAt: Date;
  /** A pino logger options object, an instance, or false for none (tests). */
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** The HJ 212 listener of this process, when one runs (for its counters and readiness). */
  ingest?: Pick<Hj212Server, 'stats' | 'queueDepth' | 'listening'>;
  /** Who may scrape GET /metrics (default: loopback callers only). */
  metricsAccess?: MetricsAccess;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Bounds of the event stream, where they differ from `SSE_LIMITS` (src/api/events.routes.ts). */
  sseLimits?: Partial<SseLimits>;
}

/** What route modules receive: the services (and the app's own settings). */
export type AppContext = AppDeps;

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Every route module, in registration order; a new module adds one line here. */
const ROUTES: ((app: App, ctx: AppContext) => void)[] = [
  registerHealthRoutes,
  registerOpsRoutes,
  registerAuthRoutes,
  registerUserRoutes,
  registerAuditRoutes,
  registerSiteRoutes,
  registerReadingRoutes,
  registerDeviceRoutes,
  registerPacketRoutes,
  registerCorrectionRoutes,
  registerAlarmRoutes,
  registerLimitRoutes,
  registerSourceRoutes,
  registerSearchRoutes,
  registerEventRoutes,
  registerCaseRoutes,
  registerNotificationRoutes,
  registerAirRoutes,
  registerCalcAqiRoutes,
  registerWaterRoutes,
  registerWasteRoutes,
  registerCalcWaterRoutes,
  registerDeviceAdminRoutes,
  registerSettingsRoutes,
  registerCityRoutes,
  registerCityImportRoutes,
  registerMasterDataRoutes,
  registerCarbonRoutes,
  registerResponseRoutes,
  registerIndicatorRoutes,
  registerReportRoutes,
  registerDocsRoutes,
  registerHomeRoutes,
  registerWebRoutes,
];

/**
 * Log paths that never reach a log line: credentials in headers, and (should a body ever be logged)
 * password fields one level down.
 */
export const REDACTED_HEADERS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
];

export async function buildApp(deps: AppDeps): Promise<App> {
  const loggerOption = deps.logger ?? false;
  const isInstance = typeof loggerOption === 'object' && loggerOption !== null && 'child' in loggerOption;
  const app = Fastify({
    ...(isInstance
      ? { loggerInstance: loggerOption }
      : { logger: loggerOption as FastifyServerOptions['logger'] }),
    bodyLimit: deps.bodyLimitBytes ?? 1024 * 1024,
    // A path Fastify cannot decode, and a request Node's parser refuses (a header or query string
    // over the limit), still answer in the one envelope (docs/security.md §8).
    frameworkErrors: (err, _request, reply) => {
      void (reply as FastifyReply)
        .status(400)
        .send(errorBody('bad-request', `malformed request: ${err.message}`));
    },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const ctx: AppContext = deps;

  app.setValidatorCompiler(requestValidatorCompiler());
  installErrorHandlers(app);
  installSecurityHeaders(app);
  // Every answered request into the metrics, by route template (bounded labels).
  const { metrics } = deps.services;
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  installAccessControl(app, deps.services.auth);
  app.addSchema(ErrorSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Qingshan (青山) API',
        description:
          'Eco-environment supervision platform: sites, monitoring readings, assessments by national standards, alarms and cases. ' +
          'Errors use one envelope: {"error":{"code","message","details"}}.',
        version: deps.version,
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token from POST /api/v1/auth/login',
          },
        },
      },
      tags: [
        { name: 'system', description: 'Health and documentation' },
        { name: 'auth', description: 'Login, sessions, accounts and the audit trail' },
        { name: 'sites', description: 'Districts and monitored places' },
        { name: 'readings', description: 'Monitoring readings as received, and with corrections applied' },
        { name: 'ingest', description: 'HJ 212 devices, the packet log and listener counters' },
        {
          name: 'alarms',
          description: 'Alarms, their history and event stream, outlet limits and compliance',
        },
        { name: 'water', description: 'Surface water: classes, summaries, lab results, black-odorous' },
        { name: 'cases', description: 'Closed-loop cases, evidence, escalation, figures, notices' },
        {
          name: 'carbon',
          description: 'Energy accounts, factors, carbon-efficiency code, energy budgets, dual control',
        },
        {
          name: 'waste',
          description:
            'Hazardous waste: parties, ledgers, transfer manifests, mass balance, zero-waste statistics',
        },
        {
          name: 'response',
          description:
            'Heavy-pollution weather response: alerts, grades, reduction lists, obligations judged from CEMS',
        },
        {
          name: 'indicators',
          description: 'Targets and indicators: the board, rankings, targets, statistics',
        },
        { name: 'reports', description: 'Daily and monthly reports as PDF, XLSX and HTML; the schedule' },
      ],
    },
  });

  for (const register of ROUTES) register(app, ctx);
  await app.ready();
  return app;
}
