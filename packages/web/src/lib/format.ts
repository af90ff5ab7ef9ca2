import type { Role } from '../api/types.ts';

/**
 * Formatting for people: dates in the officer's own time zone, money with
 * its currency, shares as percentages. Pure, so the tests pin them down.
 */

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const DATE = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: '2-digit' });

/** `03 Feb 2026, 14:05` in the browser's time zone, or `—` when absent or not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : DATE_TIME.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : DATE.format(d);
}

/** `12,500 USD`; amounts of a million and more are shortened (`1.25M USD`) for dense tables. */
export function formatMoney(amount: number | null | undefined, currency = ''): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const abs = Math.abs(amount);
  const text =
    abs >= 1e6
      ? `${(amount / 1e6).toLocaleString('en', { maximumFractionDigits: 2 })}M`
      : amount.toLocaleString('en', { maximumFractionDigits: abs >= 100 ? 0 : 2 });
  return currency ? `${text} ${currency}` : text;
}

/** `37.5%` from 0.375; `—` for no ratio (nothing inspected). */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(100 * ratio).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** Findings over inspections, or null when nothing was inspected (a rate of nothing is not 0%). */
export function hitRate(c: { inspected: number; findings: number }): number | null {
  return c.inspected > 0 ? c.findings / c.inspected : null;
}

/** `+15` / `-5`: points as the explanation writes them. */
export function signedPoints(points: number): string {
  const p = Number(points.toFixed(2));
  return p >= 0 ? `+${p}` : String(p);
}

/** A value quoted from a rule's evidence, as an officer would read it. */
export function formatEvidenceValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (Array.isArray(value)) return `[${value.map(formatEvidenceValue).join(', ')}]`;
  return JSON.stringify(value);
}

/** Hours as `5.5 h` or, past two days, `3.2 days`. */
export function formatHours(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return '—';
  return h >= 48 ? `${(h / 24).toFixed(1)} days` : `${h.toFixed(1)} h`;
}

/** Role names as people say them. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  risk_analyst: 'Risk analyst',
  targeting_officer: 'Targeting officer',
  inspector: 'Inspector',
  supervisor: 'Supervisor',
  trader: 'Trader',
  system: 'System',
};

/** A rule category as people read it: `health_safety` is "health safety". */
export function categoryName(category: string): string {
  return category.replace('_', ' ');
}
