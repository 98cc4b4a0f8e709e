import { longDate } from './dates';

/**
 * An audit entry's detail (stored as JSON, kept exactly in the exported log) as a person reads it on screen:
 * `rows read 687 · rows imported 687 · SHA-256 b2445886…` rather than `{"rows_read":687,…}`. Parameters as used are
 * shown; the request they were resolved from is left out when both are there (it says the same, less exactly).
 */
export function auditDetailText(json: string): string {
  let detail: unknown;
  try {
    detail = JSON.parse(json);
  } catch {
    return json;
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return json;
  const entries = Object.entries(detail as Record<string, unknown>).filter(
    ([key, value]) => value !== null && value !== undefined && !(key === 'requested' && 'parameters' in (detail as object)),
  );
  return entries.map(([key, value]) => `${words(key)} ${valueText(key, value)}`).join(' · ');
}

const names: Record<string, string> = { sha256: 'SHA-256', as: 'as', sql: 'SQL', import_id: 'import' };
const words = (key: string) => names[key] ?? key.replace(/_/g, ' ');

function valueText(key: string, value: unknown): string {
  if (typeof value === 'string') {
    if (key === 'sha256' && /^[0-9a-f]{64}$/.test(value)) return `${value.slice(0, 8)}…`;
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? longDate(value) : value;
  }
  if (typeof value === 'number') return value.toLocaleString('en-GB', { maximumFractionDigits: 6 });
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((v) => valueText('', v)).join(', ');
  if (typeof value === 'object' && value !== null) {
    return `(${Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${words(k)} ${valueText(k, v)}`)
      .join(', ')})`;
  }
  return String(value);
}
