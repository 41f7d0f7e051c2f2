// Identifiers shaped like new-api's (middleware/request-id.go: time string + nanos + 8 random chars, §6).
import { randomBytes } from "node:crypto";

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export function randomString(n) {
  const bytes = randomBytes(n);
  let s = "";
  for (let i = 0; i < n; i++) s += ALNUM[bytes[i] % ALNUM.length];
  return s;
}

const pad = (n, w = 2) => String(n).padStart(w, "0");

/** e.g. `20260214101530570914749cO7T1Yq5`: yyyyMMddHHmmss + 9 sub-second digits + 8 chars. */
export function newRequestId(now = new Date()) {
  const t =
    now.getFullYear() + pad(now.getMonth() + 1) + pad(now.getDate()) +
    pad(now.getHours()) + pad(now.getMinutes()) + pad(now.getSeconds());
  const nanos = pad(now.getMilliseconds(), 3) + pad(randomBytes(3).readUIntBE(0, 3) % 1_000_000, 6);
  return t + nanos + randomString(8);
}

/** Pass-through channels keep the upstream's own id (§3.2, quirk 22); DeepInfra-like. */
export function upstreamChatId() {
  return "chatcmpl-" + randomBytes(12).toString("hex");
}

export const unixNow = () => Math.floor(Date.now() / 1000);
