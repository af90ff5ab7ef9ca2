import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../api/client.ts';
import { type DashboardFigures, LANES, type Lane } from '../api/types.ts';
import { FilterBar } from '../components/filter-bar.tsx';
import { DateRange, Field } from '../components/form-fields.tsx';
import { PageHeader } from '../components/notices.tsx';
import { QueryView } from '../components/query-view.tsx';
import { formatHours, formatMoney, formatPercent, hitRate } from '../lib/format.ts';
import { useDataWindow } from '../lib/use-data-window.ts';
import { FILTER_PAUSE_MS, useDebounced } from '../lib/use-debounced.ts';
import { dayPeriod, useUrlFilters } from '../lib/use-url-filters.ts';

const FILTERS = ['office', 'from', 'to'] as const;
export const LANE_COLOURS: Readonly<Record<Lane, string>> = {
  red: '#c0392b',
  yellow: '#d4a017',
  blue: '#2d6a9f',
  green: '#2e8b57',
};

/**
 * How selection is doing: the share of each lane, the hit rate of
 * inspections (overall, and random checks against risk referrals: if risk
 * referrals find no more than random ones, the targeting adds nothing),
 * findings and revenue over time, and how long goods wait for release.
 */
export function DashboardPage() {
  const { values: f, set } = useUrlFilters(FILTERS);
  // Without dates, the last 90 days of data (the demo's and imported data end in the past).
  const dataWindow = useDataWindow(90);
  const from = f.from || dataWindow?.from || '';
  const to = f.to || dataWindow?.to || '';
  const query = { office: f.office, ...dayPeriod(from, to) };
  // Typing in a filter asks the server once the typing pauses, not at every key.
  const settled = useDebounced(query, FILTER_PAUSE_MS);
  const figures = useQuery({
    queryKey: ['dashboard', settled],
    queryFn: ({ signal }) => api<DashboardFigures>('/api/dashboard', { query: settled, signal }),
    refetchInterval: 60_000,
    // Only once the window is known (and settled): asking without it would count the wrong period.
    enabled: settled.from !== undefined && settled.to !== undefined,
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title="Dashboard" />
      <FilterBar label="Filters">
        <Field
          label="Office"
          value={f.office}
          onChange={(e) => set('office', e.target.value.toUpperCase())}
          placeholder="all"
          size={10}
        />
        <DateRange from={from} to={to} onChange={set} />
      </FilterBar>
      <QueryView query={figures} what="The dashboard" loading="Counting">
        {(d) => <Figures d={d} />}
      </QueryView>
    </>
  );
}

function Figures({ d }: { d: DashboardFigures }) {
  const total = LANES.reduce((s, l) => s + (d.lanes[l] ?? 0), 0);
  const lanes = LANES.map((l) => ({ lane: l, count: d.lanes[l] ?? 0 })).filter((x) => x.count > 0);
  const rate = (c: { inspected: number; findings: number }) => hitRate(c);
  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="tiles">
        <Tile label="Declarations assessed" value={total.toLocaleString('en')} />
        <Tile
          label="Hit rate of inspections"
          value={formatPercent(rate(d.hitRate.overall))}
          note={`${d.hitRate.overall.findings.toLocaleString('en')} findings in ${d.hitRate.overall.inspected.toLocaleString('en')} inspections`}
          testId="hit-rate-overall"
        />
        <Tile
          label="Risk-selected"
          value={formatPercent(rate(d.hitRate.risk))}
          note={`${d.hitRate.risk.findings} of ${d.hitRate.risk.inspected}`}
          testId="hit-rate-risk"
        />
        <Tile
          label="Random checks"
          value={formatPercent(rate(d.hitRate.random))}
          note={`${d.hitRate.random.findings} of ${d.hitRate.random.inspected}: the compliance baseline`}
          testId="hit-rate-random"
        />
        <Tile
          label="Revenue recovered"
          value={formatMoney(
            d.series.reduce((s, x) => s + x.revenue, 0),
            d.currency,
          )}
        />
      </div>
      <div className="grid-2">
        <section className="card">
          <h2>Lanes</h2>
          <div className="chart">
            <ResponsiveContainer width="100%" height={220}>
              <PieChart>
                <Pie
                  data={lanes}
                  dataKey="count"
                  nameKey="lane"
                  innerRadius={50}
                  outerRadius={85}
                  isAnimationActive={false}
                  label={({ name, percent }) => `${name} ${formatPercent(percent ?? 0, 1)}`}
                >
                  {lanes.map((x) => (
                    <Cell key={x.lane} fill={LANE_COLOURS[x.lane]} />
                  ))}
                </Pie>
                <Tooltip />
              </PieChart>
            </ResponsiveContainer>
          </div>
        </section>
        <section className="card">
          <h2>Hit rate: random against risk-selected</h2>
          <div className="chart">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart
                data={[
                  { name: 'overall', rate: rate(d.hitRate.overall) ?? 0 },
                  { name: 'risk-selected', rate: rate(d.hitRate.risk) ?? 0 },
                  { name: 'random', rate: rate(d.hitRate.random) ?? 0 },
                ]}
                margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
                <XAxis dataKey="name" tick={{ fontSize: 12 }} />
                <YAxis
                  tickFormatter={(v: number) => formatPercent(v, 0)}
                  tick={{ fontSize: 11 }}
                  width={44}
                />
                <Tooltip formatter={(v) => formatPercent(Number(v))} />
                <Bar dataKey="rate" name="hit rate" fill="#2d6a9f" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </section>
      </div>
      <section className="card">
        <h2>Findings and revenue over time</h2>
        <div className="chart">
          <ResponsiveContainer width="100%" height={260}>
            <ComposedChart data={d.series} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
              <YAxis yAxisId="n" tick={{ fontSize: 11 }} width={40} />
              <YAxis
                yAxisId="money"
                orientation="right"
                tick={{ fontSize: 11 }}
                width={64}
                tickFormatter={(v: number) => formatMoney(v)}
              />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar
                yAxisId="n"
                dataKey="inspected"
                name="inspections"
                fill="#b7c9dd"
                isAnimationActive={false}
              />
              <Bar yAxisId="n" dataKey="findings" name="findings" fill="#c0392b" isAnimationActive={false} />
              <Line
                yAxisId="money"
                type="linear"
                dataKey="revenue"
                name={`revenue (${d.currency})`}
                stroke="#1f6f43"
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </section>
      <section className="card">
        <h2>Time from lodgement to release</h2>
        <table className="table compact" data-testid="release-times">
          <thead>
            <tr>
              <th>Lane</th>
              <th className="num">Released</th>
              <th className="num">Median</th>
              <th className="num">90% within</th>
            </tr>
          </thead>
          <tbody>
            {d.releaseHours.map((r) => (
              <tr key={r.lane}>
                <td>
                  <span className={`lane lane-${r.lane}`}>{r.lane}</span>
                </td>
                <td className="num">{r.count.toLocaleString('en')}</td>
                <td className="num">{formatHours(r.p50)}</td>
                <td className="num">{formatHours(r.p90)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Tile({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId?: string;
}) {
  return (
    <div className="tile" data-testid={testId}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {note ? <div className="tile-note">{note}</div> : null}
    </div>
  );
}
