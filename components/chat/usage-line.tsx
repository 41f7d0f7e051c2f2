import type { Usage } from "@/lib/schemas";

/** Token counts as the gateway reported them. */
export function UsageLine({ usage }: { usage: Usage }) {
  const parts = [`${usage.promptTokens.toLocaleString()} in`, `${usage.completionTokens.toLocaleString()} out`];
  if (usage.reasoningTokens) parts.push(`${usage.reasoningTokens.toLocaleString()} reasoning`);
  if (usage.imageTokens) parts.push(`${usage.imageTokens.toLocaleString()} image`);
  return (
    <span className="text-xs text-muted" title={`${usage.totalTokens.toLocaleString()} tokens in total`}>
      {parts.join(" · ")} tokens
    </span>
  );
}
