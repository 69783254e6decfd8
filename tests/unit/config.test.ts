// The server's configuration: mail needs the public address its links point at.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/server/config";

describe("configuration", () => {
  it("refuses SMTP_URL without PUBLIC_URL, whose links would point at localhost", () => {
    expect(() => loadConfig({ SMTP_URL: "smtp://mail.example.gob.gt:587" })).toThrow(
      /PUBLIC_URL: required with SMTP_URL/,
    );
    const config = loadConfig({
      SMTP_URL: "smtp://mail.example.gob.gt:587",
      PUBLIC_URL: "https://tejido.gob.gt",
    });
    expect(config).toMatchObject({
      smtpUrl: "smtp://mail.example.gob.gt:587",
      publicUrl: "https://tejido.gob.gt",
    });
    expect(loadConfig({}).smtpUrl).toBeUndefined();
  });
});
