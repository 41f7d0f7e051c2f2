// Minimal multipart/form-data parser (RFC 7578): enough for browsers', undici's and curl's encoders.

export function boundaryOf(contentType = "") {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? m[1] ?? m[2] : null;
}

function parseHeaders(text) {
  const h = {};
  for (const line of text.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) h[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return h;
}

function dispositionParam(disp, name) {
  const star = new RegExp(`${name}\\*=(?:UTF-8|utf-8)''([^;]+)`).exec(disp);
  if (star) { try { return decodeURIComponent(star[1]); } catch { /* fall through */ } }
  const q = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(disp);
  if (q) return q[1].replace(/\\(.)/g, "$1");
  const bare = new RegExp(`(?:^|;)\\s*${name}=([^;]+)`).exec(disp);
  return bare ? bare[1].trim() : undefined;
}

/** @returns {{ name, filename?, contentType?, headers, data: Buffer }[]} */
export function parseMultipart(body, boundary) {
  const delim = Buffer.from(`--${boundary}`);
  const parts = [];
  let pos = body.indexOf(delim);
  if (pos < 0) return parts;
  for (;;) {
    pos += delim.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing `--boundary--`
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headEnd = body.indexOf("\r\n\r\n", pos);
    if (headEnd < 0) break;
    const headers = parseHeaders(body.subarray(pos, headEnd).toString("utf8"));
    const dataStart = headEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delim]), dataStart);
    if (next < 0) break;
    const disp = headers["content-disposition"] ?? "";
    parts.push({
      name: dispositionParam(disp, "name"),
      filename: dispositionParam(disp, "filename"),
      contentType: headers["content-type"],
      headers,
      data: body.subarray(dataStart, next),
    });
    pos = next + 2;
  }
  return parts;
}
