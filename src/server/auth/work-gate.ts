// Bounds how many slow jobs (password hashing: scrypt on Node's small thread pool) run at once, and how many may
// wait. Past both, a caller is told at once to come back later, instead of queueing work that would starve every
// other user of the thread pool (file reads, compression, the health check's database).

export class GateFull extends Error {
  constructor() {
    super("Too many of these jobs are running or waiting");
  }
}

export interface WorkGate {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Running and waiting now. */
  load(): { running: number; waiting: number };
}

export function createWorkGate({
  running: maxRunning,
  waiting: maxWaiting,
}: {
  running: number;
  waiting: number;
}) {
  let running = 0;
  const queue: (() => void)[] = [];
  const gate: WorkGate = {
    async run(job) {
      if (running >= maxRunning) {
        if (queue.length >= maxWaiting) throw new GateFull();
        await new Promise<void>((resolve) => queue.push(resolve));
      } else running += 1;
      try {
        return await job();
      } finally {
        // The slot passes straight to the next waiting job, if any.
        const next = queue.shift();
        if (next) next();
        else running -= 1;
      }
    },
    load: () => ({ running, waiting: queue.length }),
  };
  return gate;
}
