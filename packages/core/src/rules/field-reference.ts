import { BAND, CARGO_REPORT, DECLARATION, DEFAULT_FACT_TYPES, factsRecord } from './field-catalogue.ts';
import type { RecordType, RuleType } from './rule-types.ts';

/** One field of one record type, for the analysts' guide and editors. */
export interface FieldReference {
  readonly record: string;
  readonly field: string;
  readonly type: string;
  readonly doc: string;
  readonly derived: boolean;
}

/**
 * Every field a condition can test, record by record, starting from
 * `declaration`, `cargo`, `facts` and `band(item)`. docs/rules.md lists the
 * same fields (a test keeps them in step).
 *
 * @example fieldReference().find((f) => f.record === 'item' && f.field === 'unitValue')?.doc // 'value / quantity'
 */
export function fieldReference(): FieldReference[] {
  const out: FieldReference[] = [];
  const seen = new Set<RecordType>();
  const visit = (r: RecordType) => {
    if (seen.has(r)) return;
    seen.add(r);
    const nested: RecordType[] = [];
    for (const [field, spec] of r.fields) {
      out.push({
        record: r.name,
        field,
        type: shortType(spec.type),
        doc: spec.doc,
        derived: spec.derived === true,
      });
      const inner = recordIn(spec.type);
      if (inner) nested.push(inner);
    }
    nested.forEach(visit);
  };
  [DECLARATION, CARGO_REPORT, factsRecord(DEFAULT_FACT_TYPES), BAND].forEach(visit);
  return out;
}

function recordIn(t: RuleType): RecordType | undefined {
  if (t.kind === 'record') return t.record;
  if (t.kind === 'array') return recordIn(t.element);
  return undefined;
}

function shortType(t: RuleType): string {
  switch (t.kind) {
    case 'number':
      return 'number';
    case 'bool':
      return 'yes/no';
    case 'text':
      return t.tag
        ? {
            country: 'country',
            hs: 'HS code',
            port: 'place',
            party: 'party id',
            route: 'route',
            currency: 'currency',
          }[t.tag]
        : 'text';
    case 'record':
      return t.record.name;
    case 'map':
      return `texts by name`;
    case 'array':
      return `list of ${shortType(t.element)}`;
  }
}
