// Checks devices' signatures a push at a time on worker threads: the event loop only hands them over, so it
// stays free for HTTP and the database while another core does the elliptic-curve work.
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** One signature to check: the text signed and its base64url ECDSA P-256 / SHA-256 signature (IEEE P1363). */
export interface SignedText {
  text: string;
  signature: string | undefined;
}

export interface SignatureChecker {
  /** One answer per item, in order; a malformed or missing signature is simply false. */
  check(publicKey: string, items: readonly SignedText[]): Promise<boolean[]>;
  close(): Promise<void>;
}

const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

/** The worker, plain JavaScript so it starts the same under tsx, tests and a build. */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createPublicKey, verify } = require("node:crypto");
const keys = new Map();
parentPort.on("message", ({ id, publicKey, items }) => {
  let key = keys.get(publicKey);
  if (!key) {
    if (keys.size > 10000) keys.clear();
    try {
      key = createPublicKey({ key: JSON.parse(publicKey), format: "jwk" });
    } catch {
      // A key that is not a valid P-256 point verifies nothing.
      parentPort.postMessage({ id, results: items.map(() => false) });
      return;
    }
    keys.set(publicKey, key);
  }
  const results = items.map(([text, signature]) => {
    try {
      return verify("sha256", Buffer.from(text), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
    } catch {
      return false;
    }
  });
  parentPort.postMessage({ id, results });
});`;

/** On the thread pool, one by one: what a batch falls back to if its worker is gone. */
const keys = new Map<string, KeyObject>();
function checkOnThreadPool(publicKey: string, text: string, signature: string): Promise<boolean> {
  let key = keys.get(publicKey);
  if (!key) {
    if (keys.size > 10_000) keys.clear();
    try {
      key = createPublicKey({ key: JSON.parse(publicKey), format: "jwk" });
    } catch {
      return Promise.resolve(false);
    }
    keys.set(publicKey, key);
  }
  const publicKeyObject = key;
  return new Promise((resolve) =>
    verify(
      "sha256",
      Buffer.from(text),
      { key: publicKeyObject, dsaEncoding: "ieee-p1363" },
      Buffer.from(signature, "base64url"),
      (error, valid) => resolve(!error && valid),
    ),
  );
}

interface Slot {
  worker: Worker;
  pending: Map<number, (results: boolean[] | undefined) => void>;
}

/**
 * `size` workers (one fewer than the cores, at least one), started on first use and unref'd so they never keep
 * the process alive. A batch whose worker fails or dies is checked on the thread pool instead: slower, never wrong.
 */
export function createSignatureChecker(
  size = Math.max(1, Math.min(4, availableParallelism() - 1)),
): SignatureChecker {
  const slots: Slot[] = [];
  let nextId = 1;

  function start(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    worker.on("message", ({ id, results }: { id: number; results: boolean[] }) => {
      slot.pending.get(id)?.(results);
      slot.pending.delete(id);
    });
    const retire = () => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      for (const answer of slot.pending.values()) answer(undefined);
      slot.pending.clear();
    };
    worker.on("error", retire);
    worker.on("exit", retire);
    return slot;
  }

  return {
    async check(publicKey, items) {
      const wellFormed = items.flatMap((item, index) =>
        item.signature && SIGNATURE.test(item.signature)
          ? [{ index, text: item.text, signature: item.signature }]
          : [],
      );
      const results = items.map(() => false);
      if (wellFormed.length === 0) return results;
      while (slots.length < size) slots.push(start());
      const slot = slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
      const id = nextId++;
      const answers = await new Promise<boolean[] | undefined>((resolve) => {
        slot.pending.set(id, resolve);
        slot.worker.postMessage({
          id,
          publicKey,
          items: wellFormed.map(({ text, signature }) => [text, signature]),
        });
      });
      const valid =
        answers ??
        (await Promise.all(
          wellFormed.map(({ text, signature }) => checkOnThreadPool(publicKey, text, signature)),
        ));
      wellFormed.forEach(({ index }, i) => {
        results[index] = valid[i] === true;
      });
      return results;
    },
    async close() {
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}

let shared: SignatureChecker | undefined;

/** The process's one checker: every app in the process (tests start many) shares its workers. */
export function sharedSignatureChecker(): SignatureChecker {
  shared ??= createSignatureChecker();
  return shared;
}
