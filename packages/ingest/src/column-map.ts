import { existsSync, readFileSync } from 'node:fs';
import { type FieldError, RECORD_KINDS, type RecordKind } from '@sieve/core';
import { z } from 'zod';

const fieldSpecSchema = z
  .object({
    /** Source column (by header name). */
    column: z.string().optional(),
    /** A constant, when no column feeds the field. */
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    /** How to parse the cell; default string. */
    type: z.enum(['string', 'number', 'integer', 'boolean']).default('string'),
    /** Left-pad with zeros to this length (HS codes whose leading zero was lost). */
    pad: z.number().int().positive().optional(),
    /** Replace `{}` with the cell: "KCS-{}". */
    template: z.string().optional(),
    /** Translate cell values; a value mapped to null leaves the field out. Unknown values are errors. */
    map: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    /** Only set the field when another column equals a value. */
    when: z.object({ column: z.string(), equals: z.string() }).optional(),
  })
  .refine((f) => f.column !== undefined || f.value !== undefined, {
    message: 'a field needs a column or a value',
  });

export const columnMapSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  delimiter: z.string().length(1).default(','),
  /** The expected header; when given, a file whose header differs is refused before any row is read. */
  columns: z.array(z.string()).optional(),
  records: z
    .array(
      z.object({
        kind: z.enum(RECORD_KINDS),
        /** Target path (`items[0].hsCode`) to how it is filled. */
        fields: z.record(z.string(), fieldSpecSchema),
      }),
    )
    .min(1),
});

/**
 * A declarative CSV column map: which column feeds which field of which
 * record and how to parse it. One CSV row may produce several records (the
 * KCS map makes a declaration and its inspection result from each row).
 */
export type ColumnMap = z.infer<typeof columnMapSchema>;
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

const MAPS_DIR = new URL('../maps/', import.meta.url);

/** A shipped map by name (`kcs`) or a JSON file by path; errors say which and why. */
export function loadColumnMap(nameOrPath: string): ColumnMap {
  const shipped = new URL(`${nameOrPath}.json`, MAPS_DIR);
  const path = /^[\w-]+$/.test(nameOrPath) && existsSync(shipped) ? shipped : nameOrPath;
  if (!existsSync(path)) {
    throw new Error(
      `SIEVE_ERR_MAP_NOT_FOUND: no column map "${nameOrPath}": not a shipped map (${shippedMapNames().join(', ')}) nor a file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(
      `SIEVE_ERR_MAP_INVALID: column map ${String(path)} is not valid JSON: ${(err as Error).message}`,
    );
  }
  const parsed = columnMapSchema.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(map)'}: ${i.message}`).join('; ');
    throw new Error(`SIEVE_ERR_MAP_INVALID: column map ${String(path)}: ${why}`);
  }
  return parsed.data;
}

export function shippedMapNames(): string[] {
  return ['kcs'];
}

/** Builds the records of one CSV row, or the cells that could not be parsed. */
export interface MappedRow {
  records: { kind: RecordKind; input: Record<string, unknown> }[];
  errors: FieldError[];
}

/**
 * Compiles a map against a header into a function from a row's cells to
 * record inputs (still to be validated by the domain schemas).
 */
export function compileColumnMap(
  map: ColumnMap,
  header: readonly string[],
): (cells: readonly string[]) => MappedRow {
  const index = new Map(header.map((h, i) => [h.trim().replace(/^\uFEFF/, ''), i]));
  const col = (name: string): number => {
    const i = index.get(name);
    if (i === undefined) {
      throw new Error(
        `SIEVE_ERR_MAP_COLUMN: map "${map.name}" reads column "${name}", which the file's header lacks (header: ${header.join(', ')})`,
      );
    }
    return i;
  };
  const plans = map.records.map((r) => ({
    kind: r.kind,
    fields: Object.entries(r.fields).map(([target, spec]) => ({
      target,
      path: parseTarget(target),
      spec,
      col: spec.column === undefined ? -1 : col(spec.column),
      whenCol: spec.when ? col(spec.when.column) : -1,
    })),
  }));
  return (cells) => {
    const errors: FieldError[] = [];
    const records = plans.map((plan) => {
      const input: Record<string, unknown> = {};
      for (const f of plan.fields) {
        if (f.whenCol >= 0 && (cells[f.whenCol] ?? '').trim() !== f.spec.when!.equals) continue;
        const v = f.col < 0 ? f.spec.value : cellValue(cells[f.col] ?? '', f.spec, f.target, errors);
        if (v !== undefined && v !== null) setPath(input, f.path, v);
      }
      return { kind: plan.kind, input };
    });
    return { records, errors };
  };
}

function cellValue(raw: string, spec: FieldSpec, target: string, errors: FieldError[]): unknown {
  const cell = raw.trim();
  if (cell === '') return undefined;
  const field = `${target} (column "${spec.column}")`;
  if (spec.map) {
    if (!Object.hasOwn(spec.map, cell)) {
      errors.push({ field, value: cell, expected: `one of ${Object.keys(spec.map).join(', ')}` });
      return undefined;
    }
    return spec.map[cell];
  }
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const n = Number(cell);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) || !Number.isFinite(n)) {
        errors.push({ field, value: cell, expected: 'a number' });
        return undefined;
      }
      if (spec.type === 'integer' && !Number.isInteger(n)) {
        errors.push({ field, value: cell, expected: 'a whole number' });
        return undefined;
      }
      return n;
    }
    case 'boolean': {
      const b = /^(true|yes|y|1)$/i.test(cell) ? true : /^(false|no|n|0)$/i.test(cell) ? false : undefined;
      if (b === undefined) errors.push({ field, value: cell, expected: 'true or false' });
      return b;
    }
    default: {
      const s = spec.pad && /^\d+$/.test(cell) ? cell.padStart(spec.pad, '0') : cell;
      return spec.template ? spec.template.replace('{}', s) : s;
    }
  }
}

type PathStep = string | number;

/** `items[0].taxes[1].rate` -> ['items', 0, 'taxes', 1, 'rate']. */
export function parseTarget(target: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of target.split('.')) {
    const m = /^([A-Za-z_]\w*)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`SIEVE_ERR_MAP_INVALID: bad target field "${target}"`);
    steps.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(idx[1]));
  }
  return steps;
}

function setPath(obj: Record<string, unknown>, path: readonly PathStep[], value: unknown): void {
  let cur: Record<PathStep, unknown> = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i]!;
    const next = path[i + 1]!;
    cur[step] ??= typeof next === 'number' ? [] : {};
    cur = cur[step] as Record<PathStep, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}
