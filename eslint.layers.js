// @ts-check
/**
 * The layering of docs/architecture.md as lint rules: a wrong import fails `npm run lint`.
 * Kept apart from eslint.config.js so that test/lint-layers.test.ts checks the same rules.
 *
 * - the pure core (`src/standards/`, `src/hj212/`) imports no I/O: only itself and `src/errors.ts`;
 * - `src/store/` knows no service, route or edge;
 * - domain services never reach up into the edges (`api/`, `ingest/`, `cli/`, `sim/`);
 * - route files take services from the context and never import `store/` or construct what
 *   `src/services.ts` builds;
 * - API schema files import only TypeBox, `standards/` and other schema files, so the web may use them;
 * - the web imports only API schema files and `standards/` from the server;
 * - nothing imports `cli/`.
 */

const NO_CLI = { group: ['**/cli/*'], message: 'nothing imports cli/: the CLI composes, it is not composed' };

/** @param {string} p  a path fragment, escaped for a regular expression */
const esc = (p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rules for a folder whose files may reach outside it only to `allowed` (paths relative to `src/`:
 * 'errors.js' names a file, 'standards/' a folder). Files directly in the folder and in its
 * subfolders get the pattern for their own depth.
 * @param {string} folder  @param {string[]} allowed  @param {string} message
 * @returns {import('eslint').Linter.Config[]}
 */
function confined(folder, allowed, message) {
  const ok = [`${folder}/`, ...allowed].map((a) => (a.endsWith('/') ? esc(a) : `${esc(a)}$`)).join('|');
  /** @param {string} up */
  const pattern = (up) => ({ regex: `^${esc(up)}(?!${ok})`, message });
  return [
    {
      files: [`src/${folder}/*.ts`],
      ignores: ['**/*.test.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: [pattern('../'), NO_CLI] }] },
    },
    {
      files: [`src/${folder}/*/*.ts`],
      ignores: ['**/*.test.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ regex: `^\\.\\./\\.\\./\\.\\./`, message }, pattern('../../'), NO_CLI] },
        ],
      },
    },
  ];
}

/** @type {import('eslint').Linter.Config[]} */
export const layers = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_CLI] }] },
  },
  ...confined('standards', ['errors.js'], 'standards/ is pure: it imports only itself and src/errors.ts'),
  ...confined(
    'hj212',
    ['errors.js', 'standards/'],
    'hj212/ is a pure codec: it imports only itself, standards/ and src/errors.ts',
  ),
  ...confined(
    'store',
    ['errors.js', 'clock.js', 'config/', 'standards/'],
    'store/ does I/O for the services: it imports only standards/, the clock, the config and src/errors.ts',
  ),
  {
    files: [
      'src/monitor/**/*.ts',
      'src/alarms/**/*.ts',
      'src/cases/**/*.ts',
      'src/auth/**/*.ts',
      'src/audit/**/*.ts',
      'src/settings/**/*.ts',
      'src/reports/**/*.ts',
      'src/carbon/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../api/*', '../ingest/*', '../sim/*', '../cli/*', '../services.js'],
              message: 'domain services depend inward (standards/, store/, each other), never on the edges',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**/*.routes.ts', 'src/api/auth.hook.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../store/*'],
              message: 'route files take services from the context (ctx.services); they never import store/',
            },
            NO_CLI,
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**/*.schemas.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!standards/)',
              message:
                'API schema files import only typebox, standards/ and other schema files (the web imports them)',
            },
            {
              regex: '^\\./(?![\\w-]+\\.schemas\\.js$)',
              message: 'API schema files import only other schema files from api/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@server/(?!api/[\\w-]+\\.schemas\\.js$|standards/)',
              message: 'the web imports only src/api/*.schemas.ts and src/standards/ from the server',
            },
            {
              regex: '^(\\.\\./)+src/|^(\\.\\./){4}',
              message:
                'the web reaches the server only through the @server alias (its schemas and standards)',
            },
          ],
        },
      ],
    },
  },
];
