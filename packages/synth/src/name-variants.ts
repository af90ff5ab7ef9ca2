import type { Random } from './random.ts';

/**
 * How a name on a declaration differs from the name on the lookout list:
 * - `exact`: the same Latin spelling;
 * - `misspelt`: one edit or a common alternative romanisation (Mohammed/Muhammad, Choi/Choe);
 * - `reordered`: words in another order (family name first or last; company words swapped);
 * - `legal-form`: the legal form dropped or abbreviated, capitals, no punctuation;
 * - `native-script`: written in Hangul, Hanzi, Cyrillic, Arabic... instead of Latin.
 */
export const NAME_VARIANTS = ['exact', 'misspelt', 'reordered', 'legal-form', 'native-script'] as const;
export type NameVariant = (typeof NAME_VARIANTS)[number];

const ROMANISATIONS: readonly (readonly [string, string])[] = [
  ['Mohammed', 'Muhammad'],
  ['Mohammed', 'Mohamad'],
  ['Yousef', 'Yusuf'],
  ['Ahmed', 'Ahmad'],
  ['Sergei', 'Sergey'],
  ['Alexei', 'Aleksey'],
  ['Dmitry', 'Dmitriy'],
  ['Choi', 'Choe'],
  ['Lee', 'Yi'],
  ['Park', 'Pak'],
  ['Jung', 'Chung'],
  ['Kwon', 'Gwon'],
  ['Cho', 'Jo'],
  ['Hanbit', 'Hanvit'],
  ['Haneul', 'Hanul'],
  ['Zhou', 'Chou'],
  ['Zhang', 'Chang'],
  ['Nguyen', 'Nguyen Thi'],
  ['Al-', 'El-'],
  ['Al ', 'El '],
];

const LEGAL =
  /,?\s*(Co\., Ltd\.|Company Limited|Limited|Ltd\.?|Inc\.|LLC|Corp\.|S\.A\.S\.|S\.A\.C\.|S\.A\.|Ltda\.|GmbH|B\.V\.|S\.r\.l\.|Pvt\. Ltd\.|Pte\. Ltd\.|Sdn\. Bhd\.)$/;

/**
 * `name` changed as `variant` says. Falls back to a misspelling when the
 * variant does not apply (no native script, a one-word name).
 *
 * @example nameVariant(rng, 'Kim Min-jun', 'reordered') // 'Min-jun Kim'
 */
export function nameVariant(rng: Random, name: string, variant: NameVariant, native?: string): string {
  switch (variant) {
    case 'exact':
      return name;
    case 'native-script':
      return native ?? misspell(rng, name);
    case 'legal-form': {
      const core = name.replace(LEGAL, '').trim();
      if (core === name) return misspell(rng, name);
      return rng.chance(0.5) ? core.toUpperCase() : `${core.replace(/[.,"]/g, '')} CO LTD`.toUpperCase();
    }
    case 'reordered': {
      const legal = name.match(LEGAL)?.[0] ?? '';
      const words = name
        .slice(0, name.length - legal.length)
        .trim()
        .split(/\s+/);
      if (words.length < 2) return misspell(rng, name);
      const moved = [...words.slice(1), words[0] as string].join(' ');
      return `${moved}${legal}`;
    }
    case 'misspelt':
      return misspell(rng, name);
  }
}

function misspell(rng: Random, name: string): string {
  const known = ROMANISATIONS.filter(([a]) => name.includes(a));
  if (known.length > 0 && rng.chance(0.6)) {
    const [from, to] = rng.pick(known);
    return name.replace(from, to);
  }
  const words = name.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z-]{4,}$/.test(w));
  if (candidates.length === 0) return `${name}.`;
  const [word, index] = rng.pick(candidates);
  const edited = editWord(rng, word);
  // Swapping two equal letters changes nothing; drop one instead so the variant always differs.
  words[index] = edited === word ? word.slice(0, 1) + word.slice(2) : edited;
  return words.join(' ');
}

function editWord(rng: Random, w: string): string {
  const i = rng.between(1, w.length - 2);
  switch (rng.int(4)) {
    case 0:
      return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // swap neighbours
    case 1:
      return w.slice(0, i) + w.slice(i + 1); // drop a letter
    case 2:
      return w.slice(0, i) + w[i] + w.slice(i); // double a letter
    default: {
      const swaps: Record<string, string> = {
        a: 'e',
        e: 'a',
        i: 'y',
        y: 'i',
        o: 'u',
        u: 'o',
        k: 'c',
        c: 'k',
      };
      const ch = w[i] as string;
      return w.slice(0, i) + (swaps[ch] ?? 'e') + w.slice(i + 1);
    }
  }
}
