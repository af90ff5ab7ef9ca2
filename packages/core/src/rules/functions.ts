import { format } from './explain.ts';
import { BAND, RECORD_TYPES } from './field-catalogue.ts';
import type { EvidenceValue } from './fired-rule.ts';
import { routeValue } from './reference-list.ts';
import { BOOL, describeType, NUMBER, type RuleType, TEXT, tagged } from './rule-types.ts';
import type { EvaluationContext } from './ruleset.ts';
import { type Ev, type Frame, SLOT } from './typed-ast.ts';
import type { ValueBand } from './value-bands.ts';

/** A built-in function of the rule language. There is no way to define others from rule text. */
export interface Builtin {
  readonly name: string;
  /** How to call it, for docs and error messages: `country(place)`. */
  readonly signature: string;
  readonly doc: string;
  readonly example: string;
  /** The result type for these argument types, or what is wrong. */
  check(args: readonly RuleType[]): RuleType | { readonly error: string; readonly arg?: number };
  compile(args: readonly Ev[]): Ev;
  /** What to quote when the call is a test in an explanation (default: the arguments and their values). */
  explain?(args: readonly unknown[], frame: Frame): { values: EvidenceValue[]; text: string };
}

type ItemLike = { hsCode: string; origin?: string; value: number; quantity?: number };

const isText = (t: RuleType | undefined, ...tags: string[]) =>
  t?.kind === 'text' && (t.tag === undefined || tags.length === 0 || tags.includes(t.tag));
const isItem = (t: RuleType | undefined) => t?.kind === 'record' && t.record === RECORD_TYPES.item;
const arity = (n: number, args: readonly RuleType[], sig: string) =>
  args.length === n
    ? undefined
    : { error: `${sig} takes ${n} argument${n > 1 ? 's' : ''}, not ${args.length}` };
const wrong = (sig: string, i: number, want: string, got: RuleType | undefined) => ({
  error: `${sig}: argument ${i + 1} should be ${want}, not ${got ? describeType(got) : 'missing'}`,
  arg: i,
});

function bandOf(item: unknown, frame: Frame): ValueBand | undefined {
  const ctx = frame[SLOT.context] as EvaluationContext | undefined;
  if (item == null || !ctx?.bands) return undefined;
  const it = item as ItemLike;
  return ctx.bands.find(it.hsCode, it.origin);
}

const unitValue = (item: ItemLike) =>
  item.quantity === undefined || item.quantity === 0 ? undefined : item.value / item.quantity;

// Spellings of a post-office box seen on manifests; the pattern is ours, never
// the analyst's, so it cannot be made to backtrack badly.
const PO_BOX =
  /\b(P\.?\s?O\.?\s?B(OX|\.)|POST\s*OFFICE\s*BOX|POB\s*\d|PMB\s*\d|POSTFACH|APARTADO(\s+POSTAL)?|APDO\.?\s*\d|CASILLA(\s+DE\s+CORREOS?)?|CAIXA\s+POSTAL|BO[IÎ]TE\s+POSTALE|B\.?P\.?\s+\d|POSTBUS|SKRYTKA\s+POCZTOWA)|사서함|私書箱|信箱/i;

/** True when an address line names a post-office box rather than premises. */
export function isPoBoxText(line: string): boolean {
  return PO_BOX.test(line);
}

