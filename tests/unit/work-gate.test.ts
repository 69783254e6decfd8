// The gate in front of password hashing: at most N jobs run, at most M wait, the rest are refused at once.
import { describe, expect, it } from "vitest";
import { createWorkGate, GateFull } from "../../src/server/auth/work-gate";

/** A job the test finishes by hand. */
function held() {
  let finish!: () => void;
  let started = false;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    job: async () => {
      started = true;
      await done;
      return "hecho";
    },
    finish,
    started: () => started,
  };
}

describe("work gate", () => {
  it("runs two, queues one, refuses the fourth, and passes each freed slot on", async () => {
    const gate = createWorkGate({ running: 2, waiting: 1 });
    const jobs = [held(), held(), held()];
    const results = jobs.map((job) => gate.run(job.job));
    await Promise.resolve();
    expect(jobs.map((job) => job.started())).toEqual([true, true, false]);
    expect(gate.load()).toEqual({ running: 2, waiting: 1 });
    await expect(gate.run(async () => "no")).rejects.toBeInstanceOf(GateFull);

    jobs[0]!.finish();
    expect(await results[0]).toBe("hecho");
    await Promise.resolve();
    expect(jobs[2]!.started()).toBe(true);
    expect(gate.load()).toEqual({ running: 2, waiting: 0 });
    jobs[1]!.finish();
    jobs[2]!.finish();
    await Promise.all(results);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the slot when a job fails", async () => {
    const gate = createWorkGate({ running: 1, waiting: 0 });
    await expect(gate.run(async () => Promise.reject(new Error("falló")))).rejects.toThrow("falló");
    expect(await gate.run(async () => 7)).toBe(7);
  });
});
