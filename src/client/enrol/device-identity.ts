// This phone's identity as an enrolled device: an ECDSA P-256 key pair made here (the private key cannot be
// exported, not even by this app) and the token the server gave for it. Signs what the phone sends.
import { type EnrolResponse, EnrolResponse as EnrolResponseSchema } from "../../domain/devices";
import type { Problem } from "../../domain/problem";

export interface DeviceIdentity {
  deviceId: string;
  token: string;
  /** Non-extractable: it signs, and it never leaves IndexedDB. */
  privateKey: CryptoKey;
  label: string | null;
  enrolledAt: string;
}

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;

export type EnrolOutcome =
  | { ok: true; identity: DeviceIdentity }
  | { ok: false; status: number; problem?: Problem };

/**
 * Makes a key pair and registers its public half with a one-time code. Nothing is kept unless the server
 * accepted it: a refused code leaves the phone as it was.
 */
export async function enrolThisDevice(
  code: string,
  deviceId: string,
  doFetch: typeof fetch = (input, init) => fetch(input, init),
  baseUrl = "",
  /** The key pair of an earlier attempt whose answer was lost: the server recognises it and answers again. */
  pair?: CryptoKeyPair,
): Promise<EnrolOutcome> {
  pair ??= await newKeyPair();
  // A public key is always exportable, whatever `extractable` says of the private one.
  const { kty, crv, x, y } = await crypto.subtle.exportKey("jwk", pair.publicKey);
  const response = await doFetch(`${baseUrl}/api/v1/devices/enrol`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, deviceId, publicKey: { kty, crv, x, y } }),
  });
  if (response.status !== 201) {
    const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
    return { ok: false, status: response.status, ...(problem ? { problem } : {}) };
  }
  const body: EnrolResponse = EnrolResponseSchema.parse(await response.json());
  return {
    ok: true,
    identity: {
      deviceId: body.deviceId,
      token: body.token,
      privateKey: pair.privateKey,
      label: body.label,
      enrolledAt: body.enrolledAt,
    },
  };
}

/** A fresh ECDSA P-256 pair whose private half cannot be exported. */
export function newKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ALGORITHM, false, ["sign", "verify"]);
}

/** Signs a text (the canonical JSON of a payload) as base64url of the raw r‖s signature. */
export async function signText(privateKey: CryptoKey, text: string): Promise<string> {
  const signature = new Uint8Array(
    await crypto.subtle.sign(SIGNING, privateKey, new TextEncoder().encode(text)),
  );
  let binary = "";
  for (const byte of signature) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
