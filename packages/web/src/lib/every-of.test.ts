import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { everyOf } from './every-of.ts';

type Colour = 'red' | 'green' | 'blue';

describe('everyOf', () => {
  it('gives back the list as written, in its order', () => {
    assert.deepEqual(everyOf<Colour>()(['blue', 'red', 'green']), ['blue', 'red', 'green']);
  });

  it('does not compile when a member is missing or unknown (checked by npm run typecheck)', () => {
    // @ts-expect-error 'blue' is missing
    everyOf<Colour>()(['red', 'green']);
    // @ts-expect-error 'pink' is not a Colour
    everyOf<Colour>()(['red', 'green', 'blue', 'pink']);
  });
});
