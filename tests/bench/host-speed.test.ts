import { describe, expect, it } from 'vitest';
import { SPEED_TOLERANCE, speedChange, timeFixedWork } from '../../src/bench/host-speed.ts';

describe('the machine speed the bench compares', () => {
  it('says nothing while the fixed work takes about as long at the end as at the start', () => {
    expect(SPEED_TOLERANCE).toBe(0.15);
    expect(speedChange(800, 800)).toBeNull();
    expect(speedChange(800, 910)).toBeNull();
    expect(speedChange(800, 690)).toBeNull();
    expect(speedChange(800, 930)).not.toBeNull();
  });

  it('says by how much and which way the machine moved beyond that', () => {
    expect(speedChange(712, 880)).toBe(
      'the machine ran 24% slower at the end than at the start (fixed work 712 ms, then 880 ms): its speed moved while the measures were taken.',
    );
    expect(speedChange(880, 712)).toMatch(/^the machine ran 19% faster at the end/);
  });

  it('says nothing of a timing it cannot compare', () => {
    expect(speedChange(0, 0)).toBeNull();
    expect(speedChange(Number.NaN, 800)).toBeNull();
  });

  it('gives the median of the runs it times, the warm-up run apart', () => {
    // A clock that advances 10, 30, 20 ms… over the runs: each run is timed by the two readings around it.
    const readings = [0, 10, 100, 130, 200, 220];
    let next = 0;
    expect(timeFixedWork(3, () => readings[next++]!)).toBe(20);
    expect(next).toBe(6);
  });
});
