import type { Lane } from '../ensemble/ensemble.ts';
import type { Assessment } from './assessment.ts';
import type { Selection } from './scoring-policy.ts';

const CAPPED_LANES = ['red', 'yellow', 'blue'] as const;
const BELOW: Record<(typeof CAPPED_LANES)[number], Lane> = { red: 'yellow', yellow: 'blue', blue: 'green' };

/**
 * Applies the daily capacity of each lane, per office and selection policy
 * and per day (UTC date of lodgement): when more declarations reach a lane
 * than it can hold, the most risky are kept (by combined risk when the
 * ensemble was used, else by points; ties by declaration id) and the others
 * move one lane down, which may in turn fill that lane. Declarations drawn
 * at random always keep their lane and count against the capacity first:
 * dropping them would bias the random sample towards quiet days.
 *
 * Pure: returns new assessments (the same objects where nothing changed),
 * in the input order.
 *
 * @example const decided = applyDailyCapacity(assessments, snapshot.select);
 */
export function applyDailyCapacity(
  assessments: readonly Assessment[],
  select: (office: string, procedure: string) => Selection,
): Assessment[] {
  const out = assessments.slice();
  const groups = new Map<string, { selection: Selection; day: string; members: number[] }>();
  assessments.forEach((a, i) => {
    const selection = select(a.office, a.procedure);
    if (Object.keys(selection.dailyCapacity).length === 0) return;
    const day = a.lodgedAt.slice(0, 10);
    const key = `${a.office}\u001f${selection.name}\u001f${day}`;
    let g = groups.get(key);
    if (!g) {
      g = { selection, day, members: [] };
      groups.set(key, g);
    }
    g.members.push(i);
  });
  for (const g of groups.values()) {
    for (const lane of CAPPED_LANES) {
      const capacity = g.selection.dailyCapacity[lane];
      if (capacity === undefined) continue;
      const inLane = g.members.filter((i) => out[i]!.lane === lane);
      if (inLane.length <= capacity) continue;
      const random = inLane.filter((i) => out[i]!.random.drawn);
      const byRisk = inLane
        .filter((i) => !out[i]!.random.drawn)
        .sort((x, y) => compareRisk(out[x]!, out[y]!));
      const keep = Math.max(0, capacity - random.length);
      byRisk.slice(keep).forEach((i, k) => {
        const a = out[i]!;
        out[i] = {
          ...a,
          lane: BELOW[lane],
          laneReasons: [...a.laneReasons, `${lane} lane full (${capacity} a day): moved to ${BELOW[lane]}`],
          selectedBy: BELOW[lane] === 'yellow' ? a.selectedBy : 'none',
          capacity: {
            from: a.capacity?.from ?? lane,
            day: g.day,
            capacity,
            rank: random.length + keep + k + 1,
          },
        };
      });
    }
  }
  return out;
}

/** Most risky first: combined risk when present, then points, then id for a stable order. */
function compareRisk(a: Assessment, b: Assessment): number {
  const ra = a.ensemble?.rankingScore ?? Number.NEGATIVE_INFINITY;
  const rb = b.ensemble?.rankingScore ?? Number.NEGATIVE_INFINITY;
  if (ra !== rb) return rb - ra;
  if (a.points !== b.points) return b.points - a.points;
  return a.declarationId < b.declarationId ? -1 : a.declarationId > b.declarationId ? 1 : 0;
}
