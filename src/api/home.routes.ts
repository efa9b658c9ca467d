import type { PublicListing, Site, SiteKind } from '../registry/site.service.js';
import type { AppContext, App } from './app.js';
import { escapeHtml, page } from './html.js';
import { HOME_SLOT, readWebIndex } from './web.routes.js';

const KIND_LABELS: Record<SiteKind, string> = {
  air_station: '空气自动站 Air stations',
  water_section: '地表水断面 Water sections',
  enterprise: '重点排污单位 Enterprises',
  outlet: '排放口 Outlets',
  micro_sensor: '微型站 Micro-sensors',
};

function attributeSummary(s: Site): string {
  const a = s.attributes;
  const parts: string[] = [];
  for (const key of [
    'network',
    'waterType',
    'targetClass',
    'waterBody',
    'industry',
    'performanceGrade',
    'medium',
    'emissionStandard',
  ]) {
    const v = a[key];
    if (typeof v === 'string' || typeof v === 'number') parts.push(`${key}: ${v}`);
  }
  return escapeHtml(parts.join(' · '));
}

/**
 * The home page: the city's published sites by district and kind. With the dashboard built
 * (web/dist) it is the app's index.html with this list inside <noscript> for readers without
 * JavaScript; without a build it is the whole page.
 */
export function registerHomeRoutes(app: App, ctx: AppContext): void {
  const { sites } = ctx.services;
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const [listing, index] = await Promise.all([sites.publicListing(), readWebIndex()]);
    const body = homeBody(listing);
    if (index !== null && index.includes(HOME_SLOT)) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(index.replace(HOME_SLOT, `<noscript>${body}</noscript>`));
    }
    return reply.type('text/html; charset=utf-8').send(page('青山 Qingshan', body));
  });
}

/** The server-rendered list: the published stations and sections only, nothing about enterprises. */
function homeBody(listing: PublicListing): string {
  const { districts } = listing;
  const sites = { items: listing.sites, total: listing.total };
  const districtName = new Map(districts.map((d) => [d.code, `${d.name} ${d.nameEn}`]));
  const anyDemo = sites.items.some((s) => s.demo);
  const sections: string[] = [];
  for (const kind of Object.keys(KIND_LABELS) as SiteKind[]) {
    const list = sites.items.filter((s) => s.kind === kind);
    if (list.length === 0) continue;
    const rows = list
      .map(
        (s) =>
          `<tr><td><code>${escapeHtml(s.code)}</code></td><td>${escapeHtml(s.name)}</td><td>${escapeHtml(
            districtName.get(s.districtCode) ?? s.districtCode,
          )}</td><td>${s.longitude?.toFixed(4) ?? ''}, ${s.latitude?.toFixed(4) ?? ''}</td><td>${attributeSummary(s)}</td></tr>`,
      )
      .join('\n');
    sections.push(
      `<h2>${KIND_LABELS[kind]} <span class="muted">(${list.length})</span></h2>
<table><thead><tr><th>编码 Code</th><th>名称 Name</th><th>区县 District</th><th>经纬度 Lon, Lat</th><th>属性 Attributes</th></tr></thead><tbody>
${rows}
</tbody></table>`,
    );
  }
  const empty =
    sites.items.length === 0
      ? '<p>尚无站点。运行 <code>qingshan demo</code> 载入示范城市，或通过 API 登记站点。<br>No sites yet: run <code>qingshan demo</code> to load the demo city, or register sites through the API.</p>'
      : '';
  const body = `<header><h1>青山 Qingshan · 生态环境监管平台</h1><p>Eco-environment supervision platform · ${districts.length} 区县 districts · ${sites.total} 站点 sites</p></header>
<main>
${anyDemo ? '<div class="notice">示范数据，非官方发布 · Demo data, not official figures.</div>' : ''}
<p><a href="/docs">API 文档 API docs</a> · <a href="/api/v1/health">健康状态 Health</a> · <a href="/api/v1/sites?kind=air_station">/api/v1/sites</a></p>
<h2>区县 Districts</h2>
<table><thead><tr><th>代码 Code</th><th>名称 Name</th></tr></thead><tbody>
${districts.map((d) => `<tr><td><code>${escapeHtml(d.code)}</code></td><td>${escapeHtml(d.name)} ${escapeHtml(d.nameEn)}</td></tr>`).join('\n')}
</tbody></table>
${empty}
${sections.join('\n')}
</main>`;
  return body;
}
