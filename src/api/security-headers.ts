/**
 * Headers every response carries (docs/security.md §5): a strict Content-Security-Policy — scripts
 * only from this origin, never inline, so an injected `<img onerror=…>` or `<script>` cannot run even
 * if a name slipped through unescaped — and the usual guards against sniffing, framing and leaking
 * the address of the page in the Referer header.
 */
import type { FastifyInstance } from 'fastify';

/**
 * The policy. Styles may be inline: ECharts positions its tooltips and the server-rendered pages
 * carry one `<style>`; style injection cannot run script. Images may be `data:`/`blob:` (chart exports,
 * QR codes).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('x-frame-options', 'DENY');
    done(null, payload);
  });
}
