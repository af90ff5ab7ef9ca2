import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnParamTypes, rowsFromColumns, toColumnParams } from './columns.ts';

const COLUMNS = [
  ['id', 'text'],
  ['n', 'int'],
  ['doc', 'json'],
] as const;

describe('columns sent as parameters', () => {
  it('sends scalars as arrays and documents as one JSON array in UTF-8 bytes', () => {
    const [ids, ns, docs] = toColumnParams(
      [
        ['a', 1, '{"name":"세진관세사무소"}'],
        ['b', null, '[1,"\\u2028"]'],
      ],
      COLUMNS,
    );
    assert.deepEqual(ids, ['a', 'b']);
    assert.deepEqual(ns, [1, null]);
    assert.ok(docs instanceof Uint8Array);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(docs)), [{ name: '세진관세사무소' }, [1, '\u2028']]);
    assert.deepEqual(columnParamTypes(COLUMNS), ['text[]', 'int[]', 'json']);
    assert.equal(
      rowsFromColumns(COLUMNS, 4),
      'ROWS FROM (unnest($4::text[]), unnest($5::int[]), json_array_elements($6::json))',
    );
  });

  it('refuses a document that is not JSON text, naming the column and the row', () => {
    assert.throws(
      () =>
        toColumnParams(
          [
            ['a', 1, '{}'],
            ['b', 2, null],
          ],
          COLUMNS,
        ),
      /column doc, row 2: expected JSON text, got null/,
    );
    assert.throws(
      () => toColumnParams([['a', 1, { x: 1 }]], COLUMNS),
      /column doc, row 1: expected JSON text, got object/,
    );
  });
});
