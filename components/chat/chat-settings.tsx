"use client";
import { useState } from "react";
import type { ConversationRecord } from "@/lib/client/db";
import type { ModelInfo } from "@/lib/schemas";
import { LIMITS } from "@/lib/schemas/limits";
import { saveSettings } from "@/lib/client/chat/controller";
import { IMAGE_MODEL_MAX_TOKENS_WHY, defaultMaxTokens } from "@/lib/client/chat/settings";

const field = "w-full rounded-md border border-border bg-panel px-2.5 py-1.5 text-sm";

function parseNumber(value: string, min: number, max: number, integer: boolean): number | undefined {
  if (!value.trim()) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  const clamped = Math.min(max, Math.max(min, n));
  return integer ? Math.round(clamped) : clamped;
}

/** This conversation's system prompt, temperature and max tokens, saved when a field is left. */
export function ChatSettings({ conversation, model }: { conversation: ConversationRecord; model: ModelInfo | undefined }) {
  const [system, setSystem] = useState(conversation.systemPrompt ?? "");
  const [temperature, setTemperature] = useState(conversation.temperature?.toString() ?? "");
  const [maxTokens, setMaxTokens] = useState(conversation.maxTokens?.toString() ?? "");
  const fallback = defaultMaxTokens(model);

  return (
    <section aria-label="Chat settings" className="grid gap-3 border-b border-border bg-panel px-4 py-3 md:grid-cols-[1fr_9rem_9rem]">
      <div className="md:row-span-2">
        <label htmlFor="chat-system" className="mb-1 block text-xs font-medium text-muted">
          System prompt
        </label>
        <textarea
          id="chat-system"
          rows={3}
          value={system}
          placeholder="Optional: how the model should behave in this chat"
          onChange={(e) => setSystem(e.target.value)}
          onBlur={() => void saveSettings({ systemPrompt: system.trim() || undefined })}
          className={`${field} resize-y`}
        />
      </div>
      <div>
        <label htmlFor="chat-temperature" className="mb-1 block text-xs font-medium text-muted">
          Temperature
        </label>
        <input
          id="chat-temperature"
          type="number"
          min={0}
          max={2}
          step={0.1}
          inputMode="decimal"
          placeholder="Model default"
          value={temperature}
          onChange={(e) => setTemperature(e.target.value)}
          onBlur={() => {
            const t = parseNumber(temperature, 0, 2, false);
            setTemperature(t?.toString() ?? "");
            void saveSettings({ temperature: t });
          }}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="chat-max-tokens" className="mb-1 block text-xs font-medium text-muted">
          Max tokens
        </label>
        <input
          id="chat-max-tokens"
          type="number"
          min={1}
          max={LIMITS.maxTokens}
          step={1}
          inputMode="numeric"
          placeholder={fallback ? String(fallback) : "Gateway default"}
          value={maxTokens}
          onChange={(e) => setMaxTokens(e.target.value)}
          onBlur={() => {
            const n = parseNumber(maxTokens, 1, LIMITS.maxTokens, true);
            setMaxTokens(n?.toString() ?? "");
            void saveSettings({ maxTokens: n });
          }}
          aria-describedby={fallback ? "chat-max-tokens-why" : undefined}
          className={field}
        />
      </div>
      {fallback ? (
        <p id="chat-max-tokens-why" className="text-xs text-muted md:col-span-2">
          {IMAGE_MODEL_MAX_TOKENS_WHY}
        </p>
      ) : null}
    </section>
  );
}
