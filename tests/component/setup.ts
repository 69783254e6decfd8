// Component tests: a fresh document and storage for every test, and nothing left mounted between them.
import { cleanup } from "@testing-library/preact";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  localStorage.clear();
});
