import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FUNCTIONS, fieldReference, RULE_ERROR_CODES } from './index.ts';

const guide = readFileSync(new URL('../../../../docs/rules.md', import.meta.url), 'utf8');

/** The field names listed in the guide's table under `#### record`. */
function documentedFields(record: string): string[] {
  const start = guide.indexOf(`\n#### ${record}\n`);
  assert.ok(start >= 0, `docs/rules.md has no section "#### ${record}"`);
  const section = guide.slice(start + 1).split(/\n#### /)[0] as string;
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] as string);
}

test('the analysts guide lists every field a condition can test, and no other', () => {
  const records = new Map<string, string[]>();
  for (const f of fieldReference()) records.set(f.record, [...(records.get(f.record) ?? []), f.field]);
  for (const [record, fields] of records)
    assert.deepEqual(documentedFields(record), fields, `fields of ${record}`);
});

test('the analysts guide documents every function and every error code', () => {
  for (const fn of FUNCTIONS.values()) assert.ok(guide.includes(`\`${fn.signature}\``), fn.signature);
  for (const code of Object.keys(RULE_ERROR_CODES)) assert.ok(guide.includes(`\`${code}\``), code);
});
