import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { machineCpu, parseMachineCpu, stealPercent } from './proc-cpu.ts';

// /proc/stat as Linux 6.x writes it: the whole machine, then each core.
const STAT = (user: number, idle: number, steal: number) =>
  [
    `cpu  ${user} 0 500 ${idle} 30 0 7 ${steal} 40 0`,
    `cpu0 ${user / 2} 0 250 ${idle / 2} 15 0 3 ${steal / 2} 20 0`,
    'intr 123 0 0',
    'ctxt 456',
  ].join('\n');

describe('the host steal a benchmark reports', () => {
  it('reads steal from the eighth column of the machine line, and guest time not twice', () => {
    assert.deepEqual(parseMachineCpu(STAT(1000, 8000, 300)), {
      total: 1000 + 500 + 8000 + 30 + 7 + 300,
      steal: 300,
    });
  });

  it('gives the share of the time between two readings that the host took', () => {
    const a = parseMachineCpu(STAT(1000, 8000, 300));
    // 100 ticks later: 50 user, 20 idle, 30 stolen.
    const b = parseMachineCpu(STAT(1050, 8020, 330));
    assert.equal(stealPercent(a, b), 30);
  });

  it('is null without two readings or without time between them, and undefined for a file without a machine line', () => {
    const a = parseMachineCpu(STAT(1000, 8000, 300));
    assert.equal(stealPercent(a, undefined), null);
    assert.equal(stealPercent(a, a), null);
    assert.equal(parseMachineCpu('cpu0 1 2 3 4 5 6 7 8\n'), undefined);
    assert.equal(parseMachineCpu('cpu  1 2 3\n'), undefined);
  });

  it('reads this machine, where it is Linux', {
    skip: process.platform !== 'linux' && 'not Linux: no /proc/stat',
  }, () => {
    const now = machineCpu();
    assert.ok(now && now.total > 0 && now.steal >= 0 && now.steal <= now.total);
  });
});
