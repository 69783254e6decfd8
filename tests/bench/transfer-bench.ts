// Importing an offline transfer file (issue #14): an organizer uploads one phone's 10,000 signed inputs to the real
// server process over loopback; the figure is inputs applied per second, from the upload to the report.

import { signText } from "../../src/client/enrol/device-identity";
import { canonicalJson } from "../../src/domain/canonical-json";
import { manifestText, TRANSFER_FORMAT, type TransferReport } from "../../src/domain/transfer";
import { sha256Hex } from "../../src/server/hash";
import { createUserWithCli } from "../support/admin-cli";
import { codesForProcess, enrol, signedMutation } from "../support/devices";
import { signIn } from "../support/requests";
import { spawnServer } from "../support/spawn-server";
import { realisticInputs } from "./sync-bench";

export async function measureTransferImport(count = 10_000): Promise<number> {
  const server = await spawnServer();
  try {
    const phone = await enrol(server.url, codesForProcess(server));
    const entries = [];
    for (const [i, input] of realisticInputs(count, phone.deviceId, 11).entries())
      entries.push(await signedMutation(phone, input, i + 1));
    const manifest = {
      format: TRANSFER_FORMAT,
      version: 1,
      deviceId: phone.deviceId,
      createdAt: new Date().toISOString(),
      entries: entries.map((m) => ({
        mutationId: m.mutationId,
        payloadSha256: sha256Hex(canonicalJson(m.payload)),
      })),
    } as const;
    const body = JSON.stringify({
      manifest,
      signature: await signText(phone.privateKey, manifestText(manifest)),
      entries,
    });
    const password = "una frase larga para medir";
    createUserWithCli(server.dataDir, {
      email: "bench@tejido.gt",
      name: "Bench",
      role: "organizer",
      password,
    });
    const cookie = await signIn(server.url, "bench@tejido.gt", password);
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/organizer/transfers`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body,
    });
    const seconds = (performance.now() - started) / 1000;
    if (!response.ok) throw new Error(`import answered ${response.status}: ${await response.text()}`);
    const { report } = (await response.json()) as { report: TransferReport };
    if (report.counts.applied !== count) throw new Error(`applied ${report.counts.applied} of ${count}`);
    console.error(
      `transfer import: ${count} inputs (${(body.length / 1e6).toFixed(1)} MB) in ${seconds.toFixed(2)} s`,
    );
    return Math.round(count / seconds);
  } finally {
    await server.stop();
  }
}
