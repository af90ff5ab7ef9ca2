import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, stringify } from 'yaml';
import type { z } from 'zod';
import { formatPath } from '../domain/validate.ts';
import { type ReferenceList, referenceListSchema } from './reference-list.ts';
import { type Rule, ruleSchema } from './rule.ts';
import type { RuleProblem } from './rule-error.ts';
import type { ConditionLocator } from './ruleset.ts';

/**
 * Rules read from a document, with a locator per rule that maps positions in
 * its condition back to the file (pass them to `compileRuleset` as
 * `locators` so problems name the file line).
 */
export type LoadedRules =
  | { ok: true; rules: Rule[]; locators: (ConditionLocator | undefined)[] }
  | { ok: false; problems: RuleProblem[] };

export type LoadedLists = { ok: true; lists: ReferenceList[] } | { ok: false; problems: RuleProblem[] };

/**
 * Reads rules from YAML text: a list of rules, or a mapping with a `rules:`
 * list. Validates every rule; returns all problems with their file line.
 * Pure: the caller reads the file.
 *
 * @example
 * const loaded = loadRulesFromYaml(readFileSync('rules/examples/worked-example.rules.yaml', 'utf8'));
 * if (loaded.ok) compileRuleset(loaded.rules, { lists, locators: loaded.locators });
 */
export function loadRulesFromYaml(text: string): LoadedRules {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) return { ok: false, problems: documentProblems(doc, counter) };
  return loadRules(doc, counter, text);
}

/**
 * Reads rules from JSON text: an array of rules or `{ "rules": [...] }`.
 *
 * @example loadRulesFromJson('[{"id":"R1", ...}]')
 */
export function loadRulesFromJson(text: string): LoadedRules {
  const invalid = jsonProblem(text);
  if (invalid) return { ok: false, problems: [invalid] };
  return loadRulesFromYaml(text); // JSON is YAML; the YAML reader keeps positions for messages.
}

/**
 * Reads reference lists from YAML or JSON text: a list of lists or `{ lists: [...] }`.
 *
 * @example loadListsFromYaml('- name: narcotics_source_countries\n  type: country\n  entries: [CO, PE, BO]')
 */
export function loadListsFromYaml(text: string): LoadedLists {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) return { ok: false, problems: documentProblems(doc, counter) };
  const items = itemsOf(doc, 'lists');
  if ('problem' in items) return { ok: false, problems: [items.problem] };
  const lists: ReferenceList[] = [];
  const problems: RuleProblem[] = [];
  items.values.forEach((value, i) => {
    const parsed = referenceListSchema.safeParse(value);
    if (parsed.success) lists.push(parsed.data);
    else
      problems.push(
        ...issueProblems(parsed.error, doc, counter, [...items.path, i], 'SIEVE_ERR_LIST_INVALID', i),
      );
  });
  return problems.length ? { ok: false, problems } : { ok: true, lists };
}

/**
 * Writes rules as YAML, conditions as literal blocks so they read as written.
 *
 * @example writeFileSync('rules.yaml', rulesToYaml(ruleset.rules))
 */
export function rulesToYaml(rules: readonly Rule[]): string {
  return stringify(
    rules.map((r) => ({ ...r, condition: blockScalar(r.condition) })),
    { lineWidth: 0 },
  );
}

/** Writes rules as JSON (an array), two-space indented. */
export function rulesToJson(rules: readonly Rule[]): string {
  return `${JSON.stringify(rules, null, 2)}\n`;
}

/** Writes reference lists as YAML. */
export function listsToYaml(lists: readonly ReferenceList[]): string {
  return stringify(lists, { lineWidth: 0 });
}

function blockScalar(text: string): Scalar {
  const s = new Scalar(text);
  // A literal block keeps the analyst's lines; the YAML writer picks the chomping that round-trips.
  if (text.includes('\n')) s.type = Scalar.BLOCK_LITERAL;
  return s;
}

