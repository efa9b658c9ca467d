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
  FastifyServerOptions,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { registerDocsRoutes } from './docs.routes.js';
import { installErrorHandlers } from './errors.js';
import { registerHealthRoutes } from './health.routes.js';
import { registerHomeRoutes } from './home.routes.js';
import { ErrorSchema } from './schemas.js';
import { registerSiteRoutes } from './site.routes.js';

export interface AppDeps {
  store: Store;
  clock: Clock;
  version: string;
  /** When the process started (for uptime). */
  startedAt: Date;
  /** A pino logger options object, an instance, or false for none (tests). */
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Every route module, in registration order; a new module adds one line here. */
const ROUTES: ((app: App, deps: AppDeps) => void)[] = [
  registerHealthRoutes,
  registerSiteRoutes,
  registerDocsRoutes,
  registerHomeRoutes,
];

/** Request headers that never reach a log line. */
export const REDACTED_HEADERS = ['req.headers.authorization', 'req.headers.cookie'];

export async function buildApp(deps: AppDeps): Promise<App> {
  const loggerOption = deps.logger ?? false;
  const isInstance = typeof loggerOption === 'object' && loggerOption !== null && 'child' in loggerOption;
  const app = Fastify({
    ...(isInstance
      ? { loggerInstance: loggerOption }
      : { logger: loggerOption as FastifyServerOptions['logger'] }),
    bodyLimit: deps.bodyLimitBytes ?? 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandlers(app);
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
      tags: [
        { name: 'system', description: 'Health and documentation' },
        { name: 'sites', description: 'Districts and monitored places' },
      ],
    },
  });

  for (const register of ROUTES) register(app, deps);
  await app.ready();
  return app;
}
