/**
 * The layering of docs/architecture.md is a lint rule (eslint.layers.js): a wrong import fails
 * `npm run lint`. These cases lint one-line files at the paths where they would live.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layers } from '../eslint.layers.js';

const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    ...layers,
  ],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

/** [file, import, allowed] */
const CASES: readonly (readonly [string, string, boolean])[] = [
  ['src/standards/aqi.ts', "import '../store/store.js';", false],
  ['src/standards/aqi.ts', "import '../monitor/air.service.js';", false],
  ['src/standards/aqi.ts', "import { BadInputError } from '../errors.js';", true],
  ['src/standards/aqi.ts', "import './china-time.js';", true],
  ['src/standards/emission/gb13223-2011.ts', "import '../china-time.js';", true],
  ['src/standards/emission/gb13223-2011.ts', "import '../../errors.js';", true],
  ['src/standards/emission/gb13223-2011.ts', "import '../../store/store.js';", false],
  ['src/hj212/parse.ts', "import '../standards/china-time.js';", true],
  ['src/hj212/parse.ts', "import '../store/packet-log.repository.js';", false],
  ['src/store/site.repository.ts', "import '../clock.js';", true],
  ['src/store/site.repository.ts', "import '../monitor/air.service.js';", false],
  ['src/store/migrations/0001-initial.ts', "import '../schema.js';", true],
  ['src/store/migrations/0001-initial.ts', "import '../../alarms/alarm.service.js';", false],
  ['src/monitor/air.service.ts', "import '../store/store.js';", true],
  ['src/monitor/air.service.ts', "import '../api/errors.js';", false],
  ['src/monitor/air.service.ts', "import '../cli/main.js';", false],
  ['src/alarms/alarm.service.ts', "import '../ingest/hj212-server.js';", false],
  ['src/ingest/hj212-server.ts', "import '../cli/platform.js';", false],
  ['src/api/air.routes.ts', "import type { Store } from '../store/store.js';", false],
  ['src/api/air.routes.ts', "import type { AirService } from '../monitor/air.service.js';", true],
  ['src/api/air.schemas.ts', "import type { Site } from '../store/types.js';", false],
  ['src/api/air.schemas.ts', "import '../monitor/air.service.js';", false],
  ['src/api/air.schemas.ts', "import { Page } from './common.schemas.js';", true],
  ['src/api/air.schemas.ts', "import { ApiError } from './errors.js';", false],
  ['src/api/air.schemas.ts', "import { POLLUTANTS } from '../standards/aqi.js';", true],
  ['web/src/features/air/AirPage.tsx', "import type { X } from '@server/monitor/air.service.js';", false],
  ['web/src/features/air/AirPage.tsx', "import type { X } from '@server/api/air.routes.js';", false],
  ['web/src/features/air/AirPage.tsx', "import type { X } from '@server/store/types.js';", false],
  ['web/src/features/air/AirPage.tsx', "import type { X } from '@server/api/air.schemas.js';", true],
  ['web/src/features/air/AirPage.tsx', "import { aqiLevel } from '@server/standards/hj633-common.js';", true],
  ['web/src/features/air/AirPage.tsx', "import { api } from '../../api/client.js';", true],
  ['web/src/features/air/AirPage.tsx', "import '../../../../src/store/types.js';", false],
  ['web/src/features/air/AirPage.tsx', "import '../../../src/store/types.js';", false],
  ['web/src/charts/HuzhouMap.tsx', "import url from '../../../assets/geo/huzhou.geojson?url';", true],
  ['src/auth/access.ts', "import { BUREAU_ROLES } from '../api/auth.schemas.js';", false],
];

describe('the layering lint rule (eslint.layers.js)', () => {
  it.each(CASES)('%s: %s → allowed %s', async (file, code, allowed) => {
    const found = await problems(file, code);
    if (allowed) expect(found).toEqual([]);
    else expect(found.join('\n')).toMatch(/^no-restricted-imports: /);
  });
});
