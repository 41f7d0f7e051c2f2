import "server-only";

/** Non-secret facts the UI may show. Never includes the key itself, only whether one is set. */
export function publicConfig() {
  const flag = (v: string | undefined, dflt: boolean) => (v === undefined || v === "" ? dflt : !/^(0|false|no|off)$/i.test(v));
  return {
    demo: flag(process.env.DEMO_MODE, false),
    hasServerKey: Boolean(process.env.GATEWAY_API_KEY),
    allowUserKeys: flag(process.env.ALLOW_USER_KEYS, true),
  };
}
