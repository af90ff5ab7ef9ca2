/**
 * A min-heap of values by time, ties broken by insertion order, so records
 * that happen later than they are decided (an inspection hours after
 * lodgement) can be released in time order with bounded memory.
 *
 * @example
 * const q = new TimeQueue<string>();
 * q.push(20, 'b'); q.push(10, 'a');
 * [...q.popUntil(15)] // ['a']
 */
export class TimeQueue<T> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly values: T[] = [];
  private seq = 0;

  get size(): number {
    return this.values.length;
  }

  /** Time of the earliest value, or +Infinity when empty (to skip {@link popUntil} cheaply). */
  get nextTime(): number {
    return this.values.length > 0 ? (this.times[0] as number) : Number.POSITIVE_INFINITY;
  }

  push(time: number, value: T): void {
    this.times.push(time);
    this.seqs.push(this.seq++);
    this.values.push(value);
    this.up(this.values.length - 1);
  }

  /** Values with time <= `time`, earliest first. */
  *popUntil(time: number): Generator<T> {
    while (this.values.length > 0 && (this.times[0] as number) <= time) yield this.pop();
  }

  /** Every remaining value, earliest first. */
  *drain(): Generator<T> {
    while (this.values.length > 0) yield this.pop();
  }

  private pop(): T {
    const top = this.values[0] as T;
    const last = this.values.length - 1;
    this.swap(0, last);
    this.times.pop();
    this.seqs.pop();
    this.values.pop();
    this.down(0);
    return top;
  }

  private less(i: number, j: number): boolean {
    const ti = this.times[i] as number;
    const tj = this.times[j] as number;
    return ti < tj || (ti === tj && (this.seqs[i] as number) < (this.seqs[j] as number));
  }

  private up(i0: number): void {
    let i = i0;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i0: number): void {
    let i = i0;
    const n = this.values.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    [this.times[i], this.times[j]] = [this.times[j] as number, this.times[i] as number];
    [this.seqs[i], this.seqs[j]] = [this.seqs[j] as number, this.seqs[i] as number];
    [this.values[i], this.values[j]] = [this.values[j] as T, this.values[i] as T];
  }
}
