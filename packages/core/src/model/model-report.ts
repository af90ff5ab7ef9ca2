import type { RateMetrics } from './metrics.ts';

/** Model, rules-alone and random selection at the same inspection rates. */
export interface Comparison {
  model: RateMetrics[];
  rules: RateMetrics[];
  /** Expected precision of random selection: the period's finding rate. */
  randomPrecision: number;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);

/**
 * A grouped bar chart (SVG) of precision at each inspection rate: model,
 * rules alone, random. Self-contained, no fonts or scripts to fetch.
 *
 * @example writeFileSync('chart.svg', comparisonChartSvg(comparison, 'KCS valid.csv'));
 */
export function comparisonChartSvg(c: Comparison, title: string): string {
  const width = 720;
  const height = 400;
  const left = 60;
  const bottom = 340;
  const top = 60;
  const plotH = bottom - top;
  const series = [
    { name: 'model', color: '#1f6feb', values: c.model.map((m) => m.precision) },
    { name: 'rules alone', color: '#d29922', values: c.rules.map((m) => m.precision) },
    { name: 'random', color: '#8b949e', values: c.model.map(() => c.randomPrecision) },
  ];
  const groupW = (width - left - 20) / c.model.length;
  const barW = (groupW - 30) / series.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">${esc(`Precision by inspection rate: ${title}`)}</text>`,
  ];
  for (let t = 0; t <= 10; t += 2) {
    const y = bottom - (plotH * t) / 10;
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${y}" y2="${y}" stroke="#d0d7de"/>`);
    parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end" font-size="12">${t * 10}%</text>`);
  }
  c.model.forEach((m, g) => {
    const x0 = left + g * groupW + 15;
    series.forEach((s, i) => {
      const v = Number.isNaN(s.values[g]!) ? 0 : s.values[g]!;
      const h = plotH * v;
      const x = x0 + i * barW;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"/>`,
      );
      parts.push(
        `<text x="${(x + barW / 2 - 2).toFixed(1)}" y="${(bottom - h - 4).toFixed(1)}" text-anchor="middle" font-size="10">${(100 * v).toFixed(0)}</text>`,
      );
    });
    parts.push(
      `<text x="${(x0 + (barW * series.length) / 2).toFixed(1)}" y="${bottom + 20}" text-anchor="middle" font-size="13">inspect top ${(m.rate * 100).toFixed(0)}%</text>`,
    );
  });
  series.forEach((s, i) => {
    const x = left + i * 150;
    parts.push(`<rect x="${x}" y="${height - 26}" width="14" height="14" fill="${s.color}"/>`);
    parts.push(`<text x="${x + 20}" y="${height - 14}" font-size="13">${s.name}</text>`);
  });
  parts.push(
    `<text x="16" y="${top + plotH / 2}" font-size="12" transform="rotate(-90 16 ${top + plotH / 2})" text-anchor="middle">precision (share of inspections with a finding)</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}

/**
 * A one-page HTML report: the chart and the full table (precision, recall,
 * revenue found) for model, rules alone and random.
 *
 * @example writeFileSync('report.html', modelReportHtml(comparison, { title: 'valid.csv', auc: 0.86, notes: [] }));
 */
export function modelReportHtml(
  c: Comparison,
  meta: { title: string; auc: number; notes: readonly string[] },
): string {
  const rows = c.model
    .map((m, i) => {
      const r = c.rules[i]!;
      return `<tr><td>${(m.rate * 100).toFixed(0)}%</td><td>${m.inspected}</td><td>${pct(m.precision)}</td><td>${pct(m.recall)}</td><td>${pct(m.revenueShare)}</td><td>${pct(r.precision)}</td><td>${pct(r.recall)}</td><td>${pct(r.revenueShare)}</td><td>${pct(c.randomPrecision)}</td><td>${pct(m.rate)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sieve model report: ${esc(meta.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:right}th{background:#f6f8fa}</style>
</head><body>
<h1>Model against rules alone and random selection</h1>
<p>${esc(meta.title)}. AUC of the model: ${meta.auc.toFixed(4)}.</p>
${comparisonChartSvg(c, meta.title)}
<table><thead><tr><th>rate</th><th>inspected</th><th>model precision</th><th>model recall</th><th>model revenue found</th><th>rules precision</th><th>rules recall</th><th>rules revenue found</th><th>random precision</th><th>random recall</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<ul>${meta.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
</body></html>
`;
}
