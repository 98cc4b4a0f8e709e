/*
 * ── SECURITY FENCE ── The one Content-Security-Policy, sent by the Electron app:// protocol and the loopback server.
 * Scripts, data and fonts come only from the app itself. Styles allow 'unsafe-inline' because AG Grid's theming and
 * plotly inject <style> elements at run time; a style cannot run code or fetch from elsewhere under this policy.
 * img-src allows data: and blob: so charts can be exported as PNG/SVG.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
