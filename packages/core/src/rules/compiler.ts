import type { Getter } from './rule-types.ts';
import type { Ev, Frame, TNode } from './typed-ast.ts';

/** A compiled node: its closure and its compiled children, kept for explanations. */
export interface CNode {
  readonly node: TNode;
  readonly ev: Ev;
  readonly children: readonly CNode[];
}

/**
 * Compiles a checked condition into closures over the tree, once per rule:
 * no text is evaluated at run time (no eval, no `new Function`), so nothing in
 * a rule can reach anything but the declaration it is handed.
 *
 * Missing values are "unknown" (`undefined` or `null`), and logic is
 * three-valued (Kleene): a comparison with an unknown side is unknown, `not`
 * unknown is unknown, `false and unknown` is false, `true or unknown` is
 * true. A rule fires only when its condition is `true`.
 *
 * @example compileNode(checked.node).ev(frame) === true
 */
export function compileNode(node: TNode): CNode {
  const children = childrenOf(node).map(compileNode);
  return {
    node,
    ev: closureFor(
      node,
      children.map((c) => c.ev),
    ),
    children,
  };
}

/** The sub-expressions of a node, in the order `compileNode` compiles them. */
export function childrenOf(node: TNode): readonly TNode[] {
  switch (node.kind) {
    case 'const':
    case 'var':
      return [];
    case 'field':
    case 'entry':
      return [node.object];
    case 'call':
      return node.args;
    case 'array':
      return node.elements;
    case 'negate':
    case 'not':
      return [node.operand];
    case 'arith':
    case 'compare':
    case 'textTest':
    case 'inArray':
      return [node.left, node.right];
    case 'inList':
      return [node.left];
    case 'logical':
      return node.operands;
    case 'quant':
      return [node.collection, node.body];
  }
}

function closureFor(node: TNode, c: readonly Ev[]): Ev {
  const [a, b] = c as [Ev, Ev];
  switch (node.kind) {
    case 'const': {
      const v = node.value;
      return () => v;
    }
    case 'var':
      return variable(node.slot);
    case 'field':
      return node.object.kind === 'var'
        ? fieldOfSlot(node.object.slot, node.field.get)
        : field(a, node.field.get);
    case 'entry': {
      const key = node.key;
      // Own keys only: `attributes.constructor` must not reach Object's prototype.
      return (f) => {
        const o = a(f) as Record<string, unknown> | undefined;
        return o != null && Object.hasOwn(o, key) ? o[key] : undefined;
      };
    }
    case 'call':
      return node.fn.compile(c);
    case 'array': {
      const values = c.map((e) => e([]));
      return () => values;
    }
    case 'negate':
      return (f) => {
        const v = a(f) as number | undefined;
        return v == null ? undefined : -v;
      };
    case 'not':
      return (f) => {
        const v = a(f);
        return v == null ? undefined : !v;
      };
    case 'arith':
      return arithmetic(node.op, a, b);
    case 'compare':
      return node.right.kind === 'const'
        ? compareConst(node.op, a, node.right.value, leaf(node.left))
        : compare(node.op, a, b);
    case 'textTest':
      return node.right.kind === 'const'
        ? textTestConst(node.op, a, String(node.right.value), leaf(node.left))
        : textTest(node.op, a, b);
    case 'inList': {
      const list = node.list;
      const negated = node.negated;
      return (f) => {
        const v = a(f) as string | undefined;
        if (v == null) return undefined;
        return (list.match(v) !== undefined) !== negated;
      };
    }
    case 'inArray':
      return inArray(a, b, node.negated, node.right.kind === 'array', leaf(node.left));
    case 'logical':
      return node.op === 'and' ? and(c) : or(c);
    case 'quant':
      return node.quantifier === 'any' ? any(node.slot, a, b) : all(node.slot, a, b);
  }
}

/** A field read straight off a frame slot (`item.origin`), which the common tests fuse with. */
interface Leaf {
  readonly slot: number;
  readonly get: Getter;
}

function leaf(node: TNode): Leaf | undefined {
  return node.kind === 'field' && node.object.kind === 'var'
    ? { slot: node.object.slot, get: node.field.get }
    : undefined;
}

function variable(slot: number): Ev {
  return (f) => f[slot];
}

function fieldOfSlot(slot: number, get: Getter): Ev {
  return (f) => {
    const o = f[slot];
    return o == null ? undefined : get(o);
  };
}

function field(object: Ev, get: Getter): Ev {
  return (f) => {
    const o = object(f);
    return o == null ? undefined : get(o);
  };
}

function arithmetic(op: string, a: Ev, b: Ev): Ev {
  const num = (f: Frame, e: Ev) => e(f) as number | undefined;
  switch (op) {
    case '+':
      return (f) => {
        const x = num(f, a);
        const y = num(f, b);
        return x == null || y == null ? undefined : x + y;
      };
    case '-':
      return (f) => {
        const x = num(f, a);
        const y = num(f, b);
        return x == null || y == null ? undefined : x - y;
      };
    case '*':
      return (f) => {
        const x = num(f, a);
        const y = num(f, b);
        return x == null || y == null ? undefined : x * y;
      };
    default:
      // Division by zero is unknown, not Infinity: a unit value of an item
      // declared with quantity 0 is not "very high".
      return (f) => {
        const x = num(f, a);
        const y = num(f, b);
        return x == null || y == null || y === 0 ? undefined : x / y;
      };
  }
}

