import { newDeclaration, newItem, newParty } from '../testing/factories.ts';
import { declarationFacts } from './declaration-facts.ts';
import { seededRandom } from './rng.ts';
import type { LabelledRow } from './train-risk-model.ts';

/**
 * Synthetic labelled history for model tests: importers and HS codes with a
 * hidden risk, outcomes drawn from it, `perDay` declarations a day. Seeded,
 * so tests are repeatable.
 *
 * @example const rows = syntheticHistory({ days: 60, perDay: 40, seed: 3 });
 */
export function syntheticHistory(opts: {
  days: number;
  perDay: number;
  seed: number;
  startDay?: number;
}): LabelledRow[] {
  const rng = seededRandom(opts.seed);
  const importers = Array.from({ length: 60 }, (_, i) => ({ id: `IMP${i}`, risk: i % 5 === 0 ? 0.7 : 0.08 }));
  const codes = ['090121', '610910', '851712', '940350', '220421', '392690'];
  const risky = new Set(['851712', '610910']);
  const start = opts.startDay ?? Date.UTC(2024, 0, 1) / 86_400_000;
  const rows: LabelledRow[] = [];
  for (let day = 0; day < opts.days; day++) {
    for (let k = 0; k < opts.perDay; k++) {
      const imp = importers[Math.floor(rng() * importers.length)]!;
      const hs = codes[Math.floor(rng() * codes.length)]!;
      const mass = 10 + Math.floor(rng() * 1000);
      const value = mass * (5 + rng() * 20);
      const d = newDeclaration({
        id: `D${day}-${k}`,
        lodgedAt: new Date((start + day) * 86_400_000 + 3_600_000).toISOString(),
        importer: newParty({ id: imp.id }),
        customsValue: value,
        items: [newItem({ hsCode: hs, netMassKg: mass, value, origin: rng() < 0.5 ? 'CN' : 'VN' })],
      });
      const p = Math.min(0.95, imp.risk + (risky.has(hs) ? 0.2 : 0));
      const finding = rng() < p;
      rows.push({ facts: declarationFacts(d), outcome: { finding, critical: finding && rng() < 0.1 } });
    }
  }
  return rows;
}
