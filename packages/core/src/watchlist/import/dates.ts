const MONTHS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    jan: '01',
    feb: '02',
    mar: '03',
    apr: '04',
    may: '05',
    jun: '06',
    jul: '07',
    aug: '08',
    sep: '09',
    oct: '10',
    nov: '11',
    dec: '12',
  }),
);

/**
 * Partial dates in the ways lists write them: "10 Dec 1948", "Dec 1948",
 * "1948", "circa 1948", "1960 to 1962", "1948-12-10", "10/12/1948" (day first).
 * A range gives each year in it (at most 15). Unreadable text gives [].
 *
 * @example parseListDates('1960 to 1962') // ['1960', '1961', '1962']
 */
export function parseListDates(text: string): string[] {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^(circa|approximately|approx\.?|about|ca\.?)\s+/, '');
  let m = /^(\d{4})\s*(?:to|-|–)\s*(\d{4})$/.exec(t);
  if (m) return yearRange(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(t);
  if (m) return [m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`];
  m = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(t);
  if (m && MONTHS.has(m[2]!)) return [`${m[3]}-${MONTHS.get(m[2]!)}-${m[1]!.padStart(2, '0')}`];
  m = /^([a-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(t);
  if (m && MONTHS.has(m[1]!)) return [`${m[2]}-${MONTHS.get(m[1]!)}`];
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) return [`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`];
  m = /^(\d{4})$/.exec(t);
  if (m) return [m[1]!];
  return [];
}

function yearRange(from: number, to: number): string[] {
  if (to < from || to - from > 15) return [String(from)];
  const out: string[] = [];
  for (let y = from; y <= to; y++) out.push(String(y));
  return out;
}
