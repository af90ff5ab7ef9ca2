import type { Span } from './ast.ts';

export type TokenKind = 'number' | 'text' | 'name' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written (for `text`, the unquoted value). */
  readonly value: string;
  readonly span: Span;
}

/** A lexical error at an offset; the parser turns it into a positioned problem. */
export interface LexError {
  readonly message: string;
  readonly offset: number;
}

// Longest first, so that `<=` is not read as `<` then `=`.
const PUNCTUATION = [
  '==',
  '!=',
  '<=',
  '>=',
  '<>',
  '&&',
  '||',
  '<',
  '>',
  '=',
  '!',
  '+',
  '-',
  '*',
  '/',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  ':',
];

/**
 * Splits a condition into tokens. Hand-written (not a generated lexer) so each
 * error can say exactly where and what: an unclosed quote, a stray character.
 *
 * @example tokenize('item.value > 10').tokens.map((t) => t.value) // ['item', '.', 'value', '>', '10', '']
 */
export function tokenize(text: string): { tokens: Token[]; error?: LexError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      // A comment runs to the end of the line: analysts annotate long conditions.
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (isDigit(c)) {
      while (i < text.length && (isDigit(text[i] as string) || text[i] === '_')) i++;
      if (text[i] === '.' && isDigit(text[i + 1] ?? '')) {
        i++;
        while (i < text.length && (isDigit(text[i] as string) || text[i] === '_')) i++;
      }
      if (isNameStart(text[i] ?? ''))
        return {
          tokens,
          error: { message: 'a number cannot run into letters; put a space between them', offset: i },
        };
      tokens.push({
        kind: 'number',
        value: text.slice(start, i).replaceAll('_', ''),
        span: { start, end: i },
      });
      continue;
    }
    if (c === '"' || c === "'") {
      const read = readText(text, i, c);
      if ('error' in read) return { tokens, error: read.error };
      tokens.push({ kind: 'text', value: read.value, span: { start, end: read.end } });
      i = read.end;
      continue;
    }
    if (isNameStart(c)) {
      while (i < text.length && isNamePart(text[i] as string)) i++;
      tokens.push({ kind: 'name', value: text.slice(start, i), span: { start, end: i } });
      continue;
    }
    const p = PUNCTUATION.find((x) => text.startsWith(x, i));
    if (!p) return { tokens, error: { message: `unexpected character "${c}"`, offset: i } };
    tokens.push({ kind: 'punct', value: p, span: { start, end: i + p.length } });
    i += p.length;
  }
  tokens.push({ kind: 'eof', value: '', span: { start: text.length, end: text.length } });
  return { tokens };
}

function readText(
  text: string,
  start: number,
  quote: string,
): { value: string; end: number } | { error: LexError } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === quote) return { value, end: i + 1 };
    if (c === '\n') break;
    if (c === '\\') {
      const n = text[i + 1];
      if (n === quote || n === '\\') {
        value += n;
        i += 2;
        continue;
      }
      return {
        error: {
          message: `unknown escape "\\${n ?? ''}" in text; only \\${quote} and \\\\ are allowed`,
          offset: i,
        },
      };
    }
    value += c;
    i++;
  }
  return { error: { message: `text starting here has no closing ${quote}`, offset: start } };
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNamePart = (c: string) => isNameStart(c) || isDigit(c);
