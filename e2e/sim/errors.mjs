// new-api error bodies (§6, quirks 13–17). `(request id: …)` is appended like common.MessageWithRequestId.

const withRid = (msg, rid) => `${msg} (request id: ${rid})`;

/** Body object for new-api's usual shape; `extra` adds param/code exactly as given (undefined keys are omitted). */
export function newApiError(message, rid, extra = {}) {
  return { error: { message: withRid(message, rid), type: "new_api_error", ...extra } };
}

const NGINX = (code, text) =>
  `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

const CF_524 = `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html class="no-js" lang="en-US">
<head><title>gateway.iotex.ai | 524: A timeout occurred</title>
<meta charset="UTF-8" /><meta name="robots" content="noindex, nofollow" /></head>
<body><div id="cf-wrapper"><div id="cf-error-details" class="p-0">
<header><h1><span class="cf-error-type">Error</span> <span class="cf-error-code">524</span></h1>
<h2 class="cf-subheadline">A timeout occurred</h2></header>
<p>The origin web server timed out responding to this request.</p>
<span class="cf-footer-item">Cloudflare Ray ID: <strong>8f1c2d3e4a5b6c7d</strong></span>
</div></div></body></html>
`;

/**
 * Catalog for `[[sim:error=NAME]]`. Each entry → { status, body (object|string|null), headers, proxy }.
 * `proxy:true` means the response comes from a proxy in front of new-api (§6 last paragraph), so it carries
 * neither X-Oneapi-Request-Id nor CORS headers.
 */
export function errorResponse(name, ctx) {
  const { rid, model = "", key = "" } = ctx;
  const json = (status, body, headers = {}) => ({ status, body, headers });
  switch (name) {
    case "401": return json(401, newApiError("无效的令牌", rid));
    case "401-exhausted": return json(401, newApiError("该令牌额度已用尽", rid));
    case "401-expired": return json(401, newApiError("该令牌已过期", rid));
    case "echo-key": // upstream OpenAI-style 401 passed through; the masked key shows up in the message
      return json(401, { error: {
        message: withRid(`Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, rid),
        type: "invalid_request_error", param: null, code: "invalid_api_key" } });
    case "403-quota":
      return json(403, newApiError("用户额度不足, 剩余额度: ＄0.000000", rid, { param: "", code: "insufficient_user_quota" }));
    case "403-model": return json(403, newApiError(`该令牌无权访问模型 ${model}`, rid));
    case "503-no-channel":
      return json(503, newApiError(`当前分组 default 下对于模型 ${model} 无可用渠道`, rid, { code: "model_not_found" }));
    case "400-prompt-blocked":
      return json(400, newApiError("request blocked by Gemini API: PROHIBITED_CONTENT", rid, { param: "", code: "prompt_blocked" }));
    case "500-empty-response":
      return json(500, newApiError("empty response from Gemini API", rid, { param: "", code: "empty_response" }));
    case "500-no-images":
      return json(500, newApiError("no images generated", rid, { param: "", code: "" }));
    case "500-do-request-failed":
      return json(500, newApiError("请求上游地址失败: dial tcp 10.0.3.7:443: connect: connection refused", rid, { param: "", code: "do_request_failed" }));
    case "413":
      return json(413, newApiError("http: request body too large", rid, { param: "", code: "read_request_body_failed" }));
    case "429": return json(429, newApiError("您已达到请求数限制：1分钟内最多请求10次", rid));
    case "429-retry-after":
      return json(429, newApiError("您已达到请求数限制：1分钟内最多请求10次", rid), { "Retry-After": "60" });
    case "429-empty": return { status: 429, body: null, headers: {} };
    case "429-upstream":
      return json(429, { error: { message: withRid("当前分组上游负载已饱和，请稍后再试", rid), type: "upstream_error", param: "", code: "" } });
    case "429-upstream-quota":
      return json(429, { error: { message: withRid("当前分组上游负载已饱和，请稍后再试", rid), type: "insufficient_quota", param: "", code: "" } });
    case "429-gemini": // upstream JSON error passed through; Gemini's numeric code stays a number (quirk 14)
      return json(429, { error: { message: withRid("Resource has been exhausted (e.g. check quota).", rid), type: "upstream_error", param: "", code: 429 } });
    case "404-gemini":
      return json(404, { error: { message: withRid(`models/${model} is not found for API version v1beta, or is not supported for generateContent.`, rid), type: "upstream_error", param: "", code: 404 } });
    case "400-no-code": // code missing entirely
      return json(400, { error: { message: withRid("Invalid request: messages must not be empty", rid), type: "invalid_request_error" } });
    case "400-openai": // OpenAI-style pass-through: param null, string code
      return json(400, { error: { message: withRid("Invalid value for 'temperature': expected a number between 0 and 2.", rid), type: "invalid_request_error", param: null, code: "invalid_value" } });
    case "502-wrapped":
      return json(502, { error: { message: withRid("bad response status code 502", rid), type: "upstream_error", param: "502", code: "bad_response_status_code" } });
    case "content-policy":
      return json(400, { error: { message: withRid("Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.", rid), type: "invalid_request_error", param: null, code: "content_policy_violation" } });
    case "html-502": return { status: 502, body: NGINX(502, "Bad Gateway"), headers: { "Content-Type": "text/html", Server: "nginx" }, proxy: true };
    case "html-503": return { status: 503, body: NGINX(503, "Service Temporarily Unavailable"), headers: { "Content-Type": "text/html", Server: "nginx" }, proxy: true };
    case "html-504": return { status: 504, body: NGINX(504, "Gateway Time-out"), headers: { "Content-Type": "text/html", Server: "nginx" }, proxy: true };
    case "cf-524": return { status: 524, body: CF_524, headers: { "Content-Type": "text/html; charset=UTF-8", Server: "cloudflare", "CF-RAY": "8f1c2d3e4a5b6c7d-SJC" }, proxy: true };
    default: return null;
  }
}

export const ERROR_NAMES = [
  "401", "401-exhausted", "401-expired", "echo-key", "403-quota", "403-model", "503-no-channel",
  "400-prompt-blocked", "500-empty-response", "500-no-images", "500-do-request-failed", "413",
  "429", "429-retry-after", "429-empty", "429-upstream", "429-upstream-quota", "429-gemini", "404-gemini",
  "400-no-code", "400-openai", "502-wrapped", "content-policy", "html-502", "html-503", "html-504", "cf-524",
];

/** `sk-canary-1234abcd` → `sk-canar***…abcd` (OpenAI masks like this in its 401 text). */
export function maskKey(key) {
  if (!key) return "";
  if (key.length <= 12) return key.slice(0, 3) + "***";
  return `${key.slice(0, 8)}***…${key.slice(-4)}`;
}
