/**
 * Group statements: calls that arrive while the database is busy with earlier ones go to it
 * together, as one statement, instead of one round trip each.
 *
 * On an opening day thousands of citizens submit in the same seconds, and on a two-core server
 * each round trip to PostgreSQL costs more CPU (socket writes, process wake-ups, a commit per
 * statement) than the few rows it reads or writes. At low load nothing waits: a call runs at
 * once while fewer than `inFlight` groups are under way; only when that many are, calls gather
 * and leave together as soon as one group comes back.
 */
export interface GroupOptions<K> {
  /** How many groups may be at the database at once (the rest gather meanwhile). */
  inFlight: number;
  /** At most this many calls in one group. */
  maxSize: number;
  /**
   * Calls that must not share a group (say, two writes to the same row): a call whose key is
   * already in the gathering group waits for the next one.
   */
  keyOf?: (input: K) => string;
  /** Told the size of each group as it leaves (for the metrics). */
  onGroup?: (calls: number) => void;
}

interface Waiting<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

/**
 * Wraps `run`, which takes a group of inputs and settles each (a `PromiseSettledResult` per input,
 * in the same order), into a function of one input. A rejection of `run` itself rejects every
 * call of its group.
 */
export function groupCalls<I, O>(run: (inputs: I[]) => Promise<Array<PromiseSettledResult<O>>>, options: GroupOptions<I>): (input: I) => Promise<O> {
  let gathering: Array<Waiting<I, O>> = [];
  let underWay = 0;

  const takeGroup = (): Array<Waiting<I, O>> => {
    if (!options.keyOf) {
      const group = gathering.slice(0, options.maxSize);
      gathering = gathering.slice(group.length);
      return group;
    }
    const keys = new Set<string>();
    const group: Array<Waiting<I, O>> = [];
    const rest: Array<Waiting<I, O>> = [];
    for (const call of gathering) {
      const key = options.keyOf(call.input);
      if (group.length < options.maxSize && !keys.has(key)) {
        keys.add(key);
        group.push(call);
      } else rest.push(call);
    }
    gathering = rest;
    return group;
  };

  const launch = (): void => {
    const group = takeGroup();
    underWay++;
    options.onGroup?.(group.length);
    run(group.map((call) => call.input)).then(
      (results) => group.forEach((call, i) => settle(call, results[i])),
      (error) => group.forEach((call) => call.reject(error)),
    ).finally(() => {
      underWay--;
      if (gathering.length > 0 && underWay < options.inFlight) launch();
    });
  };

  return (input) =>
    new Promise<O>((resolve, reject) => {
      gathering.push({ input, resolve, reject });
      if (underWay < options.inFlight) launch();
    });
}

function settle<O>(call: Waiting<unknown, O>, result: PromiseSettledResult<O> | undefined): void {
  if (!result) call.reject(new Error('La consulta agrupada no dio resultado para esta llamada.'));
  else if (result.status === 'fulfilled') call.resolve(result.value);
  else call.reject(result.reason);
}

/**
 * A group's inputs as the one parameter of its statement: a JSON array whose elements carry `n`,
 * their place from 1 (read back as `k.n` to tell which call a row answers). Not SQL arrays:
 * PostgreSQL sees an array parameter's length and plans every call anew for it (twice the cost of
 * a grouped read); a JSON array's length it does not see, so the statement is planned once per
 * connection (`jsonb_to_recordset($1::jsonb) as k(…, n int)` on the other side).
 */
export function numberedGroup(items: ReadonlyArray<Record<string, unknown>>): string {
  return JSON.stringify(items.map((item, i) => ({ ...item, n: i + 1 })));
}
