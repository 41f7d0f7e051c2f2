import * as crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { codeMatches, issueAccessToken, readCookie, verifyAccessToken } from "./access-token";

vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

async function loadAccess(env: Record<string, string>) {
  vi.resetModules();
  for (const name of ["ACCESS_CODE", "ALLOW_USER_KEYS", "TRUST_PROXY", "REDIS_URL"]) vi.stubEnv(name, env[name] ?? "");
  return import("./access");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("P-5 access token", () => {
  const CODE = "correct horse battery staple";

  it("holds a signed random session, never the code or a hash anyone could reuse", () => {
    const token = issueAccessToken(CODE);
    expect(token).not.toContain(CODE);
    expect(token).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
    expect(issueAccessToken(CODE)).not.toBe(token);
    expect(verifyAccessToken(token, CODE)).toBe(token.split(".")[0]);
  });

  it("stops verifying when the code changes, or when any part is altered", () => {
    const token = issueAccessToken(CODE);
    expect(verifyAccessToken(token, `${CODE}!`)).toBeNull();
    const [session, sig] = token.split(".") as [string, string];
    const flipped = `${session}.${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`;
    expect(verifyAccessToken(flipped, CODE)).toBeNull();
    expect(verifyAccessToken(`${"A".repeat(22)}.${sig}`, CODE)).toBeNull();
    for (const junk of ["", "x", `${token}x`, `${session}.`, CODE, undefined, null]) expect(verifyAccessToken(junk, CODE)).toBeNull();
  });

  it("compares codes in constant time: equal-length digests through crypto.timingSafeEqual", () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(codeMatches(CODE, CODE)).toBe(true);
    expect(codeMatches("c", CODE)).toBe(false);
    expect(codeMatches(`${CODE} and much more text than the code`, CODE)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(3);
    for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(readCookie("a=1; gs_access=tok.en; b=2", "gs_access")).toBe("tok.en");
    expect(readCookie("xgs_access=1", "gs_access")).toBeUndefined();
    expect(readCookie(null, "gs_access")).toBeUndefined();
  });
});

describe("P-5 checkAccess", () => {
  const req = (headers: Record<string, string> = {}, url = "http://studio.test/api/chat") => new Request(url, { method: "POST", headers });

  it("lets everything through when no ACCESS_CODE is set", async () => {
    const { checkAccess } = await loadAccess({});
    expect(checkAccess(req())).toBeNull();
  });

  it("refuses a missing, wrong or forged cookie with 401 access_denied; the code itself is no credential", async () => {
    const { checkAccess } = await loadAccess({ ACCESS_CODE: "open-sesame", ALLOW_USER_KEYS: "0" });
    for (const r of [
      req(),
      req({ cookie: `gs_access=${issueAccessToken("wrong-code")}` }),
      req({ cookie: "gs_access=open-sesame" }),
      req({ authorization: "Bearer open-sesame", "x-access-code": "open-sesame" }),
      req({}, "http://studio.test/api/chat?code=open-sesame&access_code=open-sesame"),
      req({ "x-gateway-key": "sk-my-own-key-123456" }),
    ]) {
      const denied = checkAccess(r);
      expect(denied?.status).toBe(401);
      expect(((await denied!.json()) as { error: { code: string } }).error.code).toBe("access_denied");
    }
    expect(checkAccess(req({ cookie: `theme=dark; gs_access=${issueAccessToken("open-sesame")}` }))).toBeNull();
  });

  it("lets a person's own key through only when ALLOW_USER_KEYS is on", async () => {
    const { checkAccess } = await loadAccess({ ACCESS_CODE: "open-sesame", ALLOW_USER_KEYS: "1" });
    expect(checkAccess(req({ "x-gateway-key": "sk-my-own-key-123456" }))).toBeNull();
    expect(checkAccess(req({ "x-gateway-key": "  " }))?.status).toBe(401);
  });

  it("sets the cookie HttpOnly, SameSite=Strict, and Secure over https (or a trusted proxy's https)", async () => {
    let access = await loadAccess({ ACCESS_CODE: "c" });
    expect(access.accessCookie(req(), "t")).toBe("gs_access=t; Path=/; Max-Age=2592000; HttpOnly; SameSite=Strict");
    expect(access.accessCookie(req({}, "https://studio.test/api/unlock"), "t")).toMatch(/; Secure$/);
    expect(access.accessCookie(req({ "x-forwarded-proto": "https" }), "t")).not.toMatch(/Secure/);
    access = await loadAccess({ ACCESS_CODE: "c", TRUST_PROXY: "1" });
    expect(access.accessCookie(req({ "x-forwarded-proto": "https" }), "t")).toMatch(/; Secure$/);
  });
});
