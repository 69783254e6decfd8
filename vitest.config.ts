// Test projects: unit (pure domain), server (real HTTP + SQLite), client (sync engine + fake-indexeddb),
// component (screens rendered with @testing-library/preact in happy-dom), e2e (Chromium).
import { defineConfig } from "vitest/config";

/** With DATABASE_URL set, the server and client suites run a second time against PostgreSQL. */
const postgres = process.env.DATABASE_URL
  ? [
      {
        test: {
          name: "server-pg",
          include: ["tests/server/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          env: { TEST_BACKEND: "postgres" },
        },
      },
      {
        test: {
          name: "fault-pg",
          include: ["tests/fault/**/*.test.ts"],
          environment: "node",
          setupFiles: ["fake-indexeddb/auto"],
          testTimeout: 180_000,
          env: { TEST_BACKEND: "postgres" },
        },
      },
      {
        test: {
          name: "client-pg",
          include: ["tests/client/**/*.test.ts"],
          environment: "node",
          setupFiles: ["fake-indexeddb/auto"],
          testTimeout: 60_000,
          env: { TEST_BACKEND: "postgres" },
        },
      },
    ]
  : [];

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        // Files opened by other software (LibreOffice, headless): what people do with our exports.
        test: {
          name: "interop",
          include: ["tests/interop/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
        },
      },
      {
        test: {
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "client",
          include: ["tests/client/**/*.test.ts"],
          environment: "node",
          setupFiles: ["fake-indexeddb/auto"],
          testTimeout: 30_000,
        },
      },
      {
        // Forms and screens with logic, driven as a person would (labels, roles, typing), against a real
        // IndexedDB (fake-indexeddb) and fetch answered by the test where the screen talks to the server.
        test: {
          name: "component",
          include: ["tests/component/**/*.test.tsx"],
          environment: "happy-dom",
          setupFiles: ["fake-indexeddb/auto", "tests/component/setup.ts"],
          testTimeout: 30_000,
          // Some files start their own server before their tests: on a loaded machine that takes more than 10 s.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "fault",
          include: ["tests/fault/**/*.test.ts"],
          environment: "node",
          setupFiles: ["fake-indexeddb/auto"],
          testTimeout: 180_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          // A poll waits for a state the browser reaches after a round trip to the server; on a loaded machine
          // that can take seconds. The timeout only bounds how long a failure takes to be reported.
          expect: { poll: { timeout: 20_000, interval: 100 } },
          fileParallelism: false,
        },
      },
      ...postgres,
    ],
  },
});
