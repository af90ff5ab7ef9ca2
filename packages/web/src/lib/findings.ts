import type { Finding } from '../api/types.ts';
import { formatMoney } from './format.ts';

/** A finding in one line, as an inspection report would list it. */
export function describeFinding(f: Finding): string {
  switch (f.type) {
    case 'revenue_adjustment':
      return `Revenue adjustment ${formatMoney(f.amount, f.currency ?? '')}${f.reason ? `: ${f.reason}` : ''}`;
    case 'seizure':
      return `Seizure of ${f.quantity.toLocaleString('en')} ${f.unit} ${f.commodity}${f.hsCode ? ` (HS ${f.hsCode})` : ''}`;
    case 'penalty':
      return `Penalty ${formatMoney(f.amount, f.currency ?? '')}`;
    case 'other':
      return f.description;
  }
}

/** A finding being typed in the form: every field a string until it is sent. */
export interface FindingDraft {
  type: Finding['type'];
  amount: string;
  currency: string;
  reason: string;
  commodity: string;
  hsCode: string;
  quantity: string;
  unit: string;
  description: string;
}

export function emptyFinding(type: Finding['type'] = 'revenue_adjustment', currency = ''): FindingDraft {
  return {
    type,
    amount: '',
    currency,
    reason: '',
    commodity: '',
    hsCode: '',
    quantity: '',
    unit: 'kg',
    description: '',
  };
}

/**
 * The finding the server expects from what was typed, or the problems with
 * it, field by field, so the form can say them beside the fields before
 * anything is sent. The server checks again.
 */
export function toFinding(
  d: FindingDraft,
): { finding: Finding } | { problems: Partial<Record<keyof FindingDraft, string>> } {
  const problems: Partial<Record<keyof FindingDraft, string>> = {};
  const num = (key: 'amount' | 'quantity'): number => {
    const n = Number(d[key].replace(/[\s,]/g, ''));
    if (d[key].trim() === '' || !Number.isFinite(n) || n < 0) problems[key] = 'expected a number, 0 or more';
    return n;
  };
  const cur = d.currency.trim().toUpperCase();
  if (cur && !/^[A-Z]{3}$/.test(cur)) problems.currency = 'expected a three-letter code such as USD';
  let finding: Finding;
  switch (d.type) {
    case 'revenue_adjustment':
      finding = {
        type: 'revenue_adjustment',
        amount: num('amount'),
        ...(cur ? { currency: cur } : {}),
        ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
      };
      break;
    case 'penalty':
      finding = { type: 'penalty', amount: num('amount'), ...(cur ? { currency: cur } : {}) };
      break;
    case 'seizure': {
      if (!d.commodity.trim()) problems.commodity = 'say what was seized';
      if (d.hsCode.trim() && !/^\d{6,10}$/.test(d.hsCode.trim())) problems.hsCode = 'expected 6 to 10 digits';
      if (!/^[A-Za-z0-9]{1,8}$/.test(d.unit.trim())) problems.unit = 'expected a unit such as kg or pcs';
      finding = {
        type: 'seizure',
        commodity: d.commodity.trim(),
        quantity: num('quantity'),
        unit: d.unit.trim(),
        ...(d.hsCode.trim() ? { hsCode: d.hsCode.trim() } : {}),
      };
      break;
    }
    case 'other':
      if (!d.description.trim()) problems.description = 'describe what was found';
      finding = { type: 'other', description: d.description.trim() };
      break;
  }
  return Object.keys(problems).length > 0 ? { problems } : { finding };
}
