/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A complete, self-contained HTML page (no external assets: the platform runs offline). */
export function page(title: string, body: string, lang = 'zh-CN'): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { --green: #1b7f4c; --ink: #1f2a24; --muted: #5c6b63; --line: #dfe7e2; }
  body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif; color: var(--ink); margin: 0; background: #f6f9f7; }
  header { background: var(--green); color: #fff; padding: 14px 24px; }
  header h1 { margin: 0; font-size: 22px; } header p { margin: 4px 0 0; opacity: .9; font-size: 14px; }
  main { padding: 16px 24px 40px; max-width: 1200px; }
  .notice { background: #fff6db; border: 1px solid #f0d58a; padding: 8px 12px; border-radius: 4px; margin: 12px 0; }
  table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 20px; font-size: 14px; }
  th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #eef4f0; }
  h2 { font-size: 18px; margin: 24px 0 8px; } h3 { font-size: 15px; margin: 16px 0 6px; color: var(--muted); }
  code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
  .method { display: inline-block; min-width: 56px; font-weight: 600; color: var(--green); }
  a { color: var(--green); }
  .muted { color: var(--muted); }
</style>
</head>
<body>
${body}
</body>
</html>`;
}
