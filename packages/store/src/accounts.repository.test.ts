import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { eachStore } from './testing/each-store.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

await eachStore('accounts', (store) => {
  it('creates a user once, finds it with its hash, lists it without', async () => {
    const s = store();
    const u = await s.users.create({
      id: 'ana',
      displayName: 'Ana Analyst',
      role: 'risk_analyst',
      passwordHash: '$argon2id$x',
      createdBy: 'admin',
    });
    assert.equal(u.role, 'risk_analyst');
    assert.equal('passwordHash' in u, false);
    await assert.rejects(
      s.users.create({ id: 'ana', displayName: 'A', role: 'inspector', passwordHash: 'h', createdBy: 'x' }),
      /SIEVE_ERR_USER_EXISTS/,
    );
    assert.equal((await s.users.getWithSecret('ana'))?.passwordHash, '$argon2id$x');
    assert.deepEqual(
      (await s.users.list()).map((x) => [x.id, 'passwordHash' in x]),
      [['ana', false]],
    );
  });

  it('refuses a trader without a party, and a party on anyone else', async () => {
    const s = store();
    await assert.rejects(
      s.users.create({ id: 't1', displayName: 'T', role: 'trader', passwordHash: 'h', createdBy: 'x' }),
    );
    await assert.rejects(
      s.users.create({
        id: 'i1',
        displayName: 'I',
        role: 'inspector',
        partyId: 'P1',
        passwordHash: 'h',
        createdBy: 'x',
      }),
    );
    const t = await s.users.create({
      id: 't2',
      displayName: 'T',
      role: 'trader',
      partyId: 'KR-IMP-0001',
      passwordHash: 'h',
      createdBy: 'x',
    });
    assert.equal(t.partyId, 'KR-IMP-0001');
  });

  it('locks an account at the given number of failures in a row, and a login clears the count', async () => {
    const s = store();
    await s.users.create({
      id: 'lock',
      displayName: 'L',
      role: 'inspector',
      passwordHash: 'h',
      createdBy: 'x',
    });
    assert.deepEqual(await s.users.recordFailedLogin('lock', 3, 60), { failedLogins: 1, lockedUntil: null });
    await s.users.recordLogin('lock');
    assert.equal((await s.users.get('lock'))?.failedLogins, 0);
    await s.users.recordFailedLogin('lock', 3, 60);
    await s.users.recordFailedLogin('lock', 3, 60);
    const third = await s.users.recordFailedLogin('lock', 3, 60);
    assert.equal(third?.failedLogins, 0);
    assert.ok(third?.lockedUntil && Date.parse(third.lockedUntil) > Date.now() + 50_000);
    assert.equal(await s.users.recordFailedLogin('nobody', 3, 60), undefined);
    assert.equal(await s.users.unlock('lock'), true);
    assert.equal((await s.users.get('lock'))?.lockedUntil, null);
  });

  it('updates only the fields given', async () => {
    const s = store();
    await s.users.create({
      id: 'upd',
      displayName: 'U',
      role: 'inspector',
      passwordHash: 'h',
      createdBy: 'x',
    });
    const u = await s.users.update('upd', { disabled: true });
    assert.equal(u?.disabled, true);
    assert.equal(u?.displayName, 'U');
    const t = await s.users.update('upd', { role: 'trader', partyId: 'P9' });
    assert.deepEqual([t?.role, t?.partyId, t?.disabled], ['trader', 'P9', true]);
    assert.equal(await s.users.update('missing', { disabled: true }), undefined);
  });

  it('finds a live session with its user, and no longer once revoked, expired or disabled', async () => {
    const s = store();
    await s.users.create({
      id: 'ses',
      displayName: 'S',
      role: 'supervisor',
      passwordHash: 'h',
      createdBy: 'x',
    });
    const inAnHour = new Date(Date.now() + 3_600_000);
    await s.sessions.create({ tokenSha256: sha('a'), userId: 'ses', expiresAt: inAnHour, ip: '127.0.0.1' });
    await s.sessions.create({ tokenSha256: sha('b'), userId: 'ses', expiresAt: new Date(Date.now() - 1000) });
    await s.sessions.create({ tokenSha256: sha('c'), userId: 'ses', expiresAt: inAnHour });
    assert.equal((await s.sessions.findLive(sha('a')))?.role, 'supervisor');
    assert.equal(await s.sessions.findLive(sha('b')), undefined);
    await s.sessions.revoke(sha('a'));
    assert.equal(await s.sessions.findLive(sha('a')), undefined);
    await s.users.update('ses', { disabled: true });
    assert.equal(await s.sessions.findLive(sha('c')), undefined);
    assert.equal(await s.sessions.revokeAllOf('ses'), 2); // b (expired) and c
  });

  it('keeps API tokens by digest, unique by name, until revoked', async () => {
    const s = store();
    const t = await s.apiTokens.create({
      name: 'feed',
      tokenSha256: sha('t'),
      scope: 'intake',
      createdBy: 'adm',
    });
    await assert.rejects(
      s.apiTokens.create({ name: 'feed', tokenSha256: sha('u'), scope: 'intake', createdBy: 'adm' }),
      /SIEVE_ERR_TOKEN_EXISTS/,
    );
    assert.equal((await s.apiTokens.findLive(sha('t')))?.id, t.id);
    await s.apiTokens.touch(t.id);
    assert.ok((await s.apiTokens.list())[0]?.lastUsedAt);
    assert.equal((await s.apiTokens.revoke(t.id, 'adm'))?.revokedBy, 'adm');
    assert.equal(await s.apiTokens.revoke(t.id, 'adm'), undefined);
    assert.equal(await s.apiTokens.findLive(sha('t')), undefined);
  });

  it('stores settings as JSON with who changed them', async () => {
    const s = store();
    await s.settings.set('trader.riskVisible', false, 'adm');
    await s.settings.set('trader.riskVisible', true, 'boss');
    assert.deepEqual(
      (await s.settings.all()).map((x) => [x.key, x.value, x.updatedBy]),
      [['trader.riskVisible', true, 'boss']],
    );
  });

  it('searches the audit log by actor, action family, source and time, page by page', async () => {
    const s = store();
    for (let i = 0; i < 5; i++) {
      await s.audit.append({
        actor: i % 2 ? 'ana' : 'bo',
        action: i < 3 ? 'rules.activate' : 'declaration.view',
        entity: i < 3 ? 'ruleset' : 'declaration',
        entityId: String(i),
        source: '10.0.0.1',
      });
    }
    const rules = await s.auditSearch.search({ action: 'rules.' });
    assert.deepEqual(
      rules.entries.map((e) => e.entityId),
      ['2', '1', '0'],
    );
    const first = await s.auditSearch.search({ actor: 'bo', source: '10.0.0.1' }, { limit: 2 });
    assert.equal(first.entries.length, 2);
    assert.ok(first.nextCursor);
    const second = await s.auditSearch.search({ actor: 'bo' }, { limit: 2, cursor: first.nextCursor });
    assert.deepEqual(
      [...first.entries, ...second.entries].map((e) => e.entityId),
      ['4', '2', '0'],
    );
    assert.equal(second.nextCursor, null);
    assert.equal((await s.auditSearch.search({ to: '2000-01-01T00:00:00Z' })).entries.length, 0);
    const all = [];
    for await (const e of s.auditSearch.stream({ entity: 'declaration' }, 1)) all.push(e.entityId);
    assert.deepEqual(all, ['3', '4']);
  });
});
