import type { ArithmeticOp, ComparisonOp, Expr, Span, TextOp } from './ast.ts';
import { type Token, tokenize } from './lexer.ts';

/** A syntax error: what is wrong and the offset in the condition where it is. */
export interface SyntaxProblem {
  readonly message: string;
  readonly offset: number;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; problem: SyntaxProblem };

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'any',
  'all',
  'true',
  'false',
  'startsWith',
  'endsWith',
  'contains',
]);
const COMPARISONS: Record<string, ComparisonOp> = {
  '==': '==',
  '=': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};
const TEXT_OPS = new Set<string>(['startsWith', 'endsWith', 'contains']);
// What people coming from spreadsheets or programming languages type instead.
const HINTS: Record<string, string> = {
  '&&': 'write `and` instead of `&&`',
  '||': 'write `or` instead of `||`',
  '!': 'write `not` instead of `!`',
  '<>': 'write `!=` instead of `<>`',
  AND: 'write `and` in lower case',
  OR: 'write `or` in lower case',
  NOT: 'write `not` in lower case',
};

class Fail {
  constructor(readonly problem: SyntaxProblem) {}
}

/**
 * Parses a condition into a syntax tree, or returns the first syntax error
 * with its offset. Recursive descent, one function per precedence level:
 * `or` < `and` < `not` < comparison/`in`/text tests < `+ -` < `* /` < unary
 * minus < `.field` and calls. A quantifier's body (`any x in xs: body`)
 * extends as far right as it can, as in logic; parenthesise to stop it.
 *
 * @example parseCondition('declaration.dispatchCountry in list("narcotics_source_countries")')
 */
