/** Offsets into the condition text: `start` inclusive, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/';
export type TextOp = 'startsWith' | 'endsWith' | 'contains';

/**
 * The syntax tree of a rule condition: immutable tagged nodes, each with the
 * span of text it came from so that errors and explanations can quote it.
 */
export type Expr =
  | { readonly kind: 'Number'; readonly value: number; readonly span: Span }
  | { readonly kind: 'Text'; readonly value: string; readonly span: Span }
  | { readonly kind: 'Bool'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'Name'; readonly name: string; readonly span: Span }
  | {
      readonly kind: 'Member';
      readonly object: Expr;
      readonly name: string;
      readonly nameSpan: Span;
      readonly span: Span;
    }
  | {
      readonly kind: 'Call';
      readonly callee: string;
      readonly calleeSpan: Span;
      readonly args: readonly Expr[];
      readonly span: Span;
    }
  | { readonly kind: 'Array'; readonly elements: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'Negate'; readonly operand: Expr; readonly span: Span }
  | { readonly kind: 'Not'; readonly operand: Expr; readonly span: Span }
  | {
      readonly kind: 'Binary';
      readonly op: ComparisonOp | ArithmeticOp | TextOp;
      readonly opSpan: Span;
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  | {
      readonly kind: 'In';
      readonly negated: boolean;
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  | {
      readonly kind: 'Logical';
      readonly op: 'and' | 'or';
      readonly operands: readonly Expr[];
      readonly span: Span;
    }
  | {
      readonly kind: 'Quantifier';
      readonly quantifier: 'any' | 'all';
      readonly variable: string;
      readonly variableSpan: Span;
      readonly collection: Expr;
      readonly body: Expr;
      readonly span: Span;
    };

/** 1-based line and column of an offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
