/**
 * Text into HTML, for the few places the dashboard builds HTML strings itself (ECharts tooltip
 * formatters): every name, code and message there comes from users or imports (docs/security.md §5).
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` with the five HTML-significant characters replaced by entities. */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
