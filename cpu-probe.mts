import { readFileSync } from "node:fs";
import { realisticInputs } from "./tests/bench/sync-bench";
import { codesForProcess, enrol, signedMutation } from "./tests/support/devices";
import { spawnServer } from "./tests/support/spawn-server";

const cpu = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
};
const server = await spawnServer({ LOG_LEVEL: "info" });
const codes = codesForProcess({ dataDir: server.dataDir });
const phones = await Promise.all(
  Array.from({ length: 4 }, async () => {
    const identity = await enrol(server.url, codes);
    const mutations = await Promise.all(
      realisticInputs(5000, identity.deviceId).map((input, i) => signedMutation(identity, input, i + 1)),
    );
    const chunks: string[] = [];
    for (let i = 0; i < mutations.length; i += 200)
      chunks.push(JSON.stringify({ deviceId: identity.deviceId, mutations: mutations.slice(i, i + 200) }));
    return { token: identity.token, chunks };
  }),
);
const pid = server.child.pid!;
const s0 = cpu(pid),
  c0 = process.cpuUsage(),
  t0 = performance.now();
await Promise.all(
  phones.map(async ({ token, chunks }) => {
    for (const body of chunks) {
      const r = await fetch(`${server.url}/api/v1/sync/push`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body,
      });
      await r.json();
    }
  }),
);
const _wall = performance.now() - t0;
const _sc = cpu(pid) - s0;
const _cc = process.cpuUsage(c0);
await server.stop();
