import type { App, AppContext } from './app.js';
import { escapeHtml, page } from './html.js';

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
}

/** The OpenAPI document at /api/v1/openapi.json and a readable, offline rendering of it at /docs. */
export function registerDocsRoutes(app: App, _deps: AppContext): void {
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () =>
    app.swagger(),
  );

  app.get('/docs', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => {
    const doc = app.swagger() as unknown as {
      info: { title: string; version: string; description?: string };
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const rows: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = (op.parameters ?? [])
          .map(
            (p) =>
              `<code>${escapeHtml(p.name)}</code> <span class="muted">(${escapeHtml(p.in)}${p.required ? ', required' : ''})</span>${
                p.description ? ` ${escapeHtml(p.description)}` : ''
              }`,
          )
          .join('<br>');
        rows.push(
          `<tr><td><span class="method">${method.toUpperCase()}</span><code>${escapeHtml(path)}</code></td><td>${escapeHtml(
            op.summary ?? '',
          )}</td><td>${params}</td></tr>`,
        );
      }
    }
    const body = `<header><h1>${escapeHtml(doc.info.title)} · API</h1><p>version ${escapeHtml(doc.info.version)}</p></header>
<main>
<p>${escapeHtml(doc.info.description ?? '')}</p>
<p>Machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3). All times are ISO 8601; instants are UTC unless the field says China local time.</p>
<table><thead><tr><th>Operation</th><th>What it does</th><th>Parameters</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</main>`;
    return reply.type('text/html; charset=utf-8').send(page(`${doc.info.title} API`, body, 'en'));
  });
}
