/**
 * Kinds of text the type checker tells apart, so that a country list is not
 * matched against an HS code by mistake. Plain `text` (and a quoted literal)
 * fits any of them.
 */
export type TextTag = 'country' | 'hs' | 'port' | 'party' | 'route' | 'currency';

/** Reads a field from its parent object; returns `undefined` when absent. */
export type Getter = (parent: unknown) => unknown;

/** One field of a record type, as the rule language sees it. */
export interface Field {
  readonly type: RuleType;
  readonly get: Getter;
  readonly doc: string;
  /** True for fields computed by Sieve (unit value, reefer...) rather than read. */
  readonly derived?: boolean;
  /**
   * Rough share of declarations that match one given value of this field,
   * used to pick the most discriminating test of a rule for the index.
   */
  readonly selectivity?: number;
}

/** A named record type (declaration, item, party...) and its fields. */
export interface RecordType {
  readonly name: string;
  readonly doc: string;
  readonly fields: ReadonlyMap<string, Field>;
}

/** The static type of an expression in a rule condition. */
export type RuleType =
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'text'; readonly tag?: TextTag }
  | { readonly kind: 'record'; readonly record: RecordType }
  | { readonly kind: 'map'; readonly value: RuleType }
  | { readonly kind: 'array'; readonly element: RuleType };

export const NUMBER: RuleType = Object.freeze({ kind: 'number' });
export const BOOL: RuleType = Object.freeze({ kind: 'bool' });
export const TEXT: RuleType = Object.freeze({ kind: 'text' });

/** Text of a given kind, e.g. `tagged('country')`. */
export function tagged(tag: TextTag): RuleType {
  return { kind: 'text', tag };
}

export function arrayOf(element: RuleType): RuleType {
  return { kind: 'array', element };
}

const TAG_WORDS: Record<TextTag, string> = {
  country: 'a country code',
  hs: 'an HS code',
  port: 'a UN/LOCODE place',
  party: 'a party id',
  route: 'a route',
  currency: 'a currency code',
};

/** Words for a type in error messages: "a number", "text (a country code)", "a party". */
export function describeType(t: RuleType): string {
  switch (t.kind) {
    case 'number':
      return 'a number';
    case 'bool':
      return 'a yes/no test';
    case 'text':
      return t.tag ? `text (${TAG_WORDS[t.tag]})` : 'text';
    case 'record':
      return `a ${t.record.name} (a record with fields: ${[...t.record.fields.keys()].slice(0, 8).join(', ')}${t.record.fields.size > 8 ? ', ...' : ''})`;
    case 'map':
      return `a table of ${describeType(t.value)} by name`;
    case 'array':
      return `a list of ${describeType(t.element).replace(/^an? /, '')} values`;
  }
}

/** Two texts can be compared unless both carry different tags. */
export function sameKind(a: RuleType, b: RuleType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'text' && b.kind === 'text') return !a.tag || !b.tag || a.tag === b.tag;
  return a.kind === 'number' || a.kind === 'bool';
}
