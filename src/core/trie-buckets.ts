// The values under each prefix of a PrefixTrie. Nearly every prefix holds one
// value, so a bucket is that value itself; only prefixes holding several get
// an array (a million one-element arrays would cost about 55 MB). Buckets are
// numbered from 1; an emptied one is reused, so a flapping route does not grow them.
export class TrieBuckets<T> {
  private readonly single: (T | undefined)[] = [];
  private readonly groups = new Map<number, T[]>();
  private readonly free: number[] = [];
  private readonly one: T[] = [];

  /** A new bucket holding `value`; its number. */
  open(value: T): number {
    const id = this.free.pop();
    if (id === undefined) {
      this.single.push(value);
      return this.single.length;
    }
    this.single[id - 1] = value;
    return id;
  }

  add(id: number, value: T): void {
    const group = this.groups.get(id);
    if (group) group.push(value);
    else {
      this.groups.set(id, [this.single[id - 1] as T, value]);
      this.single[id - 1] = undefined;
    }
  }

  /** Removes the value (or the first one `same` finds); "empty" when the bucket is now free. */
  remove(id: number, value: T, same: (a: T, b: T) => boolean): "no" | "yes" | "empty" {
    const group = this.groups.get(id);
    if (!group) {
      const v = this.single[id - 1] as T;
      if (v !== value && !same(v, value)) return "no";
      this.single[id - 1] = undefined;
      this.free.push(id);
      return "empty";
    }
    let at = group.indexOf(value);
    if (at < 0) at = group.findIndex((v) => same(v, value));
    if (at < 0) return "no";
    group.splice(at, 1);
    if (group.length === 1) {
      this.groups.delete(id);
      this.single[id - 1] = group[0];
    }
    return "yes";
  }

  /** The values of a bucket; a one-value bucket is lent in a shared scratch array unless `fresh`. */
  values(id: number, fresh: boolean): readonly T[] {
    const group = this.groups.get(id);
    if (group) return group;
    if (fresh) return [this.single[id - 1] as T];
    this.one[0] = this.single[id - 1] as T;
    return this.one;
  }
}
