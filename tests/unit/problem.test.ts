// Problem types round-trip through their URIs, and zod issues become JSON Pointers.
import { describe, expect, it } from "vitest";
import { issuesToFieldErrors, PROBLEM_TYPES, problemTypeOf, problemTypeUri } from "../../src/domain/problem";

describe("problems", () => {
  it("maps every problem type to a URI and back", () => {
    for (const type of PROBLEM_TYPES) expect(problemTypeOf(problemTypeUri(type))).toBe(type);
    expect(problemTypeOf("about:blank")).toBeUndefined();
    expect(problemTypeOf("urn:tejido:problem:invented")).toBeUndefined();
  });

  it("escapes JSON Pointer segments", () => {
    const errors = issuesToFieldErrors(
      [{ path: ["answers", "a/b~c", 0], code: "invalid_type", message: "bad" }],
      "/payload",
    );
    expect(errors).toEqual([{ pointer: "/payload/answers/a~1b~0c/0", code: "invalid_type", detail: "bad" }]);
  });
});