// One function literal per operator keeps each comparison monomorphic; the
// fused forms read the field themselves, saving a call per test.
function compareConst(op: string, a: Ev, k: unknown, l: Leaf | undefined): Ev {
  const c = k as number;
  if (l) {
    const { slot, get } = l;
    const read = (f: Frame) => {
      const o = f[slot];
      return o == null ? undefined : get(o);
    };
    switch (op) {
      case '==':
        return (f) => {
          const o = f[slot];
          const x = o == null ? undefined : get(o);
          return x == null ? undefined : x === k;
        };
      case '<':
        return (f) => {
          const o = f[slot];
          const x = o == null ? undefined : (get(o) as number | undefined);
          return x == null ? undefined : x < c;
        };
      case '>':
        return (f) => {
          const o = f[slot];
          const x = o == null ? undefined : (get(o) as number | undefined);
          return x == null ? undefined : x > c;
        };
      default:
        return compareConst(op, read, k, undefined);
    }
  }
  switch (op) {
    case '==':
      return (f) => {
        const x = a(f);
        return x == null ? undefined : x === k;
      };
    case '!=':
      return (f) => {
        const x = a(f);
        return x == null ? undefined : x !== k;
      };
    case '<':
      return (f) => {
        const x = a(f) as number;
        return x == null ? undefined : x < c;
      };
    case '<=':
      return (f) => {
        const x = a(f) as number;
        return x == null ? undefined : x <= c;
      };
    case '>':
      return (f) => {
        const x = a(f) as number;
        return x == null ? undefined : x > c;
      };
    default:
      return (f) => {
        const x = a(f) as number;
        return x == null ? undefined : x >= c;
      };
  }
}

function compare(op: string, a: Ev, b: Ev): Ev {
  const test = ORDER[op] as (x: number, y: number) => boolean;
  return (f) => {
    const x = a(f) as number;
    if (x == null) return undefined;
    const y = b(f) as number;
    return y == null ? undefined : test(x, y);
  };
}

const ORDER: Record<string, (x: number, y: number) => boolean> = {
  '==': (x, y) => x === y,
  '!=': (x, y) => x !== y,
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
};

function textTestConst(op: string, a: Ev, k: string, l: Leaf | undefined): Ev {
  if (l && op === 'startsWith') {
    const { slot, get } = l;
    return (f) => {
      const o = f[slot];
      const x = o == null ? undefined : (get(o) as string | undefined);
      return x == null ? undefined : x.startsWith(k);
    };
  }
  switch (op) {
    case 'startsWith':
      return (f) => {
        const x = a(f) as string | undefined;
        return x == null ? undefined : x.startsWith(k);
      };
    case 'endsWith':
      return (f) => {
        const x = a(f) as string | undefined;
        return x == null ? undefined : x.endsWith(k);
      };
    default:
      return (f) => {
        const x = a(f) as string | undefined;
        return x == null ? undefined : x.includes(k);
      };
  }
}

function textTest(op: string, a: Ev, b: Ev): Ev {
  return (f) => {
    const x = a(f) as string | undefined;
    if (x == null) return undefined;
    const y = b(f) as string | undefined;
    if (y == null) return undefined;
    return op === 'startsWith' ? x.startsWith(y) : op === 'endsWith' ? x.endsWith(y) : x.includes(y);
  };
}

function inArray(a: Ev, b: Ev, negated: boolean, literal: boolean, l: Leaf | undefined): Ev {
  if (literal && l) {
    const set = new Set(b([]) as unknown[]);
    const { slot, get } = l;
    return (f) => {
      const o = f[slot];
      const x = o == null ? undefined : get(o);
      return x == null ? undefined : set.has(x) !== negated;
    };
  }
  if (literal) {
    const set = new Set(b([]) as unknown[]);
    return (f) => {
      const x = a(f);
      return x == null ? undefined : set.has(x) !== negated;
    };
  }
  return (f) => {
    const x = a(f);
    if (x == null) return undefined;
    const xs = b(f) as unknown[] | undefined;
    if (xs == null) return undefined;
    return xs.includes(x) !== negated;
  };
}

function and(c: readonly Ev[]): Ev {
  if (c.length === 2) {
    const [a, b] = c as [Ev, Ev];
    return (f) => {
      const x = a(f);
      if (x === false) return false;
      const y = b(f);
      if (y === false) return false;
      return x === true && y === true ? true : undefined;
    };
  }
  return (f) => {
    let unknown = false;
    for (let i = 0; i < c.length; i++) {
      const v = (c[i] as Ev)(f);
      if (v === false) return false;
      if (v !== true) unknown = true;
    }
    return unknown ? undefined : true;
  };
}

function or(c: readonly Ev[]): Ev {
  return (f) => {
    let unknown = false;
    for (let i = 0; i < c.length; i++) {
      const v = (c[i] as Ev)(f);
      if (v === true) return true;
      if (v !== false) unknown = true;
    }
    return unknown ? undefined : false;
  };
}

/** `any`: true when the body is true for some element; false over no elements. */
function any(slot: number, collection: Ev, body: Ev): Ev {
  return (f) => {
    const xs = collection(f) as unknown[] | undefined;
    if (xs == null) return false;
    let unknown = false;
    for (let i = 0; i < xs.length; i++) {
      f[slot] = xs[i];
      const v = body(f);
      if (v === true) return true;
      if (v !== false) unknown = true;
    }
    return unknown ? undefined : false;
  };
}

/** `all`: true when the body is true for every element; unknown over no elements, never vacuously true. */
function all(slot: number, collection: Ev, body: Ev): Ev {
  return (f) => {
    const xs = collection(f) as unknown[] | undefined;
    if (xs == null || xs.length === 0) return undefined;
    let unknown = false;
    for (let i = 0; i < xs.length; i++) {
      f[slot] = xs[i];
      const v = body(f);
      if (v === false) return false;
      if (v !== true) unknown = true;
    }
    return unknown ? undefined : true;
  };
}