export function parseCondition(text: string): ParseResult {
  const lexed = tokenize(text);
  if (lexed.error) return { ok: false, problem: lexed.error };
  const p = new Parser(lexed.tokens);
  try {
    if (p.peek().kind === 'eof') p.fail('the condition is empty', p.peek());
    const expr = p.expression();
    const rest = p.peek();
    if (rest.kind !== 'eof')
      p.fail(`unexpected ${describe(rest)} after a complete condition${hint(rest, true)}`, rest);
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, problem: e.problem };
    throw e;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    return (this.tokens[this.i + ahead] ?? this.tokens[this.tokens.length - 1]) as Token;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'name' && t.value === word;
  }
  private isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.value === p;
  }
  private expect(p: string, what: string): Token {
    const t = this.peek();
    if (t.kind === 'punct' && t.value === p) return this.next();
    return this.fail(`expected ${what} but found ${describe(t)}${hint(t, false)}`, t);
  }
  fail(message: string, at: Token): never {
    throw new Fail({ message, offset: at.span.start });
  }

  expression(): Expr {
    return this.or();
  }

  private or(): Expr {
    const first = this.and();
    const operands = [first];
    while (this.isWord('or')) {
      this.next();
      operands.push(this.operand('or', () => this.and()));
    }
    return operands.length === 1 ? first : logical('or', operands);
  }

  private and(): Expr {
    const first = this.not();
    const operands = [first];
    while (this.isWord('and')) {
      this.next();
      operands.push(this.operand('and', () => this.not()));
    }
    return operands.length === 1 ? first : logical('and', operands);
  }

  private operand(after: string, parse: () => Expr): Expr {
    const t = this.peek();
    if (t.kind === 'eof') this.fail(`expected a test after \`${after}\` but the condition ends`, t);
    return parse();
  }

  private not(): Expr {
    if (this.isWord('not') && !this.isWord('in', 1)) {
      const t = this.next();
      const operand = this.operand('not', () => this.not());
      return { kind: 'Not', operand, span: { start: t.span.start, end: operand.span.end } };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === 'punct' && COMPARISONS[t.value]) {
      this.next();
      const right = this.operand(t.value, () => this.additive());
      const op = COMPARISONS[t.value] as ComparisonOp;
      return { kind: 'Binary', op, opSpan: t.span, left, right, span: join(left.span, right.span) };
    }
    if (t.kind === 'name' && TEXT_OPS.has(t.value)) {
      this.next();
      const right = this.operand(t.value, () => this.additive());
      const op = t.value as TextOp;
      return { kind: 'Binary', op, opSpan: t.span, left, right, span: join(left.span, right.span) };
    }
    const negated = this.isWord('not') && this.isWord('in', 1);
    if (negated || this.isWord('in')) {
      if (negated) this.next();
      this.next();
      const right = this.operand('in', () => this.additive());
      return { kind: 'In', negated, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const t = this.next();
      const right = this.operand(t.value, () => this.multiplicative());
      left = binary(t.value as ArithmeticOp, t.span, left, right);
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isPunct('*') || this.isPunct('/')) {
      const t = this.next();
      const right = this.operand(t.value, () => this.unary());
      left = binary(t.value as ArithmeticOp, t.span, left, right);
    }
    return left;
  }

  private unary(): Expr {
    if (this.isPunct('-')) {
      const t = this.next();
      const operand = this.operand('-', () => this.unary());
      return { kind: 'Negate', operand, span: { start: t.span.start, end: operand.span.end } };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    let expr = this.primary();
    while (this.isPunct('.')) {
      this.next();
      const t = this.peek();
      if (t.kind !== 'name') this.fail(`expected a field name after "." but found ${describe(t)}`, t);
      this.next();
      expr = { kind: 'Member', object: expr, name: t.value, nameSpan: t.span, span: join(expr.span, t.span) };
    }
    return expr;
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.next();
      return { kind: 'Number', value: Number(t.value), span: t.span };
    }
    if (t.kind === 'text') {
      this.next();
      return { kind: 'Text', value: t.value, span: t.span };
    }
    if (t.kind === 'punct' && t.value === '(') return this.parenthesised();
    if (t.kind === 'punct' && t.value === '[') return this.array();
    if (t.kind === 'name') return this.word(t);
    if (t.kind === 'eof') return this.fail('the condition ends where a value or a test was expected', t);
    return this.fail(`expected a value or a test but found ${describe(t)}${hint(t, false)}`, t);
  }

  private word(t: Token): Expr {
    if (t.value === 'true' || t.value === 'false') {
      this.next();
      return { kind: 'Bool', value: t.value === 'true', span: t.span };
    }
    if (t.value === 'any' || t.value === 'all') return this.quantifier(t);
    if (KEYWORDS.has(t.value))
      this.fail(`expected a value or a test but found the keyword \`${t.value}\``, t);
    if (HINTS[t.value]) this.fail(`unexpected \`${t.value}\`: ${HINTS[t.value]}`, t);
    this.next();
    if (this.isPunct('(')) return this.call(t);
    return { kind: 'Name', name: t.value, span: t.span };
  }

  private quantifier(t: Token): Expr {
    this.next();
    const v = this.peek();
    if (v.kind !== 'name' || KEYWORDS.has(v.value)) {
      this.fail(
        `expected a name for each element after \`${t.value}\` (as in \`${t.value} item in declaration.items: ...\`) but found ${describe(v)}`,
        v,
      );
    }
    this.next();
    if (!this.isWord('in'))
      this.fail(
        `expected \`in\` after \`${t.value} ${v.value}\` but found ${describe(this.peek())}`,
        this.peek(),
      );
    this.next();
    const collection = this.postfix();
    this.expect(
      ':',
      `":" after \`${t.value} ${v.value} in ...\` (as in \`${t.value} ${v.value} in declaration.items: ...\`)`,
    );
    const body = this.operand(':', () => this.expression());
    return {
      kind: 'Quantifier',
      quantifier: t.value as 'any' | 'all',
      variable: v.value,
      variableSpan: v.span,
      collection,
      body,
      span: { start: t.span.start, end: body.span.end },
    };
  }

  private call(name: Token): Expr {
    this.next(); // (
    const args: Expr[] = [];
    if (!this.isPunct(')')) {
      args.push(this.expression());
      while (this.isPunct(',')) {
        this.next();
        args.push(this.expression());
      }
    }
    const close = this.expect(')', `"," or ")" in the call of ${name.value}(...)`);
    return {
      kind: 'Call',
      callee: name.value,
      calleeSpan: name.span,
      args,
      span: join(name.span, close.span),
    };
  }

  private parenthesised(): Expr {
    const open = this.next();
    const inner = this.operand('(', () => this.expression());
    const close = this.peek();
    if (!(close.kind === 'punct' && close.value === ')')) {
      this.fail(
        `expected ")" to close the "(" at offset ${open.span.start} but found ${describe(close)}${hint(close, true)}`,
        close,
      );
    }
    this.next();
    // The span widens to the parentheses so explanations quote them as written.
    return { ...inner, span: join(open.span, close.span) } as Expr;
  }

  private array(): Expr {
    const open = this.next();
    const elements: Expr[] = [];
    if (!this.isPunct(']')) {
      elements.push(this.expression());
      while (this.isPunct(',')) {
        this.next();
        elements.push(this.expression());
      }
    }
    const close = this.expect(']', '"," or "]" in the list of values');
    return { kind: 'Array', elements, span: join(open.span, close.span) };
  }
}

function logical(op: 'and' | 'or', operands: Expr[]): Expr {
  const first = operands[0] as Expr;
  const last = operands[operands.length - 1] as Expr;
  return { kind: 'Logical', op, operands, span: join(first.span, last.span) };
}

function binary(op: ArithmeticOp, opSpan: Span, left: Expr, right: Expr): Expr {
  return { kind: 'Binary', op, opSpan, left, right, span: join(left.span, right.span) };
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the condition';
  if (t.kind === 'text') return `the text "${t.value}"`;
  if (t.kind === 'number') return `the number ${t.value}`;
  return `"${t.value}"`;
}

function hint(t: Token, joining: boolean): string {
  const h = HINTS[t.value];
  if (h && t.kind !== 'text') return `: ${h}`;
  if (joining && t.kind !== 'eof') return '; join tests with `and` or `or`';
  return '';
}
