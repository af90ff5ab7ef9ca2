import type { ArithmeticOp, ComparisonOp, Span, TextOp } from './ast.ts';
import type { Builtin } from './functions.ts';
import type { ListMatcher } from './reference-list.ts';
import type { Field, RuleType } from './rule-types.ts';

/**
 * A checked condition: every node knows its type and what it refers to (the
 * field spec, the list matcher, the frame slot of a variable). The compiler
 * turns it into closures; the rule index reads it to find what a rule tests.
 */
export type TNode =
  | {
      readonly kind: 'const';
      readonly type: RuleType;
      readonly value: number | string | boolean;
      readonly span: Span;
    }
  | {
      readonly kind: 'var';
      readonly type: RuleType;
      readonly name: string;
      readonly slot: number;
      readonly span: Span;
    }
  | {
      readonly kind: 'field';
      readonly type: RuleType;
      readonly object: TNode;
      readonly name: string;
      readonly field: Field;
      readonly span: Span;
    }
  | {
      readonly kind: 'entry';
      readonly type: RuleType;
      readonly object: TNode;
      readonly key: string;
      readonly span: Span;
    }
  | {
      readonly kind: 'call';
      readonly type: RuleType;
      readonly fn: Builtin;
      readonly args: readonly TNode[];
      readonly span: Span;
    }
  | {
      readonly kind: 'array';
      readonly type: RuleType;
      readonly elements: readonly TNode[];
      readonly span: Span;
    }
  | { readonly kind: 'negate'; readonly type: RuleType; readonly operand: TNode; readonly span: Span }
  | { readonly kind: 'not'; readonly type: RuleType; readonly operand: TNode; readonly span: Span }
  | {
      readonly kind: 'arith';
      readonly type: RuleType;
      readonly op: ArithmeticOp;
      readonly left: TNode;
      readonly right: TNode;
      readonly span: Span;
    }
  | {
      readonly kind: 'compare';
      readonly type: RuleType;
      readonly op: ComparisonOp;
      readonly left: TNode;
      readonly right: TNode;
      readonly span: Span;
    }
  | {
      readonly kind: 'textTest';
      readonly type: RuleType;
      readonly op: TextOp;
      readonly left: TNode;
      readonly right: TNode;
      readonly span: Span;
    }
  | {
      readonly kind: 'inList';
      readonly type: RuleType;
      readonly negated: boolean;
      readonly left: TNode;
      readonly list: ListMatcher;
      readonly span: Span;
    }
  | {
      readonly kind: 'inArray';
      readonly type: RuleType;
      readonly negated: boolean;
      readonly left: TNode;
      readonly right: TNode;
      readonly span: Span;
    }
  | {
      readonly kind: 'logical';
      readonly type: RuleType;
      readonly op: 'and' | 'or';
      readonly operands: readonly TNode[];
      readonly span: Span;
    }
  | {
      readonly kind: 'quant';
      readonly type: RuleType;
      readonly quantifier: 'any' | 'all';
      readonly variable: string;
      readonly slot: number;
      readonly collection: TNode;
      readonly body: TNode;
      readonly span: Span;
    };

/** Frame slots of the names every condition can use; quantifier variables follow. */
export const SLOT = { declaration: 0, cargo: 1, facts: 2, context: 3, firstVariable: 4 } as const;

/** The values a compiled condition reads: the slots above, by index. Reused across evaluations. */
export type Frame = unknown[];

/** A compiled expression: reads the frame, returns a value, `undefined`/`null` for unknown. */
export type Ev = (frame: Frame) => unknown;
