// SHA-256 of a text, as lower-case hex: payload fingerprints, hashed session tokens and tracking codes; of a
// file, streamed; and the records' hash chain the open-data package and the backup manifest both name.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { CHAIN_DESCRIPTION, chainLinkText, chainStartText } from "../domain/exports/manifest";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** SHA-256 of a file's bytes, read as a stream (memory stays flat whatever its size). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) hash.update(chunk);
  });
  return hash.digest("hex");
}

/** A consultation's records' hash chain (CHAIN_DESCRIPTION), extended input by input in id order. */
export function recordChain(consultationId: string) {
  let head = sha256Hex(chainStartText(consultationId));
  let count = 0;
  return {
    add(id: string, payloadSha256: string) {
      head = sha256Hex(chainLinkText(head, id, payloadSha256));
      count += 1;
    },
    result: () => ({ count, chainHead: head, chain: CHAIN_DESCRIPTION }),
  };
}
