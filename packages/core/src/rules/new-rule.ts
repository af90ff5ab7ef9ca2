import type { ReferenceList } from './reference-list.ts';
import type { Rule } from './rule.ts';

/**
 * Test factory: a valid rule with overrides, so a test names only what it is
 * about.
 *
 * @example newRule({ condition: 'declaration.dispatchCountry == "CO"', points: 20 })
 */
export function newRule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'R-001',
    title: 'Test rule',
    description: 'A rule made by a test.',
    category: 'other',
    points: 10,
    condition: 'declaration.office == "KRPUS01"',
    ...overrides,
  };
}

/**
 * Test factory: a reference list with overrides; entries as plain values.
 *
 * @example newList({ name: 'narcotics_source_countries', entries: ['CO', 'PE'] })
 */
export function newList(
  overrides: Partial<Omit<ReferenceList, 'entries'>> & {
    entries?: readonly (string | { value: string; reason?: string })[];
  } = {},
): ReferenceList {
  const { entries = ['CO'], ...rest } = overrides;
  return {
    name: 'test_list',
    type: 'country',
    version: 1,
    ...rest,
    entries: entries.map((e) => (typeof e === 'string' ? { value: e } : e)),
  };
}
