// Rate-limit keys: the socket address, or behind trusted proxies the address the outermost one saw; IPv6 by /64.
import { describe, expect, it } from "vitest";
import { clientKey } from "../../src/server/http/client-address";

describe("clientKey", () => {
  it("uses the socket address when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientKey("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(clientKey(undefined, undefined, 0)).toBe("unknown");
  });

  it("reads X-Forwarded-For from the right, as far as the trusted proxies go", () => {
    // client (forgeable part) , what proxy 1 saw , what proxy 2 saw
    const header = "10.0.0.1, 198.51.100.20, 192.0.2.5";
    expect(clientKey("127.0.0.1", header, 1)).toBe("192.0.2.5");
    expect(clientKey("127.0.0.1", header, 2)).toBe("198.51.100.20");
    // More hops trusted than listed: the leftmost is the best there is.
    expect(clientKey("127.0.0.1", "198.51.100.20", 3)).toBe("198.51.100.20");
    expect(clientKey("127.0.0.1", undefined, 1)).toBe("127.0.0.1");
  });

  it("keys IPv6 by its /64 and unwraps IPv4-mapped addresses", () => {
    expect(clientKey("2001:db8:1:2:aaaa::1", undefined, 0)).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2:bbbb::9", undefined, 0)).toBe("2001:db8:1:2::/64");
    expect(clientKey("::ffff:203.0.113.7", undefined, 0)).toBe("203.0.113.7");
  });
});