function bandTest(name: string, below: boolean): Builtin {
  const sig = `${name}(item)`;
  return {
    name,
    signature: sig,
    doc: below
      ? "The item's unit value (value / quantity) is below the low end of its value band."
      : "The item's unit value is above the high end of its value band.",
    example: `any item in declaration.items: ${name}(item)`,
    check: (args) => arity(1, args, sig) ?? (isItem(args[0]) ? BOOL : wrong(sig, 0, 'an item', args[0])),
    compile: ([a]) => {
      const arg = a as Ev;
      return (f) => {
        const item = arg(f) as ItemLike | undefined;
        const band = bandOf(item, f);
        if (!item || !band) return undefined;
        const uv = unitValue(item);
        if (uv === undefined) return undefined;
        return below ? uv < band.low : uv > band.high;
      };
    },
    explain: ([item], frame) => {
      const band = bandOf(item, frame);
      const uv = item ? unitValue(item as ItemLike) : undefined;
      const bound = below ? band?.low : band?.high;
      const which = below ? 'low' : 'high';
      const values = [
        { expr: 'item.unitValue', value: uv },
        { expr: `band(item).${which}`, value: bound },
        { expr: 'band(item).hsCode', value: band?.hsCode },
      ];
      const of = band ? ` (band for HS ${band.hsCode}${band.origin ? ` from ${band.origin}` : ''})` : '';
      return {
        values,
        text: `unit value ${format(uv)} ${below ? '<' : '>'} band ${which} ${format(bound)}${of}`,
      };
    },
  };
}

