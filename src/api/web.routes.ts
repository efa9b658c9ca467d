/**
 * Serves the dashboard build (web/dist, made by `npm run build`) at `/`: files with their content
 * types, hashed assets cached for a year, and every other non-API path answered with index.html so
 * the single-page app can route it. `/` itself is the home route (home.routes.ts), which embeds the
 * server-rendered public site list into index.html for readers without JavaScript, and is the whole
 * page when no build exists.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, AppContext } from './app.js';
import { notFound } from './errors.js';

/** web/dist beside src/ (tsx) and beside dist/ (compiled): both sit one level under the root. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Content types of what a Vite build writes. */
const WEB_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The app's icon (a green mountain, 青山, drawn for the project: assets/brand/), served whether or
 * not the dashboard is built, so no page load ends in a 404 for it.
 */
export const FAVICONS: Readonly<Record<string, { file: URL; type: string }>> = {
  '/favicon.ico': { file: new URL('../../assets/brand/favicon.ico', import.meta.url), type: 'image/x-icon' },
  '/favicon.svg': { file: new URL('../../assets/brand/favicon.svg', import.meta.url), type: 'image/svg+xml' },
};
/** Icons change rarely but are not content-hashed: a day. */
const ICON_CACHE = 'public, max-age=86400';

/** Vite names files under assets/ by content hash: they never change, so a year and immutable. */
const HASHED_CACHE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: revalidate each time so a new build is picked up. */
const REVALIDATE_CACHE = 'no-cache';

/** Where the server-rendered home page goes inside the built index.html (web/index.html). */
export const HOME_SLOT = '<!--ssr-home-->';

/** The built index.html, or null when the dashboard has not been built. */
export async function readWebIndex(dir = WEB_DIST_DIR): Promise<string | null> {
  try {
    return await readFile(join(dir, 'index.html'), 'utf8');
  } catch {
    return null;
  }
}

/** The file under `dir` that a URL path names, or null when it would leave `dir` or is no file. */
async function fileFor(dir: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(dir, decoded));
  if (!full.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return null;
  try {
    return (await stat(full)).isFile() ? full : null;
  } catch {
    return null;
  }
}

export function registerWebRoutes(app: App, _deps: AppContext): void {
  for (const [path, icon] of Object.entries(FAVICONS)) {
    app.get(path, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply
        .type(icon.type)
        .header('cache-control', ICON_CACHE)
        .send(await readFile(icon.file)),
    );
  }
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // API paths never fall back to the app: an unknown endpoint is a JSON 404.
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    const file = await fileFor(WEB_DIST_DIR, path);
    if (file !== null) {
      const type = WEB_CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const cache = path.startsWith('/assets/') ? HASHED_CACHE : REVALIDATE_CACHE;
      return reply
        .type(type)
        .header('cache-control', cache)
        .send(await readFile(file));
    }
    // A missing file with an extension is a 404; anything else is a route of the app.
    if (extname(path) !== '') throw notFound(`file ${path}`);
    const index = await readWebIndex();
    if (index === null) throw notFound(`page ${path} (the dashboard is not built: run npm run build)`);
    return reply
      .type(WEB_CONTENT_TYPES['.html'] ?? 'text/html')
      .header('cache-control', REVALIDATE_CACHE)
      .send(index);
  });
}
