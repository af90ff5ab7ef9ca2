import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api } from '../api/client.ts';
import type { BacktestAnswer } from '../api/types.ts';
import { formatPercent } from '../lib/format.ts';
import { useDataWindow } from '../lib/use-data-window.ts';
import { dayPeriod } from '../lib/use-url-filters.ts';
import { DateRange } from './form-fields.tsx';
import { ErrorNotice } from './notices.tsx';

/**
 * Runs a ruleset version over past declarations and shows what it would have
 * done: hits per day, and per rule how often it fired and how often an
 * inspection then found something. The analyst reads this before activating.
 */
export function BacktestPanel({
  name,
  version,
  unsaved,
}: {
  name: string;
  version: number;
  unsaved?: boolean;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // The default window is the last 90 days of data, not of the calendar.
  const dataWindow = useDataWindow(90);
  const windowFrom = dataWindow?.from;
  const windowTo = dataWindow?.to;
  useEffect(() => {
    if (windowFrom) setFrom((f) => f || windowFrom);
    if (windowTo) setTo((t) => t || windowTo);
  }, [windowFrom, windowTo]);
  const run = useMutation({
    mutationFn: () =>
      api<BacktestAnswer>(`/api/rulesets/${encodeURIComponent(name)}/versions/${version}/backtest`, {
        method: 'POST',
        // `to` is the last day included; the server's `to` is exclusive.
        body: dayPeriod(from, to),
      }),
  });
  const data = run.data;
  const rules = data ? [...data.rules].sort((a, b) => b.fired - a.fired).slice(0, 25) : [];
  // Room for the longest rule id at 11px (about 7px a character), so ids are not cut.
  const labelWidth = Math.min(260, Math.max(80, 12 + 7 * Math.max(0, ...rules.map((r) => r.ruleId.length))));
  return (
    <section className="card" aria-labelledby="backtest-title" data-testid="backtest">
      <h2 id="backtest-title">Backtest</h2>
      {unsaved ? (
        <p className="notice notice-info">
          The backtest runs v{version} as saved. Save your edits as a new draft to backtest them.
        </p>
      ) : null}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <DateRange
          fromLabel="Lodged from"
          from={from}
          to={to}
          onChange={(bound, day) => (bound === 'from' ? setFrom(day) : setTo(day))}
          required
        />
        <button type="submit" disabled={run.isPending}>
          {run.isPending ? 'Running…' : 'Run backtest'}
        </button>
      </form>
      {run.isError ? <ErrorNotice error={run.error} what="The backtest" /> : null}
      {data ? (
        <>
          <p className="small">
            {data.declarations.toLocaleString('en')} declarations; lanes:{' '}
            {Object.entries(data.lanes)
              .map(([l, n]) => `${l} ${n.toLocaleString('en')}`)
              .join(', ')}
            .
          </p>
          <h3>Hits over time</h3>
          <div className="chart">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={data.days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
                <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
                <YAxis tick={{ fontSize: 11 }} width={40} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Line
                  type="linear"
                  dataKey="hits"
                  name="declarations hit"
                  stroke="#c0392b"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="linear"
                  dataKey="findings"
                  name="hits with a finding"
                  stroke="#1f6f43"
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <h3>Per rule</h3>
          <div className="chart">
            <ResponsiveContainer width="100%" height={Math.max(160, rules.length * 22 + 40)}>
              <BarChart data={rules} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ee" />
                <XAxis type="number" tick={{ fontSize: 11 }} />
                <YAxis type="category" dataKey="ruleId" width={labelWidth} tick={{ fontSize: 11 }} />
                <Tooltip />
                <Bar dataKey="fired" name="fired" fill="#2d6a9f" isAnimationActive={false} />
                <Bar dataKey="findings" name="with a finding" fill="#1f6f43" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="table compact">
            <thead>
              <tr>
                <th>Rule</th>
                <th className="num">Fired</th>
                <th className="num">Inspected</th>
                <th className="num">Findings</th>
                <th className="num">Hit rate</th>
              </tr>
            </thead>
            <tbody>
              {data.rules.map((r) => (
                <tr key={r.ruleId}>
                  <td>
                    <span className="mono">{r.ruleId}</span> <span className="muted">{r.title}</span>
                  </td>
                  <td className="num">{r.fired.toLocaleString('en')}</td>
                  <td className="num">{r.inspected.toLocaleString('en')}</td>
                  <td className="num">{r.findings.toLocaleString('en')}</td>
                  <td className="num">{formatPercent(r.hitRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