const BUILTINS: readonly Builtin[] = [
  {
    name: 'country',
    signature: 'country(place)',
    doc: 'The country of a UN/LOCODE place (its first two letters).',
    example: 'any bill in cargo.bills: country(bill.placeOfLoading) in list("narcotics_source_countries")',
    check: (args) =>
      arity(1, args, 'country(place)') ??
      (isText(args[0], 'port', 'country')
        ? tagged('country')
        : wrong('country(place)', 0, 'a UN/LOCODE', args[0])),
    compile: ([a]) => {
      const arg = a as Ev;
      return (f) => {
        const v = arg(f) as string | undefined;
        return v == null ? undefined : v.slice(0, 2);
      };
    },
  },
  {
    name: 'route',
    signature: 'route(from, to)',
    doc: 'A route between two places or countries, to test against a route list.',
    example:
      'route(declaration.transport.portOfLoading, declaration.transport.portOfDischarge) in list("risky_routes")',
    check: (args) =>
      arity(2, args, 'route(from, to)') ??
      (!isText(args[0], 'port', 'country')
        ? wrong('route(from, to)', 0, 'a place or a country', args[0])
        : !isText(args[1], 'port', 'country')
          ? wrong('route(from, to)', 1, 'a place or a country', args[1])
          : tagged('route')),
    compile: ([a, b]) => {
      const from = a as Ev;
      const to = b as Ev;
      return (f) => {
        const x = from(f) as string | undefined;
        const y = to(f) as string | undefined;
        return x == null || y == null ? undefined : routeValue(x, y);
      };
    },
  },
  {
    name: 'band',
    signature: 'band(item)',
    doc: "The value band for the item's HS code and origin (fields low, median, high); unknown when there is none.",
    example: 'any item in declaration.items: item.unitValue < 0.5 * band(item).median',
    check: (args) =>
      arity(1, args, 'band(item)') ??
      (isItem(args[0]) ? { kind: 'record', record: BAND } : wrong('band(item)', 0, 'an item', args[0])),
    compile: ([a]) => {
      const arg = a as Ev;
      return (f) => bandOf(arg(f), f);
    },
  },
  bandTest('unitValueBelowBand', true),
  bandTest('unitValueAboveBand', false),
  {
    name: 'isPoBox',
    signature: 'isPoBox(address)',
    doc: 'The address (or address line) is a post-office box: P.O. Box, Apartado, Casilla, Postfach...',
    example: 'any bill in cargo.bills: isPoBox(bill.deliveryAddress)',
    check: (args) =>
      arity(1, args, 'isPoBox(address)') ??
      ((args[0]?.kind === 'record' && args[0].record === RECORD_TYPES.address) || isText(args[0])
        ? BOOL
        : wrong('isPoBox(address)', 0, 'an address or text', args[0])),
    compile: ([a]) => {
      const arg = a as Ev;
      return (f) => {
        const v = arg(f) as string | { line?: string } | undefined;
        const line = typeof v === 'string' ? v : v?.line;
        return line == null ? undefined : isPoBoxText(line);
      };
    },
    explain: ([v]) => {
      const line = typeof v === 'string' ? v : (v as { line?: string } | undefined)?.line;
      return {
        values: [{ expr: 'address line', value: line }],
        text: `address line ${format(line)} is a post-office box`,
      };
    },
  },
  {
    name: 'exists',
    signature: 'exists(value)',
    doc: 'The value is present (and, for a list of values, not empty). Never unknown.',
    example: 'not exists(declaration.importer)',
    check: (args) => arity(1, args, 'exists(value)') ?? BOOL,
    compile: ([a]) => {
      const arg = a as Ev;
      return (f) => {
        const v = arg(f);
        return v != null && !(Array.isArray(v) && v.length === 0);
      };
    },
  },
  {
    name: 'size',
    signature: 'size(values)',
    doc: 'How many values a list holds (0 when absent).',
    example: 'size(declaration.items) > 50',
    check: (args) =>
      arity(1, args, 'size(values)') ??
      (args[0]?.kind === 'array' ? NUMBER : wrong('size(values)', 0, 'a list of values', args[0])),
    compile: ([a]) => {
      const arg = a as Ev;
      return (f) => (arg(f) as unknown[] | undefined)?.length ?? 0;
    },
  },
  textFunction('lower', (s) => s.toLowerCase()),
  textFunction('upper', (s) => s.toUpperCase()),
  {
    name: 'abs',
    signature: 'abs(number)',
    doc: 'The number without its sign.',
    example: 'abs(declaration.invoiceAmount - declaration.customsValue) > 1000',
    check: (args) =>
      arity(1, args, 'abs(number)') ??
      (args[0]?.kind === 'number' ? NUMBER : wrong('abs(number)', 0, 'a number', args[0])),
    compile: ([a]) => {
      const arg = a as Ev;
      return (f) => {
        const v = arg(f) as number | undefined;
        return v == null ? undefined : Math.abs(v);
      };
    },
  },
  {
    name: 'daysBetween',
    signature: 'daysBetween(from, to)',
    doc: 'Days from one ISO date-time to another (negative when `to` is earlier).',
    example: 'daysBetween(declaration.lodgedAt, cargo.expectedArrival) > 30',
    check: (args) =>
      arity(2, args, 'daysBetween(from, to)') ??
      (!isText(args[0])
        ? wrong('daysBetween(from, to)', 0, 'a date', args[0])
        : !isText(args[1])
          ? wrong('daysBetween(from, to)', 1, 'a date', args[1])
          : NUMBER),
    compile: ([a, b]) => {
      const from = a as Ev;
      const to = b as Ev;
      return (f) => {
        const x = Date.parse(from(f) as string);
        const y = Date.parse(to(f) as string);
        return Number.isNaN(x) || Number.isNaN(y) ? undefined : (y - x) / 86_400_000;
      };
    },
  },
];

function textFunction(name: string, fn: (s: string) => string): Builtin {
  const sig = `${name}(text)`;
  return {
    name,
    signature: sig,
    doc:
      name === 'lower'
        ? 'The text in lower case, to test free text whatever its case.'
        : 'The text in upper case.',
    example: `any item in declaration.items: ${name}(item.description) contains "${name === 'lower' ? 'banana' : 'BANANA'}"`,
    check: (args) => arity(1, args, sig) ?? (isText(args[0]) ? TEXT : wrong(sig, 0, 'text', args[0])),
    compile: ([a]) => {
      const arg = a as Ev;
      return (f) => {
        const v = arg(f) as string | undefined;
        return v == null ? undefined : fn(v);
      };
    },
  };
}

/** The built-in functions by name. `list("name")` is not among them: it is part of `in`. */
export const FUNCTIONS: ReadonlyMap<string, Builtin> = new Map(BUILTINS.map((b) => [b.name, b]));
