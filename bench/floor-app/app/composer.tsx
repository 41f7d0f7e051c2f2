"use client";
import { useState } from "react";

/** The one client component: a controlled textarea, so the page hydrates React like any interactive page. */
export function Composer() {
  const [text, setText] = useState("");
  return <textarea id="chat-composer" aria-label="Message" rows={3} style={{ width: "100%" }} value={text} onChange={(e) => setText(e.target.value)} />;
}
