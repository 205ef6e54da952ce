import { describe, expect, it } from "vitest";
import {
  allowedOrigins,
  cookieWriteProblem,
  CROSS_SITE_MESSAGE,
  isSameOrigin,
  JSON_ONLY_MESSAGE,
  UPLOAD_ONLY_MESSAGE,
  originSettings,
  requestHost,
  servedOverHttpsOnly,
} from "./request-origin";

const plain = originSettings({});
const behindProxy = originSettings({ LUOSHI_TRUSTED_PROXY: "1" });
const listed = originSettings({ LUOSHI_TRUSTED_ORIGINS: " https://luoshi.example.gov.cn , not a url,http://10.0.0.9:8080/path" });

const headers = (h: Record<string, string>) => new Headers(h);

describe("settings", () => {
  it("reads the trusted proxy flag and normalises the listed origins, dropping what is not one", () => {
    expect(plain).toEqual({ trustedProxy: false, trustedOrigins: [] });
    expect(behindProxy.trustedProxy).toBe(true);
    expect(listed.trustedOrigins).toEqual(["https://luoshi.example.gov.cn", "http://10.0.0.9:8080"]);
  });
});

describe("servedOverHttpsOnly", () => {
  it("only when origins are listed and every one is https (plain-http LAN addresses cannot keep Secure cookies)", () => {
    expect(servedOverHttpsOnly(plain)).toBe(false);
    expect(servedOverHttpsOnly(listed)).toBe(false);
    expect(servedOverHttpsOnly(originSettings({ LUOSHI_TRUSTED_ORIGINS: "https://a.example,https://b.example:8443" }))).toBe(true);
  });
});

describe("requestHost", () => {
  it("is the Host header, lower-cased; X-Forwarded-Host only behind a trusted proxy", () => {
    const h = headers({ host: "LOCALHOST:3000", "x-forwarded-host": "evil.example, other" });
    expect(requestHost(h, plain)).toBe("localhost:3000");
    expect(requestHost(h, behindProxy)).toBe("evil.example");
  });

  it("refuses a malformed Host", () => {
    for (const host of ["a b", "x@evil.com", "evil.com/path", ""]) expect(requestHost(headers({ host }), plain), host).toBeNull();
    expect(requestHost(headers({ host: "[::1]:3000" }), plain)).toBe("[::1]:3000");
  });
});

describe("isSameOrigin", () => {
  it("accepts the request's own host under any name it is reached by", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "192.168.1.20:3000"]) {
      expect(isSameOrigin(`http://${host}`, headers({ host }), plain), host).toBe(true);
      expect(isSameOrigin(`https://${host}`, headers({ host }), plain), host).toBe(true);
    }
    expect(isSameOrigin("http://example.com", headers({ host: "example.com:80" }), plain)).toBe(true);
  });

  it("refuses another host or port, null, a missing Origin and junk", () => {
    const h = headers({ host: "127.0.0.1:3000" });
    for (const origin of ["http://127.0.0.1:3001", "http://evil.example", "null", "", "javascript:alert(1)", null, undefined]) {
      expect(isSameOrigin(origin, h, plain), String(origin)).toBe(false);
    }
  });

  it("accepts the listed origins whatever the Host", () => {
    expect(isSameOrigin("https://luoshi.example.gov.cn", headers({ host: "127.0.0.1:3000" }), listed)).toBe(true);
    expect(isSameOrigin("http://luoshi.example.gov.cn", headers({ host: "127.0.0.1:3000" }), listed)).toBe(false);
  });

  it("behind a trusted proxy, compares with X-Forwarded-Host", () => {
    const h = headers({ host: "127.0.0.1:3000", "x-forwarded-host": "luoshi.example.gov.cn" });
    expect(isSameOrigin("https://luoshi.example.gov.cn", h, behindProxy)).toBe(true);
    expect(isSameOrigin("https://luoshi.example.gov.cn", h, plain)).toBe(false);
  });

  it("allowedOrigins lists both schemes of the host and the configured ones (for better-auth)", () => {
    expect(allowedOrigins(headers({ host: "192.168.1.20:3000" }), listed)).toEqual([
      "http://192.168.1.20:3000",
      "https://192.168.1.20:3000",
      "https://luoshi.example.gov.cn",
      "http://10.0.0.9:8080",
    ]);
  });
});

describe("cookieWriteProblem", () => {
  const base = { host: "127.0.0.1:3000", cookie: "better-auth.session_token=x" };
  const check = (method: string, h: Record<string, string>) => cookieWriteProblem({ method, headers: headers(h) }, plain);

  it("lets same-origin JSON writes and all reads through", () => {
    expect(check("POST", { ...base, origin: "http://127.0.0.1:3000", "content-type": "application/json; charset=utf-8" })).toBeNull();
    expect(check("GET", { ...base, origin: "http://evil.example" })).toBeNull();
    expect(check("HEAD", base)).toBeNull();
  });

  it("refuses a write from another origin or without one", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(check(method, { ...base, origin: "http://evil.example", "content-type": "application/json" }), method).toBe(CROSS_SITE_MESSAGE);
      expect(check(method, { ...base, "content-type": "application/json" }), method).toBe(CROSS_SITE_MESSAGE);
    }
  });

  it("refuses a same-origin write that is not JSON (what a plain form or a simple fetch sends)", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json-seq"]) {
      expect(check("POST", { ...base, origin: "http://127.0.0.1:3000", "content-type": type }), type).toBe(JSON_ONLY_MESSAGE);
    }
    expect(check("PATCH", { ...base, origin: "http://127.0.0.1:3000" })).toBe(JSON_ONLY_MESSAGE);
  });

  it("an upload endpoint also takes multipart/form-data, still only from the same origin", () => {
    const upload = (h: Record<string, string>) => cookieWriteProblem({ method: "POST", headers: headers(h) }, plain, { multipart: true });
    expect(upload({ ...base, origin: "http://127.0.0.1:3000", "content-type": "multipart/form-data; boundary=x" })).toBeNull();
    expect(upload({ ...base, origin: "http://127.0.0.1:3000", "content-type": "application/json" })).toBeNull();
    expect(upload({ ...base, origin: "http://127.0.0.1:3000", "content-type": "text/plain" })).toBe(UPLOAD_ONLY_MESSAGE);
    expect(upload({ ...base, origin: "https://evil.example", "content-type": "multipart/form-data; boundary=x" })).toBe(CROSS_SITE_MESSAGE);
    expect(upload({ ...base, "content-type": "multipart/form-data; boundary=x" })).toBe(CROSS_SITE_MESSAGE);
  });

  it("a DELETE without a body needs only the Origin; with a body, JSON as well", () => {
    expect(check("DELETE", { ...base, origin: "http://127.0.0.1:3000" })).toBeNull();
    expect(check("DELETE", { ...base, origin: "http://127.0.0.1:3000", "content-length": "0" })).toBeNull();
    expect(check("DELETE", { ...base, origin: "http://127.0.0.1:3000", "content-length": "12", "content-type": "text/plain" })).toBe(JSON_ONLY_MESSAGE);
  });

  it("leaves bearer-token and cookie-less (anonymous) requests alone", () => {
    expect(check("POST", { host: base.host, authorization: "Bearer ls_x", cookie: "a=b", origin: "http://evil.example" })).toBeNull();
    expect(check("POST", { host: base.host, origin: "http://evil.example" })).toBeNull();
  });
});
