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
 * fire, capped categories, lookouts, list entries, watchlist and model
 * results, the random draw if the declaration was drawn, and a move forced
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
  for (const f of a.watchlist?.findings ?? []) lines.push(`Watchlist: ${f}`);
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

function signed(p: number): string {
  return p >= 0 ? `+${formatPoints(p)}` : formatPoints(p);
}

function pct(x: number): string {
  return `${Number((100 * x).toPrecision(3))}%`;
}
