import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { USER_ROLES } from '../api/types.ts';
import { homeFor, mayUse, navFor } from './navigation.ts';

describe('navigation by role', () => {
  it('shows each role only its own pages', () => {
    assert.deepEqual(
      navFor('inspector').map((n) => n.path),
      ['/inspections'],
    );
    assert.deepEqual(
      navFor('trader').map((n) => n.path),
      ['/my-declarations'],
    );
    assert.ok(navFor('supervisor').some((n) => n.path === '/audit'));
    assert.ok(!navFor('targeting_officer').some((n) => n.path === '/audit'));
    assert.ok(!navFor('risk_analyst').some((n) => n.path === '/inspections'));
  });

  it('gives every role somewhere to land', () => {
    for (const role of USER_ROLES) assert.notEqual(homeFor(role), '/no-access', role);
    assert.equal(homeFor('system'), '/no-access');
  });

  it('judges sub-pages by their section', () => {
    assert.ok(mayUse('risk_analyst', '/rules/demo/3'));
    assert.ok(!mayUse('inspector', '/rules/demo/3'));
  });
});
