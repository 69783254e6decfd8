// GET /metrics (issue #15): Prometheus text of requests by route and status, push results once committed, sync
// and export durations, and what waits; readable from loopback with no proxy in between, or with the token.
import { uuidv7 } from "uuidv7";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeDevice } from "../../src/server/devices/device-store";
import { MAX_MAIL_ATTEMPTS } from "../../src/server/mail/mailer";
import { codesFor, enrol, pushAs, signedMutation } from "../support/devices";
import { demoIds, makeInput } from "../support/factories";
import { staffSession } from "../support/requests";
import { startTestServer, type TestServer } from "../support/test-server";

const TOKEN = "una-ficha-larga-para-prometheus-2026";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ metricsAccess: { token: TOKEN } });
});
afterAll(() => server.dispose());

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the exposition format's sample lines (comments skipped), as a scraper does. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(target: TestServer = server): Promise<Sample[]> {
  const response = await fetch(`${target.url}/metrics`);
  expect(response.status).toBe(200);
  return parseMetrics(await response.text());
}

/** The value of one sample, 0 when the series has not been seen yet. */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  return found.reduce((sum, sample) => sum + sample.value, 0);
}

describe("who may read /metrics", () => {
  it("answers a loopback caller in Prometheus text", async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(text).toContain("# TYPE tejido_http_requests_total counter");
    expect(text).toContain("# TYPE tejido_sync_duration_seconds histogram");
  });

  it("is not there for anyone else without the token", async () => {
    const outside = await startTestServer({
      metricsAccess: { token: TOKEN, socketAddress: () => "203.0.113.9" },
    });
    try {
      const anonymous = await fetch(`${outside.url}/metrics`);
      expect(anonymous.status).toBe(404);
      expect(anonymous.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await anonymous.text()).not.toContain("tejido_");
      const wrong = await fetch(`${outside.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN.replace("2026", "2025")}` },
      });
      expect(wrong.status).toBe(404);
      const right = await fetch(`${outside.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain("tejido_http_requests_total");
    } finally {
      await outside.dispose();
    }
  });

  it("asks for the token behind a proxy, where every visitor seems to come from loopback", async () => {
    const forwarded = await fetch(`${server.url}/metrics`, {
      headers: { "x-forwarded-for": "198.51.100.7" },
    });
    expect(forwarded.status).toBe(404);
    const proxied = await startTestServer({ trustProxyHops: 1, metricsAccess: { token: TOKEN } });
    try {
      expect((await fetch(`${proxied.url}/metrics`)).status).toBe(404);
      const withToken = await fetch(`${proxied.url}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(withToken.status).toBe(200);
    } finally {
      await proxied.dispose();
    }
    const noToken = await startTestServer({ trustProxyHops: 1 });
    try {
      const response = await fetch(`${noToken.url}/metrics`, { headers: { authorization: "Bearer " } });
      expect(response.status).toBe(404);
    } finally {
      await noToken.dispose();
    }
  });
});

