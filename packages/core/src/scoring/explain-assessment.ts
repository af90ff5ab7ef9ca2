import type { Lane } from '../ensemble/ensemble.ts';
import type { Assessment } from './assessment.ts';
import { formatPoints } from './score.ts';

const LANE_WORDS: Record<Lane, string> = {
  red: 'RED (physical examination)',
  yellow: 'YELLOW (documentary check)',
  blue: 'BLUE (released, post-clearance audit)',
  green: 'GREEN (released)',
};

/**
 * The assessment as sentences an officer can read and repeat: the lane and
 * why, each rule that fired with its points and the values that made it
 * fire, capped categories, lookouts, list entries, the watchlist hits (or
 * that nothing matched, or that no list was active), the model's
 * probability and reasons (or that no model was active), the random draw if the declaration was drawn, and a move forced
 * by capacity.
 *
 * @example
 * explainAssessment(a)
 * // ['Lane RED (physical examination): 110 points reach red (60).',
 * //  'NARC-COVER-LOAD (+15, narcotics) Known cover load: bill = cargo.bills[0]: bill.hsCode "080390" in cover_loads ...', ...]
 */
export function explainAssessment(a: Assessment): string[] {
  const lines = [`Lane ${LANE_WORDS[a.lane]}: ${a.laneReasons.join('; ')}.`];
  for (const r of a.rules) {
    const evidence = r.evidence.map((e) => e.text).join('; ');
    lines.push(
      `${r.ruleId} (${signed(r.points)}, ${r.category}) ${r.title}${evidence ? `: ${evidence}` : ''}`,
    );
  }
  for (const c of a.categories) {
    if (c.cap !== undefined && c.raw > c.cap) {
      lines.push(
        `${c.category} points capped at ${formatPoints(c.cap)} (the rules gave ${formatPoints(c.raw)}).`,
      );
    }
  }
  for (const m of a.lookouts) {
    const demands = [m.points ? signed(m.points) : '', m.lane ? `at least ${m.lane}` : '']
      .filter(Boolean)
      .join(', ');
    lines.push(
      `Commodity lookout ${m.lookout} v${m.version} (${m.title}${demands ? `; ${demands}` : ''}): ${m.where} HS ${m.hsCode} matches ${m.entry}${m.reason ? `: ${m.reason}` : ''}.`,
    );
  }
  for (const l of a.lists) {
    lines.push(
      `List ${l.list} v${l.version} matched "${l.value}"${l.reason ? `: ${l.reason}` : ''} (${l.rules.join(', ')}).`,
    );
  }
  lines.push(...watchlistLines(a));
  lines.push(modelLine(a));
  if (a.ensemble) {
    const parts = a.ensemble.parts.map((p) => `${p.source} ${(100 * p.share).toFixed(0)}%`).join(', ');
    lines.push(`Combined risk ${a.ensemble.score.toFixed(2)} (${parts}): ${a.ensemble.laneReason}.`);
  }
  if (a.random.drawn) {
    lines.push(
      `Selected at random: draw ${a.random.draw.toFixed(4)} below the ${pct(a.random.rate)} random rate of "${a.selectionPolicy}"; a random selection is independent of the score and measures compliance without bias.`,
    );
  }
  if (a.capacity) {
    lines.push(
      `Moved from ${a.capacity.from} to ${a.lane}: the ${a.capacity.from} lane holds ${a.capacity.capacity} a day at office ${a.office} and this declaration ranked ${a.capacity.rank} on ${a.capacity.day}.`,
    );
  }
  return lines;
}

/** The deductive layer: each finding, or what was screened without one, or that no list was active. */
function watchlistLines(a: Assessment): string[] {
  const lists = Object.entries(a.versions.watchlists ?? {});
  const w = a.watchlist;
  if (!w || lists.length === 0) return ['Watchlist: no watchlist was active; the parties were not screened.'];
  const against = lists.map(([id, v]) => `${id}@${v}`).join(', ');
  if (w.findings.length === 0)
    return [`Watchlist: ${w.screened} name(s) screened against ${against}; no match.`];
  return w.findings.map((f) => `Watchlist: ${f}`);
}

/** The predictive layer: the probability against the average and the strongest reasons, or that no model was active. */
function modelLine(a: Assessment): string {
  const m = a.model;
  if (!m) return 'Model: no model was active; the model took no part.';
  const reasons = m.reasons
    .map((r) => `${r.direction === 'raises' ? 'raised by' : 'lowered by'} ${r.text}`)
    .join('; ');
  const why = m.reasonsOmitted
    ? '; reasons are worked out for declarations sent to control'
    : reasons
      ? `; ${reasons}`
      : '';
  return `Model ${m.version}: probability of a finding ${pct(m.probability)} against ${pct(m.baseProbability)} for an average declaration${why}.`;
}

function signed(p: number): string {
  return p >= 0 ? `+${formatPoints(p)}` : formatPoints(p);
}

function pct(x: number): string {
  return `${Number((100 * x).toPrecision(3))}%`;
}