function loadRules(doc: Document, counter: LineCounter, source: string): LoadedRules {
  const items = itemsOf(doc, 'rules');
  if ('problem' in items) return { ok: false, problems: [items.problem] };
  const rules: Rule[] = [];
  const locators: (ConditionLocator | undefined)[] = [];
  const problems: RuleProblem[] = [];
  items.values.forEach((value, i) => {
    const parsed = ruleSchema.safeParse(value);
    if (!parsed.success) {
      const id = (value as { id?: unknown } | null)?.id;
      const found = issueProblems(
        parsed.error,
        doc,
        counter,
        [...items.path, i],
        'SIEVE_ERR_RULE_INVALID',
        i,
      );
      problems.push(...found.map((p) => (typeof id === 'string' ? { ...p, ruleId: id } : p)));
      return;
    }
    rules.push(parsed.data);
    locators.push(conditionLocator(doc.getIn([...items.path, i, 'condition'], true), source, counter));
  });
  return problems.length ? { ok: false, problems } : { ok: true, rules, locators };
}

function itemsOf(
  doc: Document,
  key: 'rules' | 'lists',
): { values: unknown[]; path: (string | number)[] } | { problem: RuleProblem } {
  const root = doc.toJS() as unknown;
  if (Array.isArray(root)) return { values: root, path: [] };
  if (root && typeof root === 'object' && Array.isArray((root as Record<string, unknown>)[key])) {
    return { values: (root as Record<string, unknown[]>)[key] as unknown[], path: [key] };
  }
  return {
    problem: {
      code: 'SIEVE_ERR_RULE_DOCUMENT',
      message: `expected a list of ${key}, or a mapping with a "${key}:" list`,
    },
  };
}

function documentProblems(doc: Document, counter: LineCounter): RuleProblem[] {
  return doc.errors.map((e) => {
    const pos = counter.linePos(e.pos[0]);
    return {
      code: 'SIEVE_ERR_RULE_DOCUMENT' as const,
      sourceLine: pos.line,
      sourceColumn: pos.col,
      message: e.message.split('\n')[0] ?? e.message,
    };
  });
}

function jsonProblem(text: string): RuleProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return { code: 'SIEVE_ERR_RULE_DOCUMENT', message: `not valid JSON: ${(e as Error).message}` };
  }
}

function issueProblems(
  error: z.ZodError,
  doc: Document,
  counter: LineCounter,
  base: (string | number)[],
  code: 'SIEVE_ERR_RULE_INVALID' | 'SIEVE_ERR_LIST_INVALID',
  index: number,
): RuleProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const node = nearestNode(doc, [...base, ...path]);
    const pos = node?.range ? counter.linePos(node.range[0]) : undefined;
    const problem: RuleProblem = {
      code,
      ruleIndex: index,
      field: formatPath(path) || '(rule)',
      message: `${formatPath(path) || 'rule'}: ${issue.message.replace(/^Invalid input: /, '')}`,
    };
    return pos ? { ...problem, sourceLine: pos.line, sourceColumn: pos.col } : problem;
  });
}

function nearestNode(
  doc: Document,
  path: (string | number)[],
): { range?: [number, number, number] | null } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] | null } | undefined;
    if (node && (isScalar(node) || isMap(node) || isSeq(node))) return node;
  }
  return undefined;
}

/**
 * Maps condition positions to file positions for the two forms where lines
 * survive YAML unchanged: a literal block (`condition: |`) and a single-line
 * plain or quoted scalar without escapes. Folded and multi-line flow scalars
 * rewrite lines, so their problems carry condition positions only.
 */
function conditionLocator(node: unknown, source: string, counter: LineCounter): ConditionLocator | undefined {
  if (!isScalar(node) || !node.range || typeof node.value !== 'string') return undefined;
  const start = counter.linePos(node.range[0]);
  if (node.type === Scalar.BLOCK_LITERAL) {
    const lines = source.split('\n');
    const body = lines.slice(start.line); // lines after the "|" header
    const first = body.find((l) => l.trim().length > 0);
    const indent = first ? first.length - first.trimStart().length : 0;
    return (line, column) => ({ line: start.line + line, column: column + indent });
  }
  const raw = source.slice(node.range[0], node.range[1]);
  if (raw.includes('\n') || raw.includes('\\')) return undefined;
  const quote = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
  if (node.type === Scalar.QUOTE_SINGLE && raw.includes("''")) return undefined;
  return (line, column) =>
    line === 1 ? { line: start.line, column: start.col + quote + column - 1 } : undefined;
}