describe("what /metrics counts", () => {
  it("counts requests by route pattern and status, never by the raw address", async () => {
    const before = await scrape();
    const id = demoIds.consultationId;
    expect((await fetch(`${server.url}/api/v1/public/consultations/${id}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/public/consultations/no-such-id`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/no/such/${uuidv7()}`)).status).toBe(404);
    const after = await scrape();
    const route = "/api/v1/public/consultations/:id";
    const delta = (labels: Record<string, string>) =>
      sampleValue(after, "tejido_http_requests_total", labels) -
      sampleValue(before, "tejido_http_requests_total", labels);
    expect(delta({ method: "GET", route, status: "200" })).toBe(1);
    expect(delta({ method: "GET", route, status: "404" })).toBe(1);
    expect(delta({ method: "GET", route: "unmatched", status: "404" })).toBe(1);
    const routes = new Set(
      after.filter((s) => s.name === "tejido_http_requests_total").map((s) => s.labels.route),
    );
    for (const label of routes) {
      expect(label).not.toContain(id);
      expect(label).not.toContain("no-such-id");
    }
  });

  it("counts push results after their batch commits, and times each exchange", async () => {
    const before = await scrape();
    const phone = await enrol(server.url, codesFor(server));
    const first = await signedMutation(phone, makeInput({ deviceId: phone.deviceId }), 1);
    const second = await signedMutation(phone, makeInput({ deviceId: phone.deviceId }), 2);
    const forged = {
      ...(await signedMutation(phone, makeInput({ deviceId: phone.deviceId }), 3)),
      signature: first.signature,
    };
    const once = await pushAs(server.url, phone, {
      deviceId: phone.deviceId,
      mutations: [first, second, forged],
    });
    expect(((await once.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
      "applied",
      "applied",
      "rejected",
    ]);
    const again = await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations: [first] });
    expect(again.status).toBe(200);
    const pulled = await fetch(`${server.url}/api/v1/sync/pull`, {
      headers: { authorization: `Bearer ${phone.token}` },
    });
    expect(pulled.status).toBe(200);
    await pulled.arrayBuffer();
    await revokeDevice(server.storage.db, phone.deviceId, "prueba", new Date());
    const third = await signedMutation(phone, makeInput({ deviceId: phone.deviceId }), 4);
    const fourth = await signedMutation(phone, makeInput({ deviceId: phone.deviceId }), 5);
    const refused = await pushAs(server.url, phone, { deviceId: phone.deviceId, mutations: [third, fourth] });
    expect(refused.status).toBe(403);

    const after = await scrape();
    const pushed = (result: string) =>
      sampleValue(after, "tejido_push_mutations_total", { result }) -
      sampleValue(before, "tejido_push_mutations_total", { result });
    expect(pushed("applied")).toBe(2);
    expect(pushed("duplicate")).toBe(1);
    expect(pushed("quarantined")).toBe(1);
    expect(pushed("revoked")).toBe(2);
    const timed = (exchange: string, outcome: string) =>
      sampleValue(after, "tejido_sync_duration_seconds_count", { exchange, outcome }) -
      sampleValue(before, "tejido_sync_duration_seconds_count", { exchange, outcome });
    expect(timed("push", "2xx")).toBe(2);
    expect(timed("push", "4xx")).toBe(1);
    expect(timed("pull", "2xx")).toBe(1);
    // Every observation falls in the +Inf bucket; the sum is real time, above zero.
    expect(sampleValue(after, "tejido_sync_duration_seconds_bucket", { exchange: "push", le: "+Inf" })).toBe(
      sampleValue(after, "tejido_sync_duration_seconds_count", { exchange: "push" }),
    );
    expect(sampleValue(after, "tejido_sync_duration_seconds_sum", { exchange: "push" })).toBeGreaterThan(0);

    const { n } = await server.storage.db
      .selectFrom("quarantine")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThanOrEqual(3);
    expect(sampleValue(after, "tejido_queue_depth", { queue: "quarantine" })).toBe(Number(n));
  });

  it("records an export's duration when its last byte has gone", async () => {
    const organizer = await staffSession(server, { email: "metricas@tejido.test", role: "organizer" });
    const before = await scrape();
    for (const format of ["csv", "xlsx"]) {
      const response = await fetch(
        `${server.url}/api/v1/organizer/consultations/${demoIds.consultationId}/export?format=${format}`,
        { headers: { cookie: organizer } },
      );
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const after = await scrape();
    for (const format of ["csv", "xlsx"]) {
      const count = (samples: Sample[]) =>
        sampleValue(samples, "tejido_export_duration_seconds_count", { format });
      expect(count(after) - count(before), format).toBe(1);
    }
  });

  it("shows mail waiting and mail given up as queue depth", async () => {
    const mail = (attempts: number) => ({
      id: uuidv7(),
      request_id: uuidv7(),
      to_address: "vecina@example.org",
      subject: "Su solicitud",
      body: "…",
      answered_at: null,
      created_at: new Date().toISOString(),
      attempts,
      next_attempt_at: new Date().toISOString(),
      sent_at: null,
      last_error: null,
    });
    await server.storage.db
      .insertInto("mail_outbox")
      .values([mail(0), mail(3), mail(MAX_MAIL_ATTEMPTS), { ...mail(1), sent_at: new Date().toISOString() }])
      .execute();
    const samples = await scrape();
    expect(sampleValue(samples, "tejido_queue_depth", { queue: "mail_waiting" })).toBe(2);
    expect(sampleValue(samples, "tejido_queue_depth", { queue: "mail_failed" })).toBe(1);
    expect(sampleValue(samples, "tejido_exchanges_in_flight")).toBe(0);
  });
});
