// Component tests: a fresh document and storage for every test, and nothing left mounted between them.
import { cleanup } from "@testing-library/preact";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** Puts the page at this address (the screens read their route and origin from it). */
export function openAt(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}
