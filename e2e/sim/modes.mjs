// Per-request quirk switches: `[[sim:a,b=1]]` markers in the prompt, the `x-sim-mode` header, or a model-id suffix.
const MARKER = /\[\[sim:([^\]]*)\]\]/g;

// Short names the README promises, folded onto canonical `name=value` switches.
const ALIASES = {
  "relay-stream-error": ["stream-error", "relay"],
  "bare-json-error": ["stream-error", "bare-json"],
  "openrouter-error": ["stream-error", "openrouter"],
  "litellm-error": ["stream-error", "litellm"],
  "html-502": ["error", "html-502"],
  "html-503": ["error", "html-503"],
  "html-504": ["error", "html-504"],
  "echo-key": ["error", "echo-key"],
  "refusal": ["error", "content-policy"],
  "prompt-blocked": ["error", "400-prompt-blocked"],
  "no-images": ["error", "500-no-images"],
  "empty-response": ["error", "500-empty-response"],
};

function addTokens(into, spec) {
  for (const raw of spec.split(",")) {
    const tok = raw.trim();
    if (!tok) continue;
    const eq = tok.indexOf("=");
    const name = (eq < 0 ? tok : tok.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? true : tok.slice(eq + 1).trim();
    if (name === "cf-524") { // value is the delay before the 524, not the error name
      into.error = "cf-524";
      if (value !== true) into["cf-524"] = value;
      continue;
    }
    const alias = ALIASES[name];
    if (alias) into[alias[0]] = alias[1];
    else into[name] = value;
  }
}

/** Collect markers from free text; returns { modes, clean } with the markers removed from the text. */
export function extractMarkers(text, into = {}) {
  if (typeof text !== "string" || !text.includes("[[sim:")) return { modes: into, clean: text ?? "" };
  const clean = text.replace(MARKER, (_, spec) => { addTokens(into, spec); return ""; }).replace(/[ \t]{2,}/g, " ").trim();
  return { modes: into, clean };
}

/** Header form: `x-sim-mode: split-image, pace=5` (markers with brackets are accepted too). */
export function headerModes(value, into = {}) {
  if (!value) return into;
  const v = Array.isArray(value) ? value.join(",") : String(value);
  if (v.includes("[[sim:")) extractMarkers(v, into);
  else addTokens(into, v);
  return into;
}

/** `gemini-2.5-flash-image[[sim:split-image]]` → base model + modes. */
export function splitModel(model, into = {}) {
  if (typeof model !== "string") return { model, modes: into };
  const { clean } = extractMarkers(model, into);
  return { model: clean, modes: into };
}

export const num = (v, dflt) => {
  if (v === undefined || v === true) return dflt;
  const n = Number(v);
  return Number.isFinite(n) ? n : dflt;
};
