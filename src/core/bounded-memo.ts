// Results kept across frames for a screen that hardly changes between them: the
// working set is a few hundred entries, so when full the map forgets everything
// rather than tracking which entry is oldest.
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string, make: (key: string) => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      v = make(key);
      this.map.set(key, v);
    }
    return v;
  }
}
