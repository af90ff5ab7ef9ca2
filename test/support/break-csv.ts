import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** The ways a row is broken, each aimed at one field of the KCS layout. */
export const BREAKAGES = [
  {
    name: 'bad date',
    column: 'Date',
    field: 'lodgedAt',
    apply: (r: string[], i: number) => (r[i] = ['2020-13-45', '2020/01/05', 'yesterday'][r.length % 3]!),
  },
  {
    name: 'negative mass',
    column: 'Net Mass',
    field: 'netMassKg',
    apply: (r: string[], i: number) => (r[i] = '-12.5'),
  },
  {
    name: 'unknown country',
    column: 'Country of Origin',
    field: 'origin',
    apply: (r: string[], i: number) => (r[i] = 'XQ'),
  },
  {
    name: 'missing id',
    column: 'Declaration ID',
    field: 'id',
    apply: (r: string[], i: number) => (r[i] = ''),
  },
  {
    name: 'wrong number of columns',
    column: 'Critical Fraud',
    field: '(row)',
    apply: (r: string[]) => r.pop(),
  },
  {
    name: 'non-numeric price',
    column: 'Item Price',
    field: 'Item Price',
    apply: (r: string[], i: number) => (r[i] = '12,5OO'),
  },
] as const;

/**
 * A copy of a CSV with `count` rows broken, spread evenly, cycling through
 * {@link BREAKAGES}. Returns the text and, per broken data row number (from 1),
 * which breakage it got.
 */
export function breakCsv(
  text: string,
  count: number,
): { text: string; broken: Map<number, (typeof BREAKAGES)[number]> } {
  const rows = parse(text, { relax_column_count: true }) as string[][];
  const header = rows[0]!;
  const data = rows.length - 1;
  const step = Math.floor(data / count);
  const broken = new Map<number, (typeof BREAKAGES)[number]>();
  for (let k = 0; k < count; k++) {
    const rowNo = 1 + k * step + (k % 7);
    const b = BREAKAGES[k % BREAKAGES.length]!;
    b.apply(rows[rowNo]!, header.indexOf(b.column));
    broken.set(rowNo, b);
  }
  return { text: stringify(rows), broken };
}
